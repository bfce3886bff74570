/**
 * `writeTerraform(dir, files, { force })`: puts toTerraform's output on disk without ever losing a
 * user's work. Everything is checked before the first byte is written (bad paths, bad texts, and
 * existing files that are hand-written or in the way), so a refused call leaves `dir` untouched.
 * Each file is then replaced atomically (temp file in the same directory, fsync, rename), so an
 * interrupted run leaves every file either with its previous bytes or its new bytes, never partial;
 * it does NOT make the set atomic: files written before the interruption stay new.
 * Nothing is ever deleted: generated files that are no longer produced are only reported as stale.
 */
import * as fs from "fs";
import * as path from "path";
import { BlueprintValidationError, ProblemList } from "../model/errors";
import { checkUnknownKeys } from "../model/validate";
import { GENERATED_MARKER } from "./common";
import type { TerraformFiles } from "./to-terraform";
import { lstatOrUndefined, removeStaleTemps, writeFileAtomic } from "../files/safe-write";
import { addOtherStackProblems, lockOutputFolder, stackOf } from "./write-owner";

export interface WriteOptions {
  /** Overwrite existing files whose first line lacks the generated marker (hand-written ones). */
  force?: boolean;
}

export interface WriteReport {
  /** Created or replaced, as relative paths (the keys of `files`), sorted. */
  written: string[];
  /** Already held exactly these bytes, so not touched (mtime and inode kept). */
  unchanged: string[];
  /** Generated `.tf` files under `dir` that `files` no longer contains: left in place for the user to remove. */
  stale: string[];
}

/**
 * Test seam, not public API: `beforeRename` runs after a temp file is complete and fsynced and just
 * before it is renamed over its target, so a test can interrupt a run at the worst moment.
 */
export interface WriteHooks {
  beforeRename?: (target: string, temp: string) => void | Promise<void>;
}

const HEADER = `# ${GENERATED_MARKER}`;
const SUBJECT = "writeTerraform";

/** The marker must open the first line; a BOM (added by some editors) does not make a file hand-written. */
const isGenerated = (firstLine: string) => firstLine.replace(/^\uFEFF/, "").startsWith(HEADER);

function validateArgs(dir: unknown, files: unknown, options: unknown): asserts files is TerraformFiles {
  const problems = new ProblemList();
  if (typeof dir !== "string" || dir === "" || dir.includes("\0")) {
    problems.add(`${SUBJECT} dir`, dir, "must be a non-empty directory path", "pass the directory to write into, e.g. \"infra/terraform\"");
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    problems.add(`${SUBJECT} options`, options, "must be an object", "pass { force: false } or leave it out");
  } else {
    checkUnknownKeys(problems, `${SUBJECT} options`, options, ["force"]);
    const force = (options as WriteOptions).force;
    if (force !== undefined && typeof force !== "boolean") problems.add(`${SUBJECT} options.force`, force, "must be true or false", "pass force: true to overwrite hand-written files");
  }
  if (typeof files !== "object" || files === null || Array.isArray(files) || Object.keys(files).length === 0) {
    problems.add(`${SUBJECT} files`, files, "must be a non-empty map of relative path to file text", "pass the result of toTerraform(...)");
    problems.throwIfAny(SUBJECT);
  }
  const seen = new Map<string, string>();
  const paths = Object.keys(files as object);
  for (const p of paths) {
    const where = `${SUBJECT} files[${JSON.stringify(p)}]`;
    const text = (files as Record<string, unknown>)[p];
    const pathProblem =
      p.includes("\\") ? "contains a backslash" :
      /[\u0000-\u001f]/.test(p) ? "contains a control character" :
      path.posix.isAbsolute(p) || path.win32.isAbsolute(p) ? "is absolute" :
      p.split("/").includes("..") ? "leaves the directory (..)" :
      path.posix.normalize(p) !== p ? `is not normalised (it would be ${JSON.stringify(path.posix.normalize(p))})` :
      !p.endsWith(".tf") ? "does not end in .tf" :
      // Terraform ignores dot files, and the temp files below are dot files.
      path.posix.basename(p).startsWith(".") ? "is a dot file, which Terraform ignores" : undefined;
    if (pathProblem) problems.add(where, p, `is not a safe relative path: it ${pathProblem}`, "use a relative path like \"main.tf\" or \"modules/dynamodb/main.tf\"");
    // On case-insensitive file systems (macOS, Windows) these would silently overwrite each other.
    const folded = p.toLowerCase();
    if (seen.has(folded)) problems.add(where, p, `differs from ${JSON.stringify(seen.get(folded))} only in letter case`, "give each file a distinct name");
    seen.set(folded, p);
    if (paths.some((q) => q.startsWith(`${p}/`))) problems.add(where, p, "is both a file and a directory of other files", "rename one of them");
    if (typeof text !== "string") problems.add(where, typeof text, "must be the file's text (a string)", "pass the result of toTerraform(...)");
    else if (!isGenerated(text)) {
      problems.add(where, text.split("\n", 1)[0], `does not start with the generated header line "${HEADER}"`,
        "generate the text with toTerraform(...): only generated files may be written, so they can be recognised and safely replaced later");
    }
  }
  problems.throwIfAny(SUBJECT);
}

/** The folder is a directory, or nothing yet (checked before its lock is taken inside it). */
function checkRoot(root: string): void {
  const problems = new ProblemList();
  const rootStat = fs.existsSync(root) ? fs.statSync(root) : undefined;
  if (rootStat && !rootStat.isDirectory()) problems.add(`${SUBJECT} dir`, root, "exists and is not a directory", "choose a directory, or a path that does not exist yet");
  problems.throwIfAny(SUBJECT);
}

interface Target { rel: string; abs: string; text: string; existing?: Buffer; mode?: number }

/** Look at every target before writing anything; all refusals are reported together. */
function inspectTargets(root: string, files: TerraformFiles, force: boolean): Target[] {
  const problems = new ProblemList();
  const targets: Target[] = [];
  const handWritten: string[] = [];
  for (const rel of Object.keys(files).sort()) {
    const abs = path.join(root, ...rel.split("/"));
    const target: Target = { rel, abs, text: files[rel] };
    targets.push(target);
    // Parents must be real directories: a file is in the way, and a symlink could lead writes outside `dir`.
    const parts = rel.split("/");
    let blocked = false;
    for (let i = 1; i < parts.length && !blocked; i++) {
      const parent = parts.slice(0, i).join("/");
      const st = lstatOrUndefined(path.join(root, ...parts.slice(0, i)));
      if (!st) break;
      if (!st.isDirectory()) {
        blocked = true;
        problems.add(`${SUBJECT} ${rel}`, parent, st.isSymbolicLink() ? "has a symbolic link as a parent directory, and links are not written through" : "needs a directory where a file is",
          `move ${JSON.stringify(path.join(root, parent))} out of the way`);
      }
    }
    if (blocked) continue;
    const st = lstatOrUndefined(abs);
    if (!st) continue;
    if (!st.isFile()) {
      problems.add(`${SUBJECT} ${rel}`, rel, st.isDirectory() ? "is a directory where the file should go" : "is a symbolic link or special file, not a regular file",
        `move ${JSON.stringify(abs)} out of the way (--force does not replace it)`);
      continue;
    }
    target.existing = fs.readFileSync(abs);
    target.mode = st.mode & 0o7777;
    const first = target.existing.toString("utf8").split("\n", 1)[0];
    if (!isGenerated(first) && !force) handWritten.push(rel);
  }
  // Another stack's generated files anywhere in the folder (its backend.tf holds that stack's state
  // key): writing over or beside them would point the folder's Terraform at the wrong state.
  if (!force) {
    const stack = stackOf(Object.values(files)[0].split("\n", 1)[0]);
    addOtherStackProblems(problems, SUBJECT, root, stack, new Map(generatedFiles(root).map((rel) => [rel, firstLine(path.join(root, ...rel.split("/")))])));
  }
  for (const rel of handWritten) {
    problems.add(`${SUBJECT} ${rel}`, path.join(root, ...rel.split("/")), `exists and was not generated (its first line is not "${HEADER} ...")`,
      "move your changes out of the way, or overwrite it with force: true (CLI: --force)");
  }
  problems.throwIfAny(handWritten.length > 0 ? `${SUBJECT}: refusing to overwrite hand-written file(s) ${handWritten.join(", ")}` : SUBJECT);
  return targets;
}

/** Generated `.tf` files under `root`, skipping dot directories (.terraform, .git) and symlinks. */
function generatedFiles(root: string, rel = ""): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...generatedFiles(root, child));
    else if (entry.isFile() && entry.name.endsWith(".tf") && isGenerated(firstLine(path.join(root, child)))) found.push(child);
  }
  return found;
}

function firstLine(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(256);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString("utf8").split("\n", 1)[0];
  } finally {
    fs.closeSync(fd);
  }
}

export async function writeTerraform(dir: string, files: TerraformFiles, options: WriteOptions = {}, _hooks: WriteHooks = {}): Promise<WriteReport> {
  validateArgs(dir, files, options);
  const root = path.resolve(dir);
  // The folder is inspected and written under its write lock (terraform/write-owner.ts).
  checkRoot(root);
  const release = lockOutputFolder(SUBJECT, root, stackOf(Object.values(files)[0].split("\n", 1)[0]));
  try {
    return await writeLocked(root, files, options, _hooks);
  } finally {
    release();
  }
}

async function writeLocked(root: string, files: TerraformFiles, options: WriteOptions, _hooks: WriteHooks): Promise<WriteReport> {
  const targets = inspectTargets(root, files, options.force === true);
  const report: WriteReport = { written: [], unchanged: [], stale: [] };
  for (const t of targets) {
    if (t.existing?.equals(Buffer.from(t.text, "utf8"))) {
      report.unchanged.push(t.rel);
      continue;
    }
    try {
      // Temp files of an earlier run killed before its rename (only this writer's own names).
      removeStaleTemps(path.dirname(t.abs), [path.basename(t.abs)]);
      await writeFileAtomic(t.abs, t.text, { root, mode: 0o666, beforeRename: _hooks.beforeRename });
    } catch (error) {
      const done = report.written.length ? `after writing ${report.written.join(", ")}` : "before any file was replaced";
      throw new Error(`${SUBJECT}: writing ${t.rel} in ${root} failed ${done}; every file holds either its previous or its new text, ` +
        `none is partial. Fix the cause and run again: ${(error as Error).message}`, { cause: error });
    }
    report.written.push(t.rel);
  }
  const produced = new Set(Object.keys(files));
  report.stale = generatedFiles(root).filter((rel) => !produced.has(rel)).sort();
  return report;
}
