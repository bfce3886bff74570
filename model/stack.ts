/**
 * The reference program: the article's set of tables, from stack config alone. `index.ts` renders it
 * with Pulumi; the CLI plans, checks, emits HCL for and deploys locally the very same list.
 */
import { StackConfig } from "../project/stack-config";
import {
  OrdersTableArgs, StateLockTableArgs, TableBlueprint, dynamoTable, ordersTable, productionTable, stateLockTable,
} from "./blueprints";
import { StateBackendBlueprint, TerraformStateBackendArgs, planStateBucket, stateBackend } from "./state-backend";
import { ProblemList } from "./errors";
import { Lifecycle, TableArgs } from "./types";
import { PlannedResource } from "./resources";
import { planTable } from "./plan-table";

export type Blueprint<T = string> = TableBlueprint<T> | StateBackendBlueprint<T>;

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

export function referenceStack(config: StackConfig): Blueprint[] {
  const blueprints = referenceDeclarations(config).map(resolveDeclaration);
  assertUniqueTableNames(blueprints);
  return blueprints;
}

/** Every table blueprint, including the lock table inside a state backend. */
export function tablesOf<T>(blueprints: Blueprint<T>[]): TableBlueprint<T>[] {
  return blueprints.flatMap((b) => (b.kind === "TerraformStateBackend" ? [b.lockTable] : [b]));
}

/** Two blueprints creating one physical table would fail at deploy with ResourceInUseException. */
export function assertUniqueTableNames<T>(blueprints: Blueprint<T>[]): void {
  const problems = new ProblemList();
  const seen = new Map<string, string>();
  const names = new Map<string, string>();
  for (const b of blueprints) {
    const previousName = names.get(b.name);
    if (previousName) problems.add(`${b.kind} "${b.name}"`, b.name, `uses the same component name as ${previousName}`, "give each blueprint its own name");
    names.set(b.name, `${b.kind} "${b.name}"`);
  }
  for (const t of tablesOf(blueprints)) {
    const previous = seen.get(t.table.tableName);
    if (previous) {
      problems.add(`${t.kind} "${t.name}".tableName`, t.table.tableName, `is already used by ${previous} (DynamoDB would answer ResourceInUseException)`,
        "give each table its own tableName");
    } else seen.set(t.table.tableName, `${t.kind} "${t.name}"`);
  }
  problems.throwIfAny("Stack");
}

/** Every planned resource of a blueprint, in dependency order. */
export function planBlueprint<T>(blueprint: Blueprint<T>): PlannedResource[] {
  if (blueprint.kind === "TerraformStateBackend") {
    return [...planStateBucket(blueprint as StateBackendBlueprint<unknown>), ...planTable(blueprint.lockTable.table as never)];
  }
  return planTable(blueprint.table as never);
}

/**
 * What is missing from an object that claims to be a blueprint (a forged `{ kind: "DynamoTable" }`
 * passed where a component is expected), or undefined when it has a blueprint's shape. Checked before
 * any field is read, so a forgery is a clear error rather than a TypeError deep in a renderer.
 */
export function blueprintShapeProblem(candidate: unknown): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  const tableProblem = (t: unknown, at: string): string | undefined => {
    if (!isObject(t)) return `${at} is missing`;
    if (!isObject(t.lifecycle)) return `${at}.lifecycle is missing`;
    if (typeof t.tableName !== "string" && !isObject(t.tableName)) return `${at}.tableName is missing`;
    if (!isObject(t.partitionKey)) return `${at}.partitionKey is missing`;
    return undefined;
  };
  if (!isObject(candidate) || typeof candidate.name !== "string") return "name is missing";
  if (candidate.kind === "TerraformStateBackend") {
    if (typeof candidate.bucketName !== "string") return "bucketName is missing";
    return isObject(candidate.lockTable) ? tableProblem(candidate.lockTable.table, "lockTable.table") : "lockTable is missing";
  }
  return tableProblem(candidate.table, "table");
}
