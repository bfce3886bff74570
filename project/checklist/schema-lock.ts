/**
 * The destructive-change guard as a checklist item: the stack against its committed schema lock.
 * A replaced or deleted table FAILs (its data would be lost); a missing lock or tables not yet locked
 * only WARN, because nothing is destroyed by them, but the guard cannot protect what it has not seen.
 */
import { reconcileLock, replacementProblems } from "../schema-lock";
import type { CheckItem, ChecklistInput } from "./types";
import { count } from "./inspect";
import { indexWarnings } from "../schema-lock-indexes";

const TITLE = "No table is replaced or deleted without acceptance (schema lock)";

export function checkSchemaLock(input: ChecklistInput): CheckItem {
  const { stack } = input;
  const { file, lock, accepted } = input.schemaLock!;
  const base = { id: "schema-lock", title: TITLE };
  if (!lock) {
    return {
      ...base, status: "WARN",
      reason: `${file} does not exist, so a changed key, table name or LSI would replace a table without any warning`,
      fix: `run \`dynamodb-blueprints lock --stack ${stack} --init\`, review the file and commit it`,
      details: [],
    };
  }
  const r = reconcileLock(stack, lock, input.blueprints, accepted);
  const tables = Object.keys(r.current.tables).length;
  if (r.unaccepted.length > 0) {
    // An index change on a table whose GSI set Terraform ignores loses no data; it would just never be applied.
    const lossy = r.unaccepted.filter((t) => r.diff.removed.some((x) => x.table === t) ||
      r.diff.replacements.some((x) => x.table === t && !x.ignoredIndexChange && x.warmThroughput !== "index" && !x.consistencyModeChange));
    const remoded = r.unaccepted.filter((t) => !lossy.includes(t) && r.diff.replacements.some((x) => x.table === t && x.consistencyModeChange));
    const rebuilt = r.unaccepted.filter((t) => !lossy.includes(t) && r.diff.replacements.some((x) => x.table === t && x.warmThroughput === "index"));
    const ignored = r.unaccepted.filter((t) => !lossy.includes(t) && !rebuilt.includes(t) && !remoded.includes(t));
    return {
      ...base, status: "FAIL",
      reason: [
        ...(lossy.length ? [`${count(lossy.length, "locked table")} would be replaced or deleted, losing its data: ${lossy.join(", ")}`] : []),
        ...(remoded.length ? [`${count(remoded.length, "global table")} changed its consistency mode, which AWS cannot change in place: ${remoded.join(", ")}`] : []),
        ...(rebuilt.length ? [`${count(rebuilt.length, "table")} lowered or removed a GSI's warm throughput, which can only be raised (the index would be rebuilt): ${rebuilt.join(", ")}`] : []),
        ...(ignored.length ? [`${count(ignored.length, "table")} changed a GSI that Terraform would ignore (a GSI is auto scaled): ${ignored.join(", ")}`] : []),
      ].join("; "),
      fix: `revert the change; or, for a planned migration, accept it with \`dynamodb-blueprints check --stack ${stack} ` +
        `${r.unaccepted.map((t) => `--accept-replacement ${t}`).join(" ")}\` (or the same flags on \`lock\`), which rewrites those ` +
        `lock entries, and commit ${file}`,
      details: replacementProblems(stack, r, "check").map((p) => `FAIL ${p.where}: ${p.value}; ${p.message}. Fix: ${p.fix}`),
    };
  }
  const details = [
    ...r.diff.replacements.map((x) => `PASS ${x.table}: replacement accepted (${x.setting}: ${x.locked} -> ${x.current}); lock entry rewritten`),
    ...r.diff.removed.map((x) => `PASS ${x.table}: deletion of table ${x.tableName} accepted; lock entry dropped`),
    ...r.idle.map((t) => `PASS ${t}: nothing to accept, the lock already matches`),
  ];
  // GSI changes lose no data but break queries or run long: WARN with the safe sequence.
  const gsi = indexWarnings(lock, r.current).filter((w) => !r.diff.replacements.some((x) => x.table === w.table && x.setting === w.setting));
  if (gsi.length > 0) {
    return {
      ...base, status: "WARN",
      reason: `${count(new Set(gsi.map((w) => w.table)).size, "table")} changes its GSIs in a way that breaks queries or runs long: ${[...new Set(gsi.map((w) => w.table))].join(", ")}`,
      fix: gsi.map((w) => `${w.table}: ${w.fix}`).join(" | "),
      details: [
        ...details, ...gsi.map((w) => `WARN ${w.component} "${w.table}" (table ${w.tableName}).${w.setting}: locked ${w.locked}, now ${w.current}; ${w.message}`),
        ...(r.accepted.length === 0 ? r.diff.added.map((a) => `WARN ${a.table} (table ${a.tableName}): not locked yet`) : []),
      ],
    };
  }
  if (r.diff.added.length > 0 && r.accepted.length === 0) {
    return {
      ...base, status: "WARN",
      reason: `${count(r.diff.added.length, "table")} not in ${file} yet, so a later key change to them would go unnoticed`,
      fix: `run \`dynamodb-blueprints lock --stack ${stack}\` and commit ${file}`,
      details: [...details, ...r.diff.added.map((a) => `WARN ${a.table} (table ${a.tableName}): not locked yet`)],
    };
  }
  return {
    ...base, status: "PASS",
    reason: r.accepted.length > 0
      ? `the accepted replacements are recorded in ${file}; commit it with the change`
      : `${count(tables, "table")} checked against ${file}: nothing replaced, nothing deleted`,
    details: [...details, ...(r.accepted.length > 0 ? r.diff.added.map((a) => `PASS ${a.table}: added to the lock`) : [])],
  };
}
