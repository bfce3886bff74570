/**
 * The schema lock: per stack, the settings DynamoDB cannot change in place (table name, key schema,
 * local secondary indexes) as they were last deployed on purpose. Changing any of them makes
 * Terraform and Pulumi replace the table, i.e. delete it with its data and create an empty one
 * (the article's "Terraform wants to replace the table"). Comparing the stack against a committed
 * lock turns that silent plan line into a refusal that names the table, the setting and both ways
 * out: revert, or accept the replacement explicitly (which rewrites the lock in the same commit).
 *
 * Pure: no file access. project/schema-lock-file.ts reads and writes `dynamodb-blueprints.<stack>.lock.json`.
 */
import { ATTRIBUTE_TYPES, AttributeType, KeyAttribute, ProjectionType } from "../model/types";
import { BlueprintValidationError, Problem, ProblemList, didYouMean } from "../model/errors";
import { Blueprint, tablesOf } from "../model/stack";
import type { TableBlueprint } from "../model/blueprints";
import { creationSourceText } from "../model/creation-source";
import { LockedWarmThroughput, checkLockedWarm, lockedWarm, warmChanges } from "./schema-lock-warm";
import { LockedConsistency, checkLockedConsistency, consistencyChange, consistencyFix, lockedConsistency } from "./schema-lock-consistency";

export const LOCK_VERSION = 1;
export const lockFileName = (stack: string) => `dynamodb-blueprints.${stack}.lock.json`;

const NOTE = "Settings DynamoDB cannot change in place, per component. Written by `dynamodb-blueprints lock`; " +
  "a change here means a table is replaced (deleted and recreated): review it like a migration.";

export interface LockedKey { name: string; type: AttributeType }
export interface LockedLsi { name: string; sortKey: LockedKey; projectionType: ProjectionType; nonKeyAttributes: string[] }
export interface LockedGsi {
  name: string; partitionKey: LockedKey; sortKey: LockedKey | null; projectionType: ProjectionType; nonKeyAttributes: string[];
  /** A multi-attribute key's attributes (model/index-keys.ts); absent for a single-attribute key. */
  partitionKeys?: LockedKey[]; sortKeys?: LockedKey[];
  /** The index's warm throughput as set (project/schema-lock-warm.ts); absent when unset or in older locks. */
  warmThroughput?: LockedWarmThroughput;
}
export interface LockedTable {
  /** The component type: part of the resource's identity (its Pulumi URN), so changing it replaces too. */
  component: string;
  tableName: string;
  partitionKey: LockedKey;
  /** null records "no sort key": adding one later is a replacement as well. */
  sortKey: LockedKey | null;
  localSecondaryIndexes: LockedLsi[];
  /**
   * The GSIs as last locked, and whether any is auto scaled. Not a replacement, but while a GSI is
   * scaled Terraform ignores the whole `global_secondary_index` set (it cannot ignore one index's
   * capacity), so an index change would silently never be applied: it is refused instead, with the
   * steps that apply it. Absent in locks written before this was recorded (then nothing is compared).
   */
  globalSecondaryIndexes?: LockedGsi[];
  gsiAutoscaling?: boolean;
  /**
   * What the table was created from (model/creation-source.ts); absent for a table created empty.
   * Removing the arguments later drops their ignore and makes the provider replace the table, so that
   * is refused. A source added later is ignored (never applied), so only the locked one counts.
   */
  createdFrom?: string;
  /**
   * The table's warm throughput as set. It can only be raised (project/schema-lock-warm.ts), so a lower
   * or removed value is refused. Absent when unset, and in locks written before it was recorded.
   */
  warmThroughput?: LockedWarmThroughput;
  /** A global table's consistency mode (project/schema-lock-consistency.ts); absent for a single-Region table and in older locks. */
  consistencyMode?: LockedConsistency;
}
export interface SchemaLock {
  version: typeof LOCK_VERSION;
  note: string;
  stack: string;
  /** Keyed by component name (the Pulumi resource name and basis of the Terraform address). */
  tables: Record<string, LockedTable>;
}

/** One locked setting that differs: deploying would replace `table`. */
export interface Replacement {
  table: string; component: string; tableName: string; setting: string; locked: string; current: string;
  /** Not a replacement: an index change Terraform would ignore (see LockedTable.globalSecondaryIndexes). */
  ignoredIndexChange?: boolean;
  /** A lowered or removed warm throughput (project/schema-lock-warm.ts): of the table (it would be replaced) or of a GSI (rebuilt). */
  warmThroughput?: "table" | "index";
  /** A global table's consistency mode changed: AWS cannot change it in place (project/schema-lock-consistency.ts). */
  consistencyModeChange?: boolean;
}
export interface LockDiff {
  replacements: Replacement[];
  /** In the stack, not in the lock: harmless, recorded by the next `lock`. */
  added: { table: string; component: string; tableName: string }[];
  /** In the lock, gone from the stack: deploying deletes the table, so it is as destructive as a replacement. */
  removed: { table: string; component: string; tableName: string }[];
}

const key = (k: KeyAttribute): LockedKey => ({ name: k.name, type: k.type });
/**
 * Component names are the user's: `toString`, `constructor` or `__proto__` must be tables like any
 * other. So tables live in null-prototype objects and are only ever looked up as own properties.
 */
const byName = <V>(entries: [string, V][]): Record<string, V> => {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
};
const own = <V>(tables: Record<string, V>, name: string): V | undefined => (Object.hasOwn(tables, name) ? tables[name] : undefined);

/** A table's immutable settings, fields in a fixed order so the file is byte-stable. */
export function lockedTable(t: TableBlueprint<unknown>): LockedTable {
  return {
    component: t.kind,
    tableName: t.table.tableName,
    partitionKey: key(t.table.partitionKey),
    sortKey: t.table.sortKey ? key(t.table.sortKey) : null,
    // Order kept as declared: the provider hashes each LSI block, list order of non-key attributes included.
    localSecondaryIndexes: t.table.localSecondaryIndexes.map((l) => ({
      name: l.name, sortKey: key(l.sortKey), projectionType: l.projectionType, nonKeyAttributes: [...l.nonKeyAttributes],
    })),
    globalSecondaryIndexes: t.table.globalSecondaryIndexes.map((g) => ({
      name: g.name, partitionKey: key(g.partitionKey), sortKey: g.sortKey ? key(g.sortKey) : null,
      projectionType: g.projectionType, nonKeyAttributes: [...g.nonKeyAttributes],
      ...(g.partitionKeys ? { partitionKeys: g.partitionKeys.map(key), sortKeys: (g.sortKeys ?? []).map(key) } : {}),
      ...lockedWarm(g.warmThroughput),
    })),
    gsiAutoscaling: t.table.globalSecondaryIndexes.some((g) => g.scaling.length > 0),
    ...(creationSourceText(t.table) ? { createdFrom: creationSourceText(t.table)! } : {}),
    ...lockedWarm(t.table.warmThroughput),
    ...lockedConsistency(t.table),
  };
}

export function buildLock(stack: string, blueprints: Blueprint<unknown>[]): SchemaLock {
  const tables = byName(tablesOf(blueprints).map((t): [string, LockedTable] => [t.name, lockedTable(t)]));
  return { version: LOCK_VERSION, note: NOTE, stack, tables };
}

/** Two-space JSON with a trailing newline; keys are already in a stable order. */
export const serializeLock = (lock: SchemaLock): string => `${JSON.stringify({ ...lock, tables: byName(Object.entries(lock.tables)) }, null, 2)}\n`;

const keyText = (k: LockedKey | null | undefined) => (k ? `${k.name} (${k.type})` : "none");
const lsiText = (l: LockedLsi | undefined) => (l ? `sort ${keyText(l.sortKey)}, projection ${l.projectionType}` +
  (l.nonKeyAttributes.length ? ` [${l.nonKeyAttributes.join(", ")}]` : "") : "none");

const keysText = (keys: LockedKey[] | undefined, first: LockedKey | null) => (keys ? keys.map(keyText).join(" + ") || "none" : keyText(first));
const gsiText = (g: LockedGsi | undefined) => (g ? `partition ${keysText(g.partitionKeys, g.partitionKey)}, sort ${keysText(g.sortKeys, g.sortKey)}, projection ${g.projectionType}` +
  (g.nonKeyAttributes.length ? ` [${g.nonKeyAttributes.join(", ")}]` : "") : "none");

export function compareLock(lock: SchemaLock, current: SchemaLock): LockDiff {
  const diff: LockDiff = { replacements: [], added: [], removed: [] };
  for (const [name, now] of Object.entries(current.tables)) {
    const was = own(lock.tables, name);
    if (!was) { diff.added.push({ table: name, component: now.component, tableName: now.tableName }); continue; }
    const change = (setting: string, locked: string, current: string) => {
      if (locked !== current) diff.replacements.push({ table: name, component: was.component, tableName: was.tableName, setting, locked, current });
    };
    change("component", was.component, now.component);
    change("tableName", was.tableName, now.tableName);
    change("partitionKey", keyText(was.partitionKey), keyText(now.partitionKey));
    change("sortKey", keyText(was.sortKey), keyText(now.sortKey));
    const lsiNames = [...new Set([...was.localSecondaryIndexes, ...now.localSecondaryIndexes].map((l) => l.name))];
    for (const lsi of lsiNames) {
      change(`localSecondaryIndexes["${lsi}"]`, lsiText(was.localSecondaryIndexes.find((l) => l.name === lsi)),
        lsiText(now.localSecondaryIndexes.find((l) => l.name === lsi)));
    }
    // Only removing the source replaces: a changed one is ignored (never applied to an existing table).
    if (typeof was.createdFrom === "string" && now.createdFrom === undefined) change("createdFrom", was.createdFrom, "none (the restore/import arguments were removed)");
    for (const w of warmChanges(was, now)) diff.replacements.push({ table: name, component: was.component, tableName: was.tableName, ...w });
    const mode = consistencyChange(was, now);
    if (mode) diff.replacements.push({ table: name, component: was.component, tableName: was.tableName, ...mode, consistencyModeChange: true });
    if (now.gsiAutoscaling && was.globalSecondaryIndexes && now.globalSecondaryIndexes) {
      const names = [...new Set([...was.globalSecondaryIndexes, ...now.globalSecondaryIndexes].map((g) => g.name))];
      for (const gsi of names) {
        const locked = gsiText(was.globalSecondaryIndexes.find((g) => g.name === gsi));
        const current = gsiText(now.globalSecondaryIndexes.find((g) => g.name === gsi));
        if (locked !== current) diff.replacements.push({ table: name, component: was.component, tableName: was.tableName, setting: `globalSecondaryIndexes["${gsi}"]`, locked, current, ignoredIndexChange: true });
      }
    }
  }
  for (const [name, was] of Object.entries(lock.tables)) {
    if (!own(current.tables, name)) diff.removed.push({ table: name, component: was.component, tableName: was.tableName });
  }
  return diff;
}

/** Components whose deployment would destroy data: replaced or removed. */
export const destructive = (diff: LockDiff): string[] =>
  [...new Set([...diff.replacements.map((r) => r.table), ...diff.removed.map((r) => r.table)])].sort();

export interface Reconciled {
  current: SchemaLock;
  diff: LockDiff;
  /** Destructive changes the user accepted / did not accept, by component. */
  accepted: string[];
  unaccepted: string[];
  /** Accepted names with nothing to accept (the lock already matches): worth a note, not an error. */
  idle: string[];
  /** The lock to write when nothing destructive is left unaccepted: accepted entries rewritten, new tables added. */
  next?: SchemaLock;
  changed: boolean;
}

/**
 * Compare the stack with its lock and apply `accepted`. An accepted name that is neither locked nor in
 * the stack is a usage error with a did-you-mean: a typo must not look like an acceptance.
 */
export function reconcileLock(stack: string, lock: SchemaLock, blueprints: Blueprint<unknown>[], accepted: string[] = []): Reconciled {
  const current = buildLock(stack, blueprints);
  const diff = compareLock(lock, current);
  const known = [...new Set([...Object.keys(lock.tables), ...Object.keys(current.tables)])];
  const problems = new ProblemList();
  for (const name of accepted) {
    if (!known.includes(name)) {
      const guess = didYouMean(name, known);
      problems.add("--accept-replacement", name, `is not a table component of stack "${stack}"`,
        guess ? `did you mean "${guess}"?` : `use a component name: ${known.join(", ")}`);
    }
  }
  problems.throwIfAny(`Schema lock for stack "${stack}"`);
  const wanted = destructive(diff);
  const ok = wanted.filter((t) => accepted.includes(t));
  const unaccepted = wanted.filter((t) => !accepted.includes(t));
  const idle = [...new Set(accepted)].filter((t) => !wanted.includes(t));
  let next: SchemaLock | undefined;
  if (unaccepted.length === 0) {
    const tables = byName(Object.entries(lock.tables));
    for (const name of ok) {
      const now = own(current.tables, name);
      if (now) tables[name] = now;
      else delete tables[name];
    }
    for (const { table } of diff.added) tables[table] = own(current.tables, table)!;
    // GSIs are not replacements: whatever the stack has now is recorded (it is what gets applied).
    for (const [name, t] of Object.entries(tables)) {
      const now = own(current.tables, name);
      // So is the warm throughput: a lower one is refused above (or accepted), a higher one is the new floor.
      if (now) {
        const { warmThroughput: _warm, consistencyMode: _mode, ...rest } = t;
        tables[name] = { ...rest, globalSecondaryIndexes: now.globalSecondaryIndexes, gsiAutoscaling: now.gsiAutoscaling,
          ...lockedWarm(now.warmThroughput), ...(now.consistencyMode ? { consistencyMode: now.consistencyMode } : {}) };
      }
    }
    next = { version: LOCK_VERSION, note: NOTE, stack, tables: byName(Object.entries(tables)) };
  }
  const changed = next !== undefined && serializeLock(next) !== serializeLock(lock);
  return { current, diff, accepted: ok, unaccepted, idle, next, changed };
}

/** The problems behind a refusal: one per replaced setting and per removed table, each with both ways out. */
export function replacementProblems(stack: string, r: Reconciled, command = "lock"): Problem[] {
  const accept = (t: string) => `dynamodb-blueprints ${command} --stack ${stack} --accept-replacement ${t}`;
  const problems: Problem[] = [];
  for (const x of r.diff.replacements.filter((x) => r.unaccepted.includes(x.table))) {
    if (x.warmThroughput) {
      problems.push({
        where: `${x.component} "${x.table}" (table ${x.tableName}).${x.setting}`, value: `locked ${x.locked}, now ${x.current}`,
        message: x.warmThroughput === "table"
          ? "is lower than the locked value or removed: warm throughput can only be raised (AWS rejects a decrease), and the Terraform/Pulumi AWS provider plans a lower value as a replacement of the table (deleted and recreated empty)"
          : "is lower than the locked value or removed: warm throughput can only be raised (AWS rejects a decrease), so the provider deletes and recreates the index, and queries on it fail until it has backfilled",
        fix: `set it back to at least ${x.locked} (removing it does not lower what is deployed either); or, for a planned ` +
          `${x.warmThroughput === "table" ? "replacement of the table" : "rebuild of the index"}, run \`${accept(x.table)}\` and commit the lock file`,
      });
      continue;
    }
    if (x.consistencyModeChange) {
      problems.push({
        where: `${x.component} "${x.table}" (table ${x.tableName}).replicas[].${x.setting}`, value: `locked ${x.locked}, now ${x.current}`,
        message: "changed since the schema lock: AWS cannot change a global table's consistency mode after creation, and the provider would delete and re-create each replica (which a multi-Region strongly consistent table refuses)",
        fix: `${consistencyFix(x.table, stack, x.current)}. If that was already done another way, run \`${accept(x.table)}\``,
      });
      continue;
    }
    if (x.ignoredIndexChange) {
      problems.push({
        where: `${x.component} "${x.table}" (table ${x.tableName}).${x.setting}`, value: `locked ${x.locked}, now ${x.current}`,
        message: "changed while a GSI of this table is auto scaled: Terraform then ignores the whole global_secondary_index set " +
          "(it cannot ignore one index's capacity), so this index change would silently never be applied",
        fix: `revert it; or apply it in steps: (1) remove autoscaling from every GSI of "${x.table}" and deploy (the index change and ` +
          `the configured capacities are applied), (2) run \`dynamodb-blueprints lock --stack ${stack}\` and commit the lock file, ` +
          `(3) restore the GSI autoscaling and deploy. Or, if the indexes were already changed another way, run \`${accept(x.table)}\``,
      });
      continue;
    }
    problems.push({
      where: `${x.component} "${x.table}" (table ${x.tableName}).${x.setting}`, value: `locked ${x.locked}, now ${x.current}`,
      message: x.setting === "component"
        ? "changed since the schema lock: another component type gives the table a new identity (Pulumi URN, Terraform address), so it would be deleted and recreated empty"
        : "changed since the schema lock: DynamoDB cannot change it in place, so the table would be replaced (deleted and recreated empty)",
      fix: `revert it to ${x.locked}; or, for a planned migration (data copied or disposable), run \`${accept(x.table)}\` and commit the lock file`,
    });
  }
  for (const x of r.diff.removed.filter((x) => r.unaccepted.includes(x.table))) {
    const renamed = r.diff.added.find((a) => a.tableName === x.tableName);
    problems.push({
      where: `${x.component} "${x.table}" (table ${x.tableName})`, value: "in the lock, not in the stack",
      message: "would be deleted with its data (a removed or renamed component is destroyed, unless AWS deletion protection makes the delete fail)",
      fix: `${renamed ? `it looks renamed to "${renamed.table}": keep the old name, or add a Pulumi alias / Terraform moved block first; ` : "restore the component; "}` +
        `if the table is meant to go, run \`${accept(x.table)}\` and commit the lock file`,
    });
  }
  return problems;
}

/** Thrown when deploying or emitting would replace or delete a locked table nobody accepted. */
export class DestructiveChangeError extends BlueprintValidationError {}

/**
 * For emitters (`hcl`) and programs: throw unless every destructive change is accepted. No lock means
 * nothing to compare with; the caller should say so (`check` warns) rather than refuse.
 */
export function assertNoUnacceptedReplacements(lock: SchemaLock | undefined, stack: string, blueprints: Blueprint<unknown>[],
  accepted: string[] = []): Reconciled | undefined {
  if (!lock) return undefined;
  const r = reconcileLock(stack, lock, blueprints, accepted);
  if (r.unaccepted.length > 0) {
    throw new DestructiveChangeError(`Schema lock for stack "${stack}" (${lockFileName(stack)})`, replacementProblems(stack, r));
  }
  return r;
}

/** Validate a lock file's text. A broken lock is an error, never treated as "no lock" (that would unlock everything). */
export function parseLock(text: string, file: string, stack: string): SchemaLock {
  const problems = new ProblemList();
  const fix = `restore it from version control, or delete it and run \`dynamodb-blueprints lock --stack ${stack} --init\``;
  let data: any;
  try { data = JSON.parse(text); } catch (e) {
    problems.add(file, (e as Error).message, "is not valid JSON", fix);
    problems.throwIfAny("Schema lock");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) problems.add(file, data, "must be a JSON object", fix);
  else {
    if (data.version !== LOCK_VERSION) {
      problems.add(`${file} version`, data.version, `is not lock format ${LOCK_VERSION}`,
        typeof data.version === "number" && data.version > LOCK_VERSION ? "upgrade dynamodb-blueprints" : fix);
    }
    if (data.stack !== stack) problems.add(`${file} stack`, data.stack, `does not belong to stack "${stack}"`, fix);
    if (typeof data.tables !== "object" || data.tables === null || Array.isArray(data.tables)) problems.add(`${file} tables`, data.tables, "must be an object", fix);
    else for (const [name, t] of Object.entries<any>(data.tables)) checkLockedTable(problems, `${file} tables[${JSON.stringify(name)}]`, t, fix);
  }
  problems.throwIfAny("Schema lock");
  // JSON.parse makes "__proto__" an own key; the null-prototype copy keeps every name a plain table.
  return { ...data, tables: byName(Object.entries(data.tables)) } as SchemaLock;
}

function checkLockedTable(problems: ProblemList, where: string, t: any, fix: string): void {
  const isKey = (k: any) => typeof k === "object" && k !== null && typeof k.name === "string" && (ATTRIBUTE_TYPES as readonly string[]).includes(k.type);
  const bad = (field: string, value: unknown) => problems.add(`${where}.${field}`, value, "is missing or malformed", fix);
  if (typeof t !== "object" || t === null) { bad("", t); return; }
  if (typeof t.component !== "string") bad("component", t.component);
  if (typeof t.tableName !== "string") bad("tableName", t.tableName);
  if (!isKey(t.partitionKey)) bad("partitionKey", t.partitionKey);
  if (t.sortKey !== null && !isKey(t.sortKey)) bad("sortKey", t.sortKey);
  if (!Array.isArray(t.localSecondaryIndexes) || !t.localSecondaryIndexes.every((l: any) =>
    typeof l?.name === "string" && isKey(l.sortKey) && typeof l.projectionType === "string" && Array.isArray(l.nonKeyAttributes))) {
    bad("localSecondaryIndexes", t.localSecondaryIndexes);
  }
  if (t.globalSecondaryIndexes !== undefined && (!Array.isArray(t.globalSecondaryIndexes) || !t.globalSecondaryIndexes.every((g: any) =>
    typeof g?.name === "string" && isKey(g.partitionKey) && (g.sortKey === null || isKey(g.sortKey)) && typeof g.projectionType === "string" && Array.isArray(g.nonKeyAttributes) &&
    [g.partitionKeys, g.sortKeys].every((keys) => keys === undefined || (Array.isArray(keys) && keys.every(isKey)))))) {
    bad("globalSecondaryIndexes", t.globalSecondaryIndexes);
  }
  if (t.gsiAutoscaling !== undefined && typeof t.gsiAutoscaling !== "boolean") bad("gsiAutoscaling", t.gsiAutoscaling);
  if (t.createdFrom !== undefined && typeof t.createdFrom !== "string") bad("createdFrom", t.createdFrom);
  if (!checkLockedWarm(t.warmThroughput)) bad("warmThroughput", t.warmThroughput);
  if (!checkLockedConsistency(t.consistencyMode)) bad("consistencyMode", t.consistencyMode);
  if (Array.isArray(t.globalSecondaryIndexes)) {
    t.globalSecondaryIndexes.forEach((g: any, i: number) => { if (!checkLockedWarm(g?.warmThroughput)) bad(`globalSecondaryIndexes[${i}].warmThroughput`, g?.warmThroughput); });
  }
}
