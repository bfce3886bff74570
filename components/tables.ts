/**
 * The table components. Each one is thin: args in, a validated blueprint from the pure model (which
 * throws before anything is registered), child resources rendered with `parent: this`, outputs, and
 * `registerOutputs` last.
 */
import * as pulumi from "@pulumi/pulumi";
import { assertProviderArguments } from "../terraform/provider-arguments";
import { assertReplicasOutsideProviderRegion } from "../model/table-region";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kms from "@pulumi/aws/kms";
import * as appautoscaling from "@pulumi/aws/appautoscaling";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as sns from "@pulumi/aws/sns";
import {
  StateLockTableArgs as ModelLockArgs, TableBlueprint, dynamoTable, ordersTable, productionTable, stateLockTable, stateLockTableArgs,
} from "../model/blueprints";
import { Lifecycle, MonitoringArgs, ReplicaArgs, StreamConsumerArgs, TableArgs, TableOptions } from "../model/types";
import { planTable } from "../model/plan-table";
import { BlueprintValidationError } from "../model/errors";
import { Rendered, childWithRole, renderPlan } from "./render";
import { GrantArgs } from "../model/grants/types";
import type { KinesisDestinationArgs } from "../model/kinesis/types";
import { TableGrants, installGrantMethods, normalizeGrantRoles, rememberChildren } from "./grants";
import { explicitAwsProvider, logComponent, noteEngineTransforms, noteExplicitProvider, reconcileTable } from "./transformations";
import { resolveTableSpec } from "../model/table";

export const PACKAGE = "dynamodb-blueprints";
export const typeToken = (type: string) => `${PACKAGE}:index:${type}`;

// The args are named, non-generic interfaces (not aliases of `TableArgs<pulumi.Input<string>>`): the Node SDK's
// component analyzer, which infers the multi-language schema (PulumiPlugin.yaml), accepts only interfaces and
// cannot read generic instantiations. They add no field: each is exactly the model's args with T = Input<string>
// (tests/components/schema.test.ts checks both directions of assignability).

/** CloudWatch alarms for a table and their notification topic. */
export interface TableMonitoring extends MonitoringArgs<pulumi.Input<string>> {}
/** A Lambda function consuming the table's stream. */
export interface TableStreamConsumer extends StreamConsumerArgs<pulumi.Input<string>> {}
/** A global-table replica in another region. */
export interface TableReplica extends ReplicaArgs<pulumi.Input<string>> {}
/** Least-privilege access to the table for one IAM role (name or ARN). */
export interface TableGrant extends GrantArgs<pulumi.Input<string>> {}
/** A Kinesis data stream receiving the table's item changes. */
export interface TableKinesisDestination extends KinesisDestinationArgs<pulumi.Input<string>> {}

/** The arguments of `DynamoTable` (the article's reusable module). */
export interface DynamoTableArgs extends TableArgs<pulumi.Input<string>> {
  /** CloudWatch alarms and their notification topic. */
  monitoring?: TableMonitoring;
  /** A Lambda consumer of the stream (needs streamViewType). */
  streamConsumer?: TableStreamConsumer;
  /** Global-table replicas in other regions (eventual consistency needs streamViewType NEW_AND_OLD_IMAGES; STRONG replicas need no stream). */
  replicas?: TableReplica[];
  /** Least-privilege access for IAM roles: one inline policy per grant. */
  grants?: TableGrant[];
  /** Also deliver every item change to this Kinesis data stream (same account and region; one per table). */
  kinesisStreamingDestination?: TableKinesisDestination;
}
/** The arguments of `StateLockTable`; everything else is fixed by the blueprint. */
export interface StateLockTableArgs extends ModelLockArgs<pulumi.Input<string>> {}
/** The arguments of `OrdersTable`: an environment, and any `DynamoTable` arg as an override. */
export interface OrdersTableArgs extends TableOptions<pulumi.Input<string>> {
  /** Environment name (letters, digits, _ - .); the default table name is `orders-<environment>`. */
  environment: string;
  /** CloudWatch alarms and their notification topic. */
  monitoring?: TableMonitoring;
  /** A Lambda consumer of the stream (needs streamViewType). */
  streamConsumer?: TableStreamConsumer;
  /** Global-table replicas in other regions (eventual consistency needs streamViewType NEW_AND_OLD_IMAGES; STRONG replicas need no stream). */
  replicas?: TableReplica[];
  /** Least-privilege access for IAM roles: one inline policy per grant. */
  grants?: TableGrant[];
  /** Also deliver every item change to this Kinesis data stream (same account and region; one per table). */
  kinesisStreamingDestination?: TableKinesisDestination;
}
/** The arguments of `ProductionTable`: those of `DynamoTable`; encryption, PITR and deletion protection are fixed. */
export type ProductionTableArgs = DynamoTableArgs;

/**
 * A component outside a Pulumi program (no `pulumi up`/`preview`, no `setMocks`) would register nowhere
 * and leave Outputs that never resolve, failing much later deep inside Pulumi's serializer. Say so now.
 */
export function assertPulumiRuntime(kind: string, name: string): void {
  if (pulumi.runtime.hasMonitor()) return;
  throw new BlueprintValidationError(`${kind} "${name}"`, [{
    where: `new ${kind}("${name}", ...)`, value: "no Pulumi runtime", message: "was created outside a Pulumi program (not under `pulumi up`/`preview`, nor after `pulumi.runtime.setMocks`)",
    fix: `in a plain script use the spec builders instead (\`import { ${kind === "TerraformStateBackend" ? "stateBackend" : kind[0].toLowerCase() + kind.slice(1)} } from "dynamodb-blueprints/terraform"\`), or run the component in a Pulumi program or under \`record()\` from "dynamodb-blueprints/testing"`,
  }]);
}

/**
 * The Region the component's table lives in when it names none: the stack's `aws:region`, unless an
 * explicit aws provider reaches it (then its Region is not known here, and emission is refused).
 */
const configRegion = (opts: pulumi.ComponentResourceOptions | undefined) => (explicitAwsProvider(opts) ? undefined : new pulumi.Config("aws").get("region"));

export function lifecycleOf(opts: pulumi.ComponentResourceOptions | undefined): Lifecycle {
  return { protect: opts?.protect ?? false, retainOnDelete: opts?.retainOnDelete ?? false };
}

// The Node SDK's component analyzer (multi-language schema, PulumiPlugin.yaml) only accepts classes that extend
// pulumi.ComponentResource directly, and reads every declared property as an output. So each component below
// extends ComponentResource itself, declares exactly its schema outputs, and keeps its blueprint behind a getter.
const BLUEPRINTS = new WeakMap<object, TableBlueprint<pulumi.Input<string>>>();
const CHILDREN = new WeakMap<object, pulumi.CustomResource[]>();

/** The child resources of a table component, typed, for programs and unit tests to assert on. */
function childrenOf<T>(component: object, type: abstract new (...args: any[]) => T): T[] {
  return (CHILDREN.get(component) ?? []).filter((r): r is pulumi.CustomResource & T => r instanceof type);
}

function blueprintOf(component: object): TableBlueprint<pulumi.Input<string>> {
  return BLUEPRINTS.get(component)!;
}

/** The component's builder over its own arguments with `changes` merged: what a transformation's change would be as an argument. */
type Rebuild = (changes: Partial<TableArgs<unknown>>, lifecycle: Lifecycle) => TableBlueprint<unknown>;

/** Shared body of every table component: render the blueprint under `component` and set its outputs. */
function renderTable(component: TableComponent, name: string, blueprint: TableBlueprint<pulumi.Input<string>>, rebuild: Rebuild,
  opts: pulumi.ComponentResourceOptions | undefined): pulumi.Inputs {
  BLUEPRINTS.set(component, blueprint);
  normalizeGrantRoles(blueprint);
  const label = `${blueprint.kind} "${name}"`;
  if ((opts?.transforms?.length ?? 0) > 0) noteEngineTransforms(component, label, "opts.transforms", blueprint);
  noteExplicitProvider(component, label, opts, blueprint);
  logComponent({ type: typeToken(blueprint.kind), name, label, resource: component, blueprint });
  const plan = planTable(blueprint.table);
  const children: Rendered = renderPlan(plan, component);
  reconcileTable(component, { component: label, blueprint: blueprint as TableBlueprint<unknown>, rebuild: (changes, lifecycle) => rebuild(changes, lifecycle).table });
  CHILDREN.set(component, [...children.values()]);
  rememberChildren(component, children);
  const table = childWithRole(plan, children, "table") as dynamodb.Table;
  const key = childWithRole(plan, children, "kmsKey") as unknown as { arn: pulumi.Output<string> } | undefined;
  const outputs = {
    tableName: table.name,
    tableArn: table.arn,
    streamArn: table.streamArn,
    kmsKeyArn: key ? key.arn : pulumi.output(blueprint.table.kmsKeyArn as pulumi.Input<string> | undefined),
  };
  Object.assign(component, { table, ...outputs });
  return outputs;
}

/** The general, reusable table (the article's module). */
export class DynamoTable extends pulumi.ComponentResource {
  /** The DynamoDB table. */
  declare readonly table: dynamodb.Table;
  /** Physical table name. */
  declare readonly tableName: pulumi.Output<string>;
  /** Table ARN. */
  declare readonly tableArn: pulumi.Output<string>;
  /** Stream ARN; empty unless `streamViewType` is set. */
  declare readonly streamArn: pulumi.Output<string>;
  /** The key encrypting the table, when it uses a customer-managed key. */
  declare readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** The validated model this component rendered; `toTerraform` reads it. */
  get blueprint(): TableBlueprint<pulumi.Input<string>> { return blueprintOf(this); }
  /** The customer-managed KMS key encrypting the table, when the table has one. */
  get key(): kms.Key | undefined { return childrenOf(this, kms.Key)[0]; }
  /** Auto scaling targets (table and GSIs, read and write); empty without autoscaling. */
  get scalingTargets(): appautoscaling.Target[] { return childrenOf(this, appautoscaling.Target); }
  /** Target-tracking policies, one per scaling target. */
  get scalingPolicies(): appautoscaling.Policy[] { return childrenOf(this, appautoscaling.Policy); }
  /** CloudWatch alarms; empty without `monitoring`. */
  get alarms(): cloudwatch.MetricAlarm[] { return childrenOf(this, cloudwatch.MetricAlarm); }
  /** The SNS topic the alarms notify, when monitoring created one. */
  get alarmTopic(): sns.Topic | undefined { return childrenOf(this, sns.Topic)[0]; }

  constructor(name: string, args: DynamoTableArgs, opts?: pulumi.ComponentResourceOptions) {
    assertPulumiRuntime("DynamoTable", name);
    const blueprint = dynamoTable(name, args, lifecycleOf(opts));
    assertProviderArguments([blueprint]); // against the provider schema, before anything is registered
    assertReplicasOutsideProviderRegion([blueprint], configRegion(opts));
    super(typeToken("DynamoTable"), name, {}, opts);
    this.registerOutputs(renderTable(this, name, blueprint, (changes, lifecycle) => dynamoTable(name, { ...args, ...changes } as DynamoTableArgs, lifecycle), opts));
  }
}

/** The Terraform state lock table (`LockID`, on-demand, PITR). */
export class StateLockTable extends pulumi.ComponentResource {
  /** The DynamoDB table. */
  declare readonly table: dynamodb.Table;
  /** Physical table name. */
  declare readonly tableName: pulumi.Output<string>;
  /** Table ARN. */
  declare readonly tableArn: pulumi.Output<string>;
  /** Stream ARN; empty unless `streamViewType` is set. */
  declare readonly streamArn: pulumi.Output<string>;
  /** The key encrypting the table, when it uses a customer-managed key. */
  declare readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** The validated model this component rendered; `toTerraform` reads it. */
  get blueprint(): TableBlueprint<pulumi.Input<string>> { return blueprintOf(this); }
  /** The customer-managed KMS key encrypting the table, when the table has one. */
  get key(): kms.Key | undefined { return childrenOf(this, kms.Key)[0]; }
  /** Auto scaling targets (table and GSIs, read and write); empty without autoscaling. */
  get scalingTargets(): appautoscaling.Target[] { return childrenOf(this, appautoscaling.Target); }
  /** Target-tracking policies, one per scaling target. */
  get scalingPolicies(): appautoscaling.Policy[] { return childrenOf(this, appautoscaling.Policy); }
  /** CloudWatch alarms; empty without `monitoring`. */
  get alarms(): cloudwatch.MetricAlarm[] { return childrenOf(this, cloudwatch.MetricAlarm); }
  /** The SNS topic the alarms notify, when monitoring created one. */
  get alarmTopic(): sns.Topic | undefined { return childrenOf(this, sns.Topic)[0]; }

  constructor(name: string, args: StateLockTableArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    assertPulumiRuntime("StateLockTable", name);
    const blueprint = stateLockTable(name, args, lifecycleOf(opts));
    super(typeToken("StateLockTable"), name, {}, opts);
    // Its arguments are a fixed few: a change to any other table argument is judged on the table arguments it fixes.
    this.registerOutputs(renderTable(this, name, blueprint, (changes, lifecycle) => ({ kind: "StateLockTable", name,
      table: resolveTableSpec(`StateLockTable "${name}"`, name, { ...stateLockTableArgs(args), ...changes } as TableArgs<unknown>, lifecycle) }), opts));
  }
}

/** The article's e-commerce orders table for one environment. */
export class OrdersTable extends pulumi.ComponentResource {
  /** The DynamoDB table. */
  declare readonly table: dynamodb.Table;
  /** Physical table name. */
  declare readonly tableName: pulumi.Output<string>;
  /** Table ARN. */
  declare readonly tableArn: pulumi.Output<string>;
  /** Stream ARN; empty unless `streamViewType` is set. */
  declare readonly streamArn: pulumi.Output<string>;
  /** The key encrypting the table, when it uses a customer-managed key. */
  declare readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** The validated model this component rendered; `toTerraform` reads it. */
  get blueprint(): TableBlueprint<pulumi.Input<string>> { return blueprintOf(this); }
  /** The customer-managed KMS key encrypting the table, when the table has one. */
  get key(): kms.Key | undefined { return childrenOf(this, kms.Key)[0]; }
  /** Auto scaling targets (table and GSIs, read and write); empty without autoscaling. */
  get scalingTargets(): appautoscaling.Target[] { return childrenOf(this, appautoscaling.Target); }
  /** Target-tracking policies, one per scaling target. */
  get scalingPolicies(): appautoscaling.Policy[] { return childrenOf(this, appautoscaling.Policy); }
  /** CloudWatch alarms; empty without `monitoring`. */
  get alarms(): cloudwatch.MetricAlarm[] { return childrenOf(this, cloudwatch.MetricAlarm); }
  /** The SNS topic the alarms notify, when monitoring created one. */
  get alarmTopic(): sns.Topic | undefined { return childrenOf(this, sns.Topic)[0]; }

  constructor(name: string, args: OrdersTableArgs, opts?: pulumi.ComponentResourceOptions) {
    assertPulumiRuntime("OrdersTable", name);
    const blueprint = ordersTable(name, args, lifecycleOf(opts));
    assertProviderArguments([blueprint]); // against the provider schema, before anything is registered
    assertReplicasOutsideProviderRegion([blueprint], configRegion(opts));
    super(typeToken("OrdersTable"), name, {}, opts);
    this.registerOutputs(renderTable(this, name, blueprint, (changes, lifecycle) => ordersTable(name, { ...args, ...changes } as OrdersTableArgs, lifecycle), opts));
  }
}

/** A table with every production safeguard, always: CMK, PITR, deletion protection, protect, retain. */
export class ProductionTable extends pulumi.ComponentResource {
  /** The DynamoDB table. */
  declare readonly table: dynamodb.Table;
  /** Physical table name. */
  declare readonly tableName: pulumi.Output<string>;
  /** Table ARN. */
  declare readonly tableArn: pulumi.Output<string>;
  /** Stream ARN; empty unless `streamViewType` is set. */
  declare readonly streamArn: pulumi.Output<string>;
  /** The key encrypting the table (always customer-managed here). */
  declare readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** The validated model this component rendered; `toTerraform` reads it. */
  get blueprint(): TableBlueprint<pulumi.Input<string>> { return blueprintOf(this); }
  /** The customer-managed KMS key encrypting the table, when the table has one. */
  get key(): kms.Key | undefined { return childrenOf(this, kms.Key)[0]; }
  /** Auto scaling targets (table and GSIs, read and write); empty without autoscaling. */
  get scalingTargets(): appautoscaling.Target[] { return childrenOf(this, appautoscaling.Target); }
  /** Target-tracking policies, one per scaling target. */
  get scalingPolicies(): appautoscaling.Policy[] { return childrenOf(this, appautoscaling.Policy); }
  /** CloudWatch alarms; empty without `monitoring`. */
  get alarms(): cloudwatch.MetricAlarm[] { return childrenOf(this, cloudwatch.MetricAlarm); }
  /** The SNS topic the alarms notify, when monitoring created one. */
  get alarmTopic(): sns.Topic | undefined { return childrenOf(this, sns.Topic)[0]; }

  constructor(name: string, args: ProductionTableArgs, opts?: pulumi.ComponentResourceOptions) {
    assertPulumiRuntime("ProductionTable", name);
    const blueprint = productionTable(name, args, { protect: opts?.protect, retainOnDelete: opts?.retainOnDelete });
    assertProviderArguments([blueprint]); // against the provider schema, before anything is registered
    assertReplicasOutsideProviderRegion([blueprint], configRegion(opts));
    super(typeToken("ProductionTable"), name, {}, { ...opts, protect: true, retainOnDelete: true });
    this.registerOutputs(renderTable(this, name, blueprint, (changes, lifecycle) => productionTable(name, { ...args, ...changes } as ProductionTableArgs, lifecycle), opts));
  }
}

// Every table component has the grant methods (components/grants.ts): declared here, installed once.
export interface DynamoTable extends TableGrants {}
export interface StateLockTable extends TableGrants {}
export interface OrdersTable extends TableGrants {}
export interface ProductionTable extends TableGrants {}
for (const cls of [DynamoTable, StateLockTable, OrdersTable, ProductionTable]) installGrantMethods(cls);

/** Any of the table components (they share outputs and a blueprint, but no base class: see above). */
export type TableComponent = DynamoTable | StateLockTable | OrdersTable | ProductionTable;

export function isTableComponent(value: unknown): value is TableComponent {
  return value instanceof DynamoTable || value instanceof StateLockTable || value instanceof OrdersTable ||
    value instanceof ProductionTable;
}
