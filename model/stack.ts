/**
 * A stack's blueprints as the renderers take them: the `Blueprint` union (a table or a state backend),
 * the tables inside it, the one-table-per-name rule, the resource plan of each, and the shape check
 * that turns a forged blueprint into a clear error. The reference stack that produces these from stack
 * config lives in project/reference-stack.ts.
 */
import { TableBlueprint } from "./blueprints";
import { StateBackendBlueprint, planStateBucket } from "./state-backend";
import { ProblemList } from "./errors";
import { PlannedResource } from "./resources";
import { planTable } from "./plan-table";

export type Blueprint<T = string> = TableBlueprint<T> | StateBackendBlueprint<T>;

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
