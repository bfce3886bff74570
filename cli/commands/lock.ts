/**
 * `lock --stack <name>`: records the stack's immutable table settings in
 * `dynamodb-blueprints.<stack>.lock.json` after an intentional change. It is not a way around the
 * guard: a replaced or deleted table needs `--accept-replacement <component>` here too, and the first
 * lock needs `--init`, so writing the file is always a decision someone typed. New tables are added
 * freely (creating a table destroys nothing). Reading and writing the file: project/schema-lock-file.ts.
 */
import { Command, Io } from "../command";
import { FlagSpec } from "../args";
import { STACK_FLAG, requireStack } from "../stack-option";
import { BlueprintValidationError, formatProblems } from "../../model/errors";
import { indexWarningLines } from "../../project/schema-lock-indexes";
import {
  LockedTable, Reconciled, SchemaLock, buildLock, lockFileName, reconcileLock, replacementProblems,
} from "../../project/schema-lock";
import { readLockFile, writeLockFile } from "../../project/schema-lock-file";

export const ACCEPT_FLAG: FlagSpec = {
  type: "string", repeatable: true,
  description: "Accept that this table component is replaced or deleted (data lost) and rewrite its lock entry; repeatable",
};

const keys = (t: LockedTable) => `partition ${t.partitionKey.name} (${t.partitionKey.type})` +
  `${t.sortKey ? `, sort ${t.sortKey.name} (${t.sortKey.type})` : ""}${t.localSecondaryIndexes.length ? `, LSIs ${t.localSecondaryIndexes.map((l) => l.name).join(", ")}` : ""}`;

function rows(entries: [string, string, string, string][]): string[] {
  const w = Math.max(...entries.map(([, name]) => name.length));
  const t = Math.max(...entries.map(([, , table]) => table.length));
  return entries.map(([what, name, table, note]) => `  ${what.padEnd(9)}  ${name.padEnd(w)}  ${note ? `${table.padEnd(t)}  (${note})` : table}`);
}

function formatUpdate(stack: string, lock: SchemaLock, r: Reconciled): string {
  const file = lockFileName(stack);
  const entries: [string, string, string, string][] = [];
  for (const [name, t] of Object.entries(r.next!.tables)) {
    const changes = r.diff.replacements.filter((x) => x.table === name).map((x) => `${x.setting} ${x.locked} -> ${x.current}`);
    const what = !Object.hasOwn(lock.tables, name) ? "added" : changes.length ? "replaced" : "unchanged";
    entries.push([what, name, t.tableName, changes.length ? `accepted: ${changes.join("; ")}` : ""]);
  }
  for (const x of r.diff.removed) entries.push(["deleted", x.table, x.tableName, "accepted: dropped from the lock"]);
  const lines = [`Schema lock for stack "${stack}": ${file}`, "", ...rows(entries), ""];
  for (const t of r.idle) lines.push(`note: --accept-replacement ${t}: nothing to accept, its lock entry already matches.`);
  // Recorded now, so `check` stops warning: say once what the GSI change does (project/schema-lock-indexes.ts).
  lines.push(...indexWarningLines(lock, r.current));
  const added = r.diff.added.length;
  const accepted = r.accepted.length;
  lines.push(r.changed
    ? `Wrote ${file}: ${added} added, ${accepted} replacement${accepted === 1 ? "" : "s"} or deletion${accepted === 1 ? "" : "s"} accepted. Commit it with the change.`
    : `${file} is up to date; nothing written.`);
  return lines.join("\n");
}

export async function runLock(io: Io, options: { stack: string; init: boolean; accepted: string[] }): Promise<number> {
  const { stack, init, accepted } = options;
  const { runStack } = await import("../mock-runtime");
  const { blueprints } = await runStack(io.cwd, stack);
  const file = lockFileName(stack);
  const usage = (where: string, value: string, message: string, fix: string) =>
    new BlueprintValidationError(`dynamodb-blueprints lock`, [{ where, value, message, fix }]);
  const lock = readLockFile(io.cwd, stack);
  if (!lock) {
    if (!init) {
      throw usage("lock --stack", JSON.stringify(stack), `has no ${file} yet, and the first lock must be asked for`,
        `run \`dynamodb-blueprints lock --stack ${stack} --init\`, review the file and commit it`);
    }
    if (accepted.length > 0) throw usage("lock --accept-replacement", accepted.join(", "), "has nothing to accept: there is no lock yet", "drop --accept-replacement");
    const current = buildLock(stack, blueprints);
    writeLockFile(io.cwd, stack, current);
    io.out([
      `Created ${file} for stack "${stack}":`, "",
      ...rows(Object.entries(current.tables).map(([name, t]) => ["locked", name, t.tableName, keys(t)])), "",
      "Review and commit it: from now on `check` fails when one of these settings changes, because the table would be replaced.",
    ].join("\n"));
    return 0;
  }
  if (init) {
    throw usage("lock --init", file, "already exists: --init only creates the first lock",
      "drop --init; to record an intended replacement use --accept-replacement <component>");
  }
  const r = reconcileLock(stack, lock, blueprints, accepted);
  if (r.unaccepted.length > 0) {
    // Exit 1 like a failed check: the input is valid, the change is what is refused.
    io.err(`error: ${formatProblems(`Schema lock for stack "${stack}" (${file})`, replacementProblems(stack, r))}\nNothing was written.`);
    return 1;
  }
  if (r.changed) writeLockFile(io.cwd, stack, r.next!);
  io.out(formatUpdate(stack, lock, r));
  return 0;
}

export const lockCommand: Command = {
  name: "lock",
  summary: "Record the stack's table names, keys and LSIs (which only change by replacing a table) in its schema lock file",
  flags: {
    stack: STACK_FLAG,
    init: { type: "boolean", description: "Create the first lock file of a stack" },
    "accept-replacement": ACCEPT_FLAG,
  },
  details: [
    "check fails while a locked table would be replaced or deleted. After deciding that it should be",
    "(data migrated or disposable), accept it here or on check, and commit the rewritten lock file.",
    "Exit code: 1 when a replacement or deletion is not accepted (nothing is written), 2 for usage errors.",
    "",
    "Examples:",
    "  dynamodb-blueprints lock --stack dev --init",
    "  dynamodb-blueprints lock --stack prod --accept-replacement orders",
  ].join("\n"),
  run: (flags, io) => runLock(io, {
    stack: requireStack("lock", flags, io.cwd),
    init: flags.init === true,
    accepted: (flags["accept-replacement"] as string[] | undefined) ?? [],
  }),
};
