/**
 * GSI changes the schema lock warns about (not refusals: no data is lost, but queries break or a deploy
 * runs for hours). Between the lock and the stack:
 * - a GSI whose keys or projection changed: DynamoDB cannot alter an index, so Terraform and Pulumi
 *   delete it and create it anew; until the new one has backfilled, queries on that index name fail
 *   (ResourceNotFoundException / ValidationException) or see it CREATING;
 * - more than one GSI created or deleted in one change: UpdateTable creates or deletes one GSI per
 *   call ("You can create or delete only one global secondary index per UpdateTable operation",
 *   DynamoDB API reference, UpdateTable), so the tool runs them one after another, each creation with
 *   its own backfill, in a single deployment that can outlast its timeouts.
 * Each warning carries the safe sequence. Locks written before GSIs were recorded compare nothing.
 */
import type { LockedGsi, LockedKey, SchemaLock } from "./schema-lock";

export interface IndexWarning {
  table: string;
  component: string;
  tableName: string;
  /** `globalSecondaryIndexes["byStatus"]`, or `globalSecondaryIndexes` for a count of creations/deletions. */
  setting: string;
  locked: string;
  current: string;
  message: string;
  fix: string;
}

const keyText = (k: LockedKey | null) => (k ? `${k.name} (${k.type})` : "none");
const shape = (g: LockedGsi) => `partition ${keyText(g.partitionKey)}, sort ${keyText(g.sortKey)}, projection ${g.projectionType}` +
  (g.nonKeyAttributes.length ? ` [${g.nonKeyAttributes.join(", ")}]` : "");
const names = (list: string[]) => list.map((n) => `"${n}"`).join(", ");

export function indexWarnings(lock: SchemaLock, current: SchemaLock): IndexWarning[] {
  const warnings: IndexWarning[] = [];
  for (const [table, now] of Object.entries(current.tables)) {
    const was = Object.hasOwn(lock.tables, table) ? lock.tables[table] : undefined;
    if (!was?.globalSecondaryIndexes || !now.globalSecondaryIndexes) continue;
    const before = new Map(was.globalSecondaryIndexes.map((g) => [g.name, g]));
    const after = new Map(now.globalSecondaryIndexes.map((g) => [g.name, g]));
    const base = { table, component: was.component, tableName: was.tableName };
    for (const [name, g] of after) {
      const old = before.get(name);
      if (!old || shape(old) === shape(g)) continue;
      warnings.push({
        ...base, setting: `globalSecondaryIndexes["${name}"]`, locked: shape(old), current: shape(g),
        message: "changed keys or projection: DynamoDB cannot alter an index, so it is deleted and rebuilt, and queries on it fail until the new one has backfilled",
        fix: `keep "${name}" as it was and add the new shape as a new GSI (e.g. "${name}V2"); deploy and wait until it is ACTIVE; ` +
          `move the queries to it; remove "${name}" in a later change; then run \`dynamodb-blueprints lock --stack ${lock.stack}\` and commit the lock file`,
      });
    }
    const created = [...after.keys()].filter((n) => !before.has(n));
    const deleted = [...before.keys()].filter((n) => !after.has(n));
    if (created.length + deleted.length > 1) {
      warnings.push({
        ...base, setting: "globalSecondaryIndexes",
        locked: `${before.size} ${before.size === 1 ? "index" : "indexes"}`, current: [
          ...(created.length ? [`created ${names(created)}`] : []), ...(deleted.length ? [`deleted ${names(deleted)}`] : []),
        ].join(", "),
        message: "creates or deletes more than one GSI in one change: DynamoDB takes one per UpdateTable call, so they run one after another, each creation backfilling, in one long deployment",
        fix: `create or delete one GSI per deployment (${[...created.map((n) => `create "${n}"`), ...deleted.map((n) => `delete "${n}"`)].join(", then ")}), ` +
          `waiting for each to be ACTIVE (or gone); run \`dynamodb-blueprints lock --stack ${lock.stack}\` after each and commit the lock file`,
      });
    }
  }
  return warnings;
}

/** What `lock` prints when it records such a change (after which `check` no longer warns). */
export function indexWarningLines(lock: SchemaLock, current: SchemaLock): string[] {
  return indexWarnings(lock, current).map((w) => `warning: ${w.table} ${w.setting} (${w.locked} -> ${w.current}): ${w.message}.`);
}
