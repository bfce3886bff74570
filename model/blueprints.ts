/**
 * The article's named blueprints as pure functions: each takes the user's args and returns what the
 * general table model needs, so `StateLockTable`, `OrdersTable` and `ProductionTable` are thin
 * presets over `DynamoTable` rather than separate code paths.
 */
import { EncryptionMode, Lifecycle, TableArgs, TableOptions, TableSpec } from "./types";
import { Problem, ProblemList } from "./errors";
import { checkUnknownKeys } from "./validate";
import { NAME_CHARACTERS } from "./rules";
import { NO_LIFECYCLE, resolveTableSpec } from "./table";
import { snapshotArgs } from "./snapshot";

export type BlueprintKind = "DynamoTable" | "StateLockTable" | "OrdersTable" | "ProductionTable" | "TerraformStateBackend";

export const DEFAULT_LOCK_TABLE_NAME = "terraform-state-locks";

export interface StateLockTableArgs<T = string> {
  /** Physical table name. Default `terraform-state-locks`. */
  tableName?: string;
  /** AWS deletion protection. Default false. */
  deletionProtection?: boolean;
  /** Default AWS_OWNED; production stacks use CUSTOMER_MANAGED like their other tables. */
  encryption?: EncryptionMode;
  /** With CUSTOMER_MANAGED: use this key instead of creating one. */
  kmsKeyArn?: T;
  /** Extra tags, merged over `Purpose` and `Critical`. */
  tags?: Record<string, T>;
  /** Adopt an existing lock table of this name instead of creating one (must equal tableName). */
  importFrom?: string;
  /**
   * The table's Region (and its key's), as on DynamoTable. Default: the provider's. A state backend
   * passes its own `region`, so the lock table lives where backend.tf looks for it.
   */
  region?: string;
}

export interface OrdersTableArgs<T = string> extends TableOptions<T> {
  /** Environment name (letters, digits, _ - .); the default table name is `orders-<environment>`. */
  environment: string;
}

export interface TableBlueprint<T = string> {
  kind: Exclude<BlueprintKind, "TerraformStateBackend">;
  name: string;
  table: TableSpec<T>;
  /**
   * Why the HCL would differ from what Pulumi registers (a transformation it cannot carry, engine-side
   * transforms): set by the components (components/transformations.ts); `toTerraform` refuses while present.
   */
  unrenderable?: Problem[];
}

const subjectOf = (kind: string, name: string) => `${kind} "${name}"`;

/** The article's lock table: `LockID` string key, on-demand, PITR, purpose tags. */
export function stateLockTableArgs<T>(args: StateLockTableArgs<T> = {}): TableArgs<T> {
  return {
    tableName: args.tableName ?? DEFAULT_LOCK_TABLE_NAME,
    partitionKey: { name: "LockID", type: "S" },
    billingMode: "PAY_PER_REQUEST",
    pointInTimeRecovery: true,
    deletionProtection: args.deletionProtection ?? false,
    encryption: args.encryption,
    kmsKeyArn: args.kmsKeyArn,
    tags: { Purpose: "terraform-state-locking", Critical: "true", ...(args.tags ?? {}) } as unknown as Record<string, T>,
    ...(args.importFrom !== undefined ? { importFrom: args.importFrom } : {}),
    ...(args.region !== undefined ? { region: args.region } : {}),
  };
}

export function stateLockTable<T>(name: string, args: StateLockTableArgs<T> = {}, lifecycle: Lifecycle = NO_LIFECYCLE): TableBlueprint<T> {
  const subject = subjectOf("StateLockTable", name);
  args = snapshotArgs(subject, args);
  const problems = new ProblemList();
  checkUnknownKeys(problems, subject, args ?? {}, ["tableName", "deletionProtection", "encryption", "kmsKeyArn", "tags", "importFrom", "region"]);
  problems.throwIfAny(subject);
  return { kind: "StateLockTable", name, table: resolveTableSpec(subject, name, stateLockTableArgs(args), lifecycle) };
}

/** The article's e-commerce orders table, per environment; any DynamoTable arg may be overridden. */
export function ordersTableArgs<T>(args: OrdersTableArgs<T>): TableArgs<T> {
  const { environment, ...overrides } = args;
  return {
    tableName: `orders-${environment}`,
    partitionKey: { name: "orderId", type: "S" },
    sortKey: { name: "createdAt", type: "N" },
    billingMode: "PAY_PER_REQUEST",
    globalSecondaryIndexes: [
      // Find all orders of a customer, newest first.
      { name: "CustomerOrdersIndex", partitionKey: { name: "customerId", type: "S" }, sortKey: { name: "createdAt", type: "N" }, projectionType: "ALL" },
      // Find orders by status. The key advisor flags this one: a status has few values (hot partition).
      { name: "StatusIndex", partitionKey: { name: "orderStatus", type: "S" }, sortKey: { name: "createdAt", type: "N" }, projectionType: "KEYS_ONLY" },
    ],
    ...overrides,
    tags: { Environment: environment, Purpose: "order-management", ...(overrides.tags ?? {}) } as unknown as Record<string, T>,
  };
}

export function ordersTable<T>(name: string, args: OrdersTableArgs<T>, lifecycle: Lifecycle = NO_LIFECYCLE): TableBlueprint<T> {
  const subject = subjectOf("OrdersTable", name);
  args = snapshotArgs(subject, args);
  const problems = new ProblemList();
  const env = args?.environment;
  if (typeof env !== "string" || !new RegExp(`^[${NAME_CHARACTERS}]+$`).test(env)) {
    problems.add(`${subject}.environment`, env, "must be a short name of letters, digits, _ - .", `use e.g. "dev" or "prod"`);
  }
  problems.throwIfAny(subject);
  return { kind: "OrdersTable", name, table: resolveTableSpec(subject, name, ordersTableArgs(args), lifecycle) };
}

/** What `ProductionTable` always sets: another value is an error (docs/reference.md lists these). */
export const PRODUCTION_TABLE_FIXED: readonly [keyof TableArgs, unknown, string][] = [
  ["encryption", "CUSTOMER_MANAGED", "a production table always uses a customer-managed key"],
  ["pointInTimeRecovery", true, "a production table always has point-in-time recovery"],
  ["deletionProtection", true, "a production table always has AWS deletion protection"],
];

/**
 * The article's production table: a rotating customer-managed key, SSE with it, PITR, AWS deletion
 * protection, and protect + retainOnDelete on the table and the key, always. Asking for less is an
 * error rather than a silent override, so nobody believes they turned protection off.
 */
export function productionTable<T>(name: string, args: TableArgs<T>, lifecycle?: Partial<Lifecycle>): TableBlueprint<T> {
  const subject = subjectOf("ProductionTable", name);
  args = snapshotArgs(subject, args);
  const problems = new ProblemList();
  for (const [field, required, why] of PRODUCTION_TABLE_FIXED) {
    const given = args?.[field];
    if (given !== undefined && given !== required) {
      problems.add(`${subject}.${field}`, given, why, `remove ${field}, or use DynamoTable for a table that needs ${field} = ${JSON.stringify(given)}`);
    }
  }
  for (const option of ["protect", "retainOnDelete"] as const) {
    if (lifecycle?.[option] === false) {
      problems.add(`${subject} opts.${option}`, false, `a production table is always created with ${option}`,
        "remove the option, or use DynamoTable");
    }
  }
  problems.throwIfAny(subject);
  const fixed = Object.fromEntries(PRODUCTION_TABLE_FIXED.map(([field, value]) => [field, value]));
  const table = resolveTableSpec(subject, name, { ...args, ...fixed }, { protect: true, retainOnDelete: true });
  return { kind: "ProductionTable", name, table };
}

export function dynamoTable<T>(name: string, args: TableArgs<T>, lifecycle: Lifecycle = NO_LIFECYCLE): TableBlueprint<T> {
  const subject = subjectOf("DynamoTable", name);
  return { kind: "DynamoTable", name, table: resolveTableSpec(subject, name, snapshotArgs(subject, args), lifecycle) };
}

