/**
 * The reference program: the article's set of tables, from stack config alone. `index.ts` renders it
 * with Pulumi; the CLI plans, checks, emits HCL for and deploys locally the very same list. Also the
 * `Declaration` a user writes (in a program or a stack file) and how one becomes a validated blueprint.
 */
import { StackConfig } from "./stack-config";
import {
  OrdersTableArgs, StateLockTableArgs, dynamoTable, ordersTable, productionTable, stateLockTable,
} from "../model/blueprints";
import { TerraformStateBackendArgs, stateBackend } from "../model/state-backend";
import { Lifecycle, TableArgs } from "../model/types";
import { Blueprint } from "../model/stack";

/** One component as a user would write it: kind, name, args and lifecycle options. */
export type Declaration =
  | { kind: "DynamoTable" | "ProductionTable"; name: string; args: TableArgs; options: Lifecycle }
  | { kind: "StateLockTable"; name: string; args: StateLockTableArgs; options: Lifecycle }
  | { kind: "OrdersTable"; name: string; args: OrdersTableArgs; options: Lifecycle }
  | { kind: "TerraformStateBackend"; name: string; args: TerraformStateBackendArgs; options: Lifecycle };

/** The settings every non-production table of the stack shares, from config. */
function common(config: StackConfig): Partial<TableArgs> {
  return {
    ...(config.monitoring ? { monitoring: {} } : {}),
    pointInTimeRecovery: config.pointInTimeRecovery,
    recoveryPeriodInDays: config.pointInTimeRecovery ? config.recoveryPeriodInDays : undefined,
    deletionProtection: config.deletionProtection,
    encryption: config.encryption,
  };
}

/** The article's set of components for one stack, as declarations. */
export function referenceDeclarations(config: StackConfig): Declaration[] {
  const options = { protect: config.protect, retainOnDelete: config.protect };
  const tags = { Environment: config.environment, ManagedBy: "dynamodb-blueprints", ...config.tags };
  const productionData: TableArgs = {
    tableName: `production-data-${config.environment}`,
    partitionKey: { name: "id", type: "S" },
    tags: { ...tags, Compliance: "pci-dss" },
  };
  const scaling = { min: config.highTrafficMinCapacity, max: config.highTrafficMaxCapacity, targetUtilization: config.targetUtilization };
  return [
    {
      kind: "TerraformStateBackend", name: "state", options,
      args: {
        bucketName: config.stateBucketName, stateKey: config.stateKey, region: config.region, lockTableName: config.lockTableName,
        lockTableDeletionProtection: config.deletionProtection, lockTableEncryption: config.encryption, tags,
      },
    },
    {
      kind: "OrdersTable", name: "orders", options,
      // UserErrors is account-wide: one alarm per stack, on the busiest table.
      args: { environment: config.environment, ...common(config), ...(config.monitoring ? { monitoring: { userErrors: true } } : {}), tags },
    },
    {
      kind: "DynamoTable", name: "high-traffic", options,
      args: {
        tableName: `high-traffic-${config.environment}`,
        partitionKey: { name: "id", type: "S" },
        billingMode: "PROVISIONED",
        autoscaling: { read: scaling, write: scaling, scaleInCooldown: 60, scaleOutCooldown: 60 },
        ...common(config),
        tags,
      },
    },
    // Production gets the full ProductionTable blueprint; other stacks the same schema, cheaply.
    config.protect
      ? {
        kind: "ProductionTable", name: "production-data", options,
        args: { ...productionData, recoveryPeriodInDays: config.recoveryPeriodInDays, ...(config.monitoring ? { monitoring: {} } : {}) },
      }
      : { kind: "DynamoTable", name: "production-data", options, args: { ...productionData, ...common(config) } },
  ];
}

/** Validate one declaration into its blueprint (throws BlueprintValidationError). */
export function resolveDeclaration(d: Declaration): Blueprint {
  switch (d.kind) {
    case "DynamoTable": return dynamoTable(d.name, d.args, d.options);
    case "ProductionTable": return productionTable(d.name, d.args, d.options);
    case "StateLockTable": return stateLockTable(d.name, d.args, d.options);
    case "OrdersTable": return ordersTable(d.name, d.args, d.options);
    case "TerraformStateBackend": return stateBackend(d.name, d.args, d.options);
  }
}

