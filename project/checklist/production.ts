/**
 * Which resources `check` judges as production: only what the user declared, per table.
 *
 *   - a `ProductionTable` (it always protects its table and key),
 *   - a table created with the resource option `{ protect: true }` (Pulumi copies `protect` from a
 *     component to its children, so `new DynamoTable("x", args, { protect: true })` protects the table),
 *   - or every table of a stack whose file says `dynamodb-blueprints:production: true`.
 *
 * Nothing is inferred from another table, from the stack's name or from tags: a protected `events`
 * table does not make the unprotected `users` table beside it production. A KMS key or bucket is
 * production when its component's table is (or the stack is).
 */
import type { ChecklistInput, ProductionDeclaration, RecordedResource } from "./types";
import { COMPONENT_PREFIX, TYPES, parentOf, tableName } from "./inspect";
import { PROJECT } from "../stack-config";

/** The one stack-level setting: `dynamodb-blueprints:production: true` in `Pulumi.<stack>.yaml`. */
export const PRODUCTION_SETTING = `${PROJECT}:production`;

export type { ProductionDeclaration };

const PRODUCTION_TABLE = `${COMPONENT_PREFIX}ProductionTable`;

/** The component that created a resource, as the user wrote it: `DynamoTable "orders"` (or the raw resource). */
export function componentLabel(resources: RecordedResource[], r: RecordedResource): string {
  const parent = parentOf(resources, r);
  if (parent && parent.type.startsWith(COMPONENT_PREFIX)) return `${parent.type.slice(COMPONENT_PREFIX.length)} "${parent.name}"`;
  return `${r.type === TYPES.table ? "aws.dynamodb.Table" : r.type} "${r.name}"`;
}

/** Whether `r` (a table, key or bucket) is production by what the user declared. */
export function isProduction(input: ChecklistInput, r: RecordedResource): boolean {
  if (input.production?.stackWide) return true;
  if (r.protect) return true;
  const parent = parentOf(input.resources, r);
  if (!parent) return false;
  if (parent.type === PRODUCTION_TABLE) return true;
  // A component's key or bucket follows the table it serves.
  return input.resources.some((s) => s.parentUrn === parent.urn && s.type === TYPES.table && s.protect);
}

/** The stack-wide declaration from a stack's config (`namespace:key` -> string, as Pulumi holds it). */
export function declaredProduction(config: Record<string, string>, source: string): ProductionDeclaration {
  return { stackWide: config[PRODUCTION_SETTING] === "true", source };
}

/** The production tables, by physical name. */
export function productionTables(input: ChecklistInput): string[] {
  return input.resources.filter((r) => r.custom && r.type === TYPES.table && isProduction(input, r)).map(tableName);
}

/** One sentence for the report's header: the rule applied and what it found. */
export function productionRule(input: ChecklistInput): string {
  const tables = input.resources.filter((r) => r.custom && r.type === TYPES.table);
  const production = productionTables(input);
  if (input.production?.stackWide) {
    return `Production: every table, because ${input.production.source ?? "the stack"} sets ${PRODUCTION_SETTING}: true.`;
  }
  const judged = production.length === 0
    ? "none of this stack's tables is"
    : production.length === tables.length ? `all ${tables.length === 1 ? "its table is" : `${tables.length} tables are`} (${production.join(", ")})` : `${production.join(", ")} ${production.length === 1 ? "is" : "are"}; ${tables.filter((t) => !production.includes(tableName(t))).map(tableName).join(", ")} ${tables.length - production.length === 1 ? "is" : "are"} not`;
  return `Production is declared per table (a ProductionTable, or { protect: true } on the component), or for every table with ${PRODUCTION_SETTING}: true in the stack file: ${judged}.`;
}
