/**
 * The one place where the tool writes, creates or removes files (tests/safety/file-writes.test.ts
 * scans the sources to keep it that way). The promise it keeps: no file the tool did not make is
 * ever touched.
 *
 * - `writeFileAtomic`: exclusive create (O_EXCL | O_NOFOLLOW) of a random temp name in the target's
 *   directory, write, fsync, rename over the target, fsync the directory. A planted symlink at the
 *   target or at the temp name is never followed, and an interrupted run leaves the old bytes or the
 *   new bytes, never partial ones.
 * - Before writing, the target and every directory between the caller's trusted `root` and the target
 *   are checked with lstat: a symlink or a non-regular file there is refused, not written through.
 * - `createExclusive`: a small file that must not exist yet (pid locks, markers), no-follow.
 * - `removeStaleTemps`: removes leftovers of interrupted runs, only names matching this module's own
 *   temp pattern whose writer process is gone, and only regular files.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** `.<target name>.<pid>.<12 hex>.tmp`: a dot file (Terraform and most tools ignore those). */
const TEMP = /^\.(.+)\.(\d+)\.([0-9a-f]{12})\.tmp$/;
export const tempNameFor = (target: string, pid = process.pid) =>
  path.join(path.dirname(target), `.${path.basename(target)}.${pid}.${crypto.randomBytes(6).toString("hex")}.tmp`);

/** A file-system refusal or failure, always naming the path; the CLI reports it as one line, exit 2. */
export class FileSafetyError extends Error {
  readonly path: string;
  constructor(file: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}. Fix: ${fix}`, options);
    this.name = "FileSafetyError";
    this.path = file;
  }
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** lstat, or undefined when nothing is there. */
export function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Plain words for the errno codes a user can cause or fix. */
export function errnoText(code: string | undefined): string | undefined {
  return ({
    EACCES: "permission denied", EPERM: "operation not permitted", EISDIR: "is a directory", ENOTDIR: "a part of the path is not a directory",
    ENOSPC: "no space left on the device", EDQUOT: "disk quota exceeded", EROFS: "the file system is read-only", EEXIST: "already exists",
    ENOENT: "does not exist", ELOOP: "is a symbolic link (not followed)", EMFILE: "too many open files", ENAMETOOLONG: "the name is too long",
  } as Record<string, string>)[code ?? ""];
}

/** Wrap an errno error so the message names the file and says what went wrong in words. */
export function fileError(file: string, action: string, error: unknown): FileSafetyError {
  if (error instanceof FileSafetyError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const words = errnoText(code) ?? (error as Error)?.message ?? String(error);
  return new FileSafetyError(file, `cannot ${action}: ${words}${code ? ` (${code})` : ""}`,
    code === "ENOSPC" || code === "EDQUOT" ? "free some space and run again; nothing partial was left behind" : "fix the path or its permissions and run again",
    { cause: error });
}

/**
 * Refuse when `target`, or a directory between `root` (trusted, may itself be reached through links)
 * and the target, is a symlink or not what it should be. Returns the target's stats when it exists.
 */
export function checkNoFollow(root: string, target: string): fs.Stats | undefined {
  const rel = path.relative(root, target);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new FileSafetyError(target, `is not inside ${root}`, "write only below the directory the command was given");
  }
  const rootStat = lstatOrUndefined(root) && fs.statSync(root);
  if (rootStat && !rootStat.isDirectory()) throw new FileSafetyError(root, "is not a directory", "choose a directory, or a path that does not exist yet");
  const parts = rel.split(path.sep);
  for (let i = 1; i < parts.length; i++) {
    const dir = path.join(root, ...parts.slice(0, i));
    const st = lstatOrUndefined(dir);
    if (!st) break;
    if (st.isSymbolicLink()) throw new FileSafetyError(dir, "is a symbolic link, and writes are not followed through links", `replace it with a real directory, or move it out of the way`);
    if (!st.isDirectory()) throw new FileSafetyError(dir, "is in the way: a directory is needed there", "move it out of the way");
  }
  const st = lstatOrUndefined(target);
  if (st && !st.isFile()) {
    throw new FileSafetyError(target, st.isSymbolicLink() ? "is a symbolic link; the tool does not write through links (its target could be any file)"
      : st.isDirectory() ? "is a directory where a file should go" : "is a special file, not a regular file", "move it out of the way and run again");
  }
  return st;
}

export interface AtomicWriteOptions {
  /** The directory the caller was told to write in; checks run from here down. Default: the target's directory. */
  root?: string;
  /** Permissions of a new file (umask applies); a replaced file keeps its own. Default 0o644. */
  mode?: number;
  /** Test seam: runs after the temp file is complete and fsynced, just before the rename. */
  beforeRename?: (target: string, temp: string) => void | Promise<void>;
}

function writeTemp(temp: string, data: string | Buffer, mode: number, keepMode: number | undefined): void {
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, mode);
  try {
    fs.writeFileSync(fd, data);
    if (keepMode !== undefined) fs.fchmodSync(fd, keepMode);
    fs.fsyncSync(fd); // the bytes are on disk before the rename makes them visible under the real name
  } finally {
    fs.closeSync(fd);
  }
}

/** Replace (or create) `target` with `data` atomically; see the module comment. */
export async function writeFileAtomic(target: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const abs = path.resolve(target);
  const root = path.resolve(options.root ?? path.dirname(abs));
  const existing = checkNoFollow(root, abs);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
  } catch (error) {
    throw fileError(path.dirname(abs), "create the directory", error);
  }
  checkNoFollow(root, abs); // again: mkdir may have met a link planted meanwhile
  const temp = tempNameFor(abs);
  try {
    writeTemp(temp, data, options.mode ?? 0o644, existing ? existing.mode & 0o7777 : undefined);
    await options.beforeRename?.(abs, temp);
    fs.renameSync(temp, abs); // rename replaces a link planted since the check, never writes through it
  } catch (error) {
    try { fs.rmSync(temp, { force: true }); } catch { /* the error below matters more */ }
    throw fileError(abs, "write the file", error);
  }
  syncDirectory(path.dirname(abs));
}

export interface SyncWriteOptions extends Omit<AtomicWriteOptions, "beforeRename"> {
  /**
   * Never replace: the complete temp file is hard-linked into place, which fails with EEXIST when the
   * target exists (no check-then-write race), and the temp name is removed.
   */
  createOnly?: boolean;
}

/** Synchronous twin of writeFileAtomic, for callers that are synchronous (same checks and steps). */
export function writeFileAtomicSync(target: string, data: string | Buffer, options: SyncWriteOptions = {}): void {
  const abs = path.resolve(target);
  const root = path.resolve(options.root ?? path.dirname(abs));
  const existing = checkNoFollow(root, abs);
  const temp = tempNameFor(abs);
  try {
    writeTemp(temp, data, options.mode ?? 0o644, existing ? existing.mode & 0o7777 : undefined);
    if (options.createOnly) fs.linkSync(temp, abs);
    else fs.renameSync(temp, abs);
  } catch (error) {
    throw fileError(abs, "write the file", error);
  } finally {
    try { fs.rmSync(temp, { force: true }); } catch { /* gone already (renamed), or not ours to fight over */ }
  }
  syncDirectory(path.dirname(abs));
}

/** Create `file`, which must not exist (no-follow: a planted link counts as existing). Throws EEXIST as is. */
export function createExclusive(file: string, data: string, mode = 0o644): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true }); // we made it a moment ago
    throw error;
  } 
  fs.closeSync(fd);
}

/** Remove `file` only if it is still a regular file holding exactly `expected` (a file this run wrote). */
export function removeOwnFile(file: string, expected: string): boolean {
  const st = lstatOrUndefined(file);
  if (!st?.isFile()) return false;
  if (fs.readFileSync(file, "utf8") !== expected) return false;
  fs.rmSync(file);
  return true;
}

/** Create a directory (and missing parents); an existing directory is fine. */
export function makeDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fileError(dir, "create the directory", error);
  }
}

/** The process exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove this module's temp files left in `dir` by runs that died before their rename (SIGKILL, power
 * loss). Only names matching the temp pattern (optionally for the given target names), only regular
 * files, only when the writing process is gone. Returns the removed names.
 */
export function removeStaleTemps(dir: string, targets?: readonly string[], extra?: RegExp): string[] {
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name) ?? extra?.exec(name);
    if (!m) continue;
    const [, base, pid] = m;
    if (targets && !targets.includes(base)) continue;
    if (isAlive(Number(pid))) continue;
    const file = path.join(dir, name);
    if (!lstatOrUndefined(file)?.isFile()) continue;
    try { fs.rmSync(file); removed.push(name); } catch { /* not ours to fight over */ }
  }
  return removed.sort();
}

/** Make the rename itself durable; not supported everywhere (Windows), where it is skipped. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch { /* best effort: the file contents were already fsynced */ } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Who holds a pid lock (`acquirePidLock`): its process id, host name and whatever the holder recorded. */
export interface LockHolder { pid: number; host: string; token: string; [key: string]: unknown }

/** The lock is held by a process that is alive (or on another host, where liveness cannot be checked). */
export class LockHeldError extends Error {
  constructor(readonly file: string, readonly holder: LockHolder | undefined, readonly text: string) {
    super(`${file} is held by ${holder ? `process ${holder.pid} on ${holder.host}` : "an unreadable lock"}`);
    this.name = "LockHeldError";
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && Number.isInteger(value.pid) && value.pid > 0 && typeof value.host === "string" ? value : undefined;
  } catch { return undefined; }
}

/**
 * An exclusive lock file (O_EXCL, no-follow) holding this process's pid, host and `info`, removed by
 * `release` or when the process exits. A lock whose process is gone (killed) is stale and is broken;
 * a live holder's lock, an unreadable one, or one from another host (its pid cannot be checked) is
 * never removed: LockHeldError. The stale lock is first renamed aside (atomic), and deleted only if
 * the renamed file is still the stale one; a live writer that took the lock in between gets its file
 * linked back (link never replaces), so breaking a stale lock never deletes a live writer's lock.
 */
export function acquirePidLock(file: string, info: Record<string, string | number>): { release: () => void; broke?: LockHolder } {
  const mine = `${JSON.stringify({ ...info, pid: process.pid, host: os.hostname(), token: crypto.randomBytes(8).toString("hex"), since: new Date().toISOString() })}\n`;
  let broke: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      createExclusive(file, mine);
      const release = () => {
        process.off("exit", release);
        try { removeOwnFile(file, mine); } catch { /* gone already; never someone else's */ }
      };
      process.once("exit", release);
      return { release, ...(broke ? { broke } : {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw fileError(file, "create the lock file", error);
    }
    const st = lstatOrUndefined(file);
    if (!st) continue; // released meanwhile
    if (!st.isFile()) throw new FileSafetyError(file, "is not a regular file, so not a lock this tool writes", "move it out of the way");
    const text = fs.readFileSync(file, "utf8");
    const holder = parseHolder(text);
    if (!holder || holder.host !== os.hostname() || isAlive(holder.pid)) throw new LockHeldError(file, holder, text);
    const aside = tempNameFor(file);
    try { fs.renameSync(file, aside); } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw fileError(file, "move the stale lock aside", error);
    }
    if (fs.readFileSync(aside, "utf8") === text) {
      fs.rmSync(aside);
      broke = holder;
      continue;
    }
    const live = fs.readFileSync(aside, "utf8");
    try { fs.linkSync(aside, file); } catch { /* another lock is in place: that writer holds it */ }
    fs.rmSync(aside);
    throw new LockHeldError(file, parseHolder(live), live);
  }
  throw new FileSafetyError(file, "kept changing while taking the lock", "another writer is busy in this directory: run again when it is done");
}

/** Remove `dir` only if it is an empty real directory (one this run created and left empty). */
export function removeEmptyDirectory(dir: string): void {
  if (!lstatOrUndefined(dir)?.isDirectory()) return;
  try { fs.rmdirSync(dir); } catch { /* not empty any more: someone else's files are in it */ }
}
