/**
 * The schema lock on disk (`dynamodb-blueprints.<stack>.lock.json` beside the program): reading it
 * strictly, writing it through the one atomic writer, and the guard that programs and emitting commands
 * run before anything is registered or written. The lock's pure part is project/schema-lock.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { FileSafetyError, fileError, removeStaleTemps, writeFileAtomicSync } from "../files/safe-write";
import type { Blueprint } from "../model/stack";
import { SchemaLock, assertNoUnacceptedReplacements, lockFileName, parseLock, serializeLock } from "./schema-lock";

export const lockPath = (dir: string, stack: string) => path.join(dir, lockFileName(stack));

/** The stack's lock, or undefined when there is none. A malformed file is an error, never "no lock". */
export function readLockFile(dir: string, stack: string): SchemaLock | undefined {
  const file = lockPath(dir, stack);
  let st: fs.Stats;
  try { st = fs.lstatSync(file); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw fileError(file, "read the schema lock", error);
  }
  // A link or a directory is not a lock this tool wrote: neither read through nor later replaced.
  if (!st.isFile()) throw new FileSafetyError(file, st.isSymbolicLink() ? "is a symbolic link, not the lock file this tool writes" : "is not a regular file", "replace it with the lock file from version control, or move it away and run `lock --init`");
  if (st.size > MAX_LOCK_BYTES) throw new FileSafetyError(file, `is ${st.size} bytes, more than a schema lock can be (${MAX_LOCK_BYTES})`, "restore it from version control");
  let text: string;
  try { text = fs.readFileSync(file, "utf8"); } catch (error) { throw fileError(file, "read the schema lock", error); }
  return parseLock(text, lockFileName(stack), stack);
}

/** Far above any real lock (a few hundred bytes per table). */
const MAX_LOCK_BYTES = 16 * 1024 * 1024;
/** The temp name an earlier version used (`<lock>.<pid>.tmp`): its leftovers are cleaned up too. */
const LEGACY_TEMP = /^(dynamodb-blueprints\.[A-Za-z0-9_.-]+\.lock\.json)\.(\d+)\.tmp$/;

/**
 * Through the one atomic writer (random exclusive temp name, fsync, rename; a planted link is refused),
 * so an interrupted run cannot leave half a lock behind; leftovers of a killed run are removed first.
 */
export function writeLockFile(dir: string, stack: string, lock: SchemaLock): void {
  removeStaleTemps(dir, [lockFileName(stack)], LEGACY_TEMP);
  writeFileAtomicSync(lockPath(dir, stack), serializeLock(lock), { root: dir });
}

/**
 * For commands that emit or deploy (`hcl`): throws DestructiveChangeError (a BlueprintValidationError)
 * when a locked table would be replaced or deleted without acceptance. Without a lock file it returns
 * a warning to print instead: refusing would block every project that has not adopted the lock.
 */
export function guardReplacements(dir: string, stack: string, blueprints: Blueprint<unknown>[], accepted: string[] = []): { warning?: string } {
  // Inside the CLI's own run of a program (plan, check, hcl, lock) the CLI judges the lock itself,
  // after the run: `check` reports it as an item, `hcl` refuses, `lock` reconciles.
  const run = (globalThis as unknown as Record<symbol, { deferLockGuard?: boolean } | undefined>)[Symbol.for("dynamodb-blueprints.program-run")];
  if (run?.deferLockGuard) return {};
  const lock = readLockFile(dir, stack);
  assertNoUnacceptedReplacements(lock, stack, blueprints, accepted);
  return lock ? {} : {
    warning: `warning: no ${lockFileName(stack)}: a changed key, table name or LSI would replace a table unnoticed. ` +
      `Run \`dynamodb-blueprints lock --stack ${stack} --init\` and commit the file.`,
  };
}
