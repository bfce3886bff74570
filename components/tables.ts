/**
 * The table components. Each one is thin: args in, a validated blueprint from the pure model (which
 * throws before anything is registered), child resources rendered with `parent: this`, outputs, and
 * `registerOutputs` last.
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import {
  OrdersTableArgs as ModelOrdersArgs, StateLockTableArgs as ModelLockArgs, TableBlueprint, dynamoTable, ordersTable,
  productionTable, stateLockTable,
} from "../model/blueprints";
import { Lifecycle, TableArgs } from "../model/types";
import { planTable } from "../model/plan-table";
import { Rendered, renderPlan } from "./render";

export const PACKAGE = "dynamodb-blueprints";
export const typeToken = (type: string) => `${PACKAGE}:index:${type}`;

export type DynamoTableArgs = TableArgs<pulumi.Input<string>>;
export type StateLockTableArgs = ModelLockArgs<pulumi.Input<string>>;
export type OrdersTableArgs = ModelOrdersArgs<pulumi.Input<string>>;
export type ProductionTableArgs = DynamoTableArgs;

export function lifecycleOf(opts: pulumi.ComponentResourceOptions | undefined): Lifecycle {
  return { protect: opts?.protect ?? false, retainOnDelete: opts?.retainOnDelete ?? false };
}

/** Shared body of every table component; the subclasses only choose the blueprint and the token. */
export abstract class TableComponent extends pulumi.ComponentResource {
  /** The validated model this component rendered; `toTerraform` reads it. */
  readonly blueprint: TableBlueprint<pulumi.Input<string>>;
  readonly table: dynamodb.Table;
  readonly tableName: pulumi.Output<string>;
  readonly tableArn: pulumi.Output<string>;
  /** Empty unless `streamViewType` is set. */
  readonly streamArn: pulumi.Output<string>;
  /** The key encrypting the table, when it uses a customer-managed key. */
  readonly kmsKeyArn: pulumi.Output<string | undefined>;
  protected readonly children: Rendered;

  protected constructor(type: string, name: string, blueprint: TableBlueprint<pulumi.Input<string>>,
    opts: pulumi.ComponentResourceOptions | undefined) {
    super(typeToken(type), name, {}, opts);
    this.blueprint = blueprint;
    this.children = renderPlan(planTable(blueprint.table), this);
    this.table = this.children.get(name) as dynamodb.Table;
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
    this.streamArn = this.table.streamArn;
    const key = this.children.get(`${name}-key`) as unknown as { arn: pulumi.Output<string> } | undefined;
    this.kmsKeyArn = key ? key.arn : pulumi.output(blueprint.table.kmsKeyArn as pulumi.Input<string> | undefined);
    this.registerOutputs({
      tableName: this.tableName,
      tableArn: this.tableArn,
      streamArn: this.streamArn,
      kmsKeyArn: this.kmsKeyArn,
    });
  }
}

/** The general, reusable table (the article's module). */
export class DynamoTable extends TableComponent {
  constructor(name: string, args: DynamoTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("DynamoTable", name, dynamoTable(name, args, lifecycleOf(opts)), opts);
  }
}

/** The Terraform state lock table (`LockID`, on-demand, PITR). */
export class StateLockTable extends TableComponent {
  constructor(name: string, args: StateLockTableArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("StateLockTable", name, stateLockTable(name, args, lifecycleOf(opts)), opts);
  }
}

/** The article's e-commerce orders table for one environment. */
export class OrdersTable extends TableComponent {
  constructor(name: string, args: OrdersTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OrdersTable", name, ordersTable(name, args, lifecycleOf(opts)), opts);
  }
}

/** A table with every production safeguard, always: CMK, PITR, deletion protection, protect, retain. */
export class ProductionTable extends TableComponent {
  constructor(name: string, args: ProductionTableArgs, opts?: pulumi.ComponentResourceOptions) {
    const blueprint = productionTable(name, args, { protect: opts?.protect, retainOnDelete: opts?.retainOnDelete });
    super("ProductionTable", name, blueprint, { ...opts, protect: true, retainOnDelete: true });
  }
}
