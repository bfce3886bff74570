/**
 * Who may write into a Terraform output folder (used by writeTerraform, so by the API and `hcl`):
 *
 * - One writer at a time. A lock file in the folder (`.dynamodb-blueprints-write.lock`, a dot file:
 *   Terraform reads only `*.tf` / `*.tf.json`) is created exclusively before the folder is inspected
 *   and removed when the write ends (or the process exits). A lock whose process is gone is stale and
 *   is broken; a live writer's lock never is (files/safe-write.ts acquirePidLock). Without it, two
 *   writers for stacks dev and prod both inspected the folder before either wrote, both passed, and
 *   prod silently replaced dev's files.
 * - One stack per folder. Every generated file names its stack in its header line (terraform/common.ts
 *   fileHeader); a folder holding any generated file of another stack is that stack's output, and is
 *   refused unless the caller passes force (CLI --force). Checked over the whole folder, not only the
 *   files this write replaces: a flat layout written over a module layout shares no file name.
 */
import * as os from "os";
import * as path from "path";
import { ProblemList } from "../model/errors";
import { FileSafetyError, LockHeldError, acquirePidLock, lstatOrUndefined, makeDirectory, removeEmptyDirectory } from "../files/safe-write";

export const WRITE_LOCK = ".dynamodb-blueprints-write.lock";

/** The stack a generated file's header names (`... for stack "prod" ...`), if any. */
export const stackOf = (firstLine: string) => /^# [^\n]*? for stack "([^"]*)"/.exec(firstLine.replace(/^\uFEFF/, ""))?.[1];

const stackWords = (stack: string | undefined) => (stack === undefined ? "(no stack named)" : JSON.stringify(stack));

/**
 * Take the folder's write lock (creating the folder when missing) and return its release. When the
 * lock is held by a live writer, throws naming that writer's process and stack and this write's stack.
 */
export function lockOutputFolder(subject: string, root: string, stack: string | undefined): () => void {
  const created = !lstatOrUndefined(root);
  if (created) makeDirectory(root);
  const file = path.join(root, WRITE_LOCK);
  try {
    const { release } = acquirePidLock(file, { writer: subject, ...(stack !== undefined ? { stack } : {}) });
    return () => {
      release();
      if (created) removeEmptyDirectory(root); // a refused first write leaves no empty folder behind
    };
  } catch (error) {
    if (created) removeEmptyDirectory(root);
    if (!(error instanceof LockHeldError)) throw error;
    // The lock's fields are text from a file: quoted (JSON escapes control characters), never printed raw.
    const h = error.holder;
    const text = (v: unknown) => JSON.stringify(String(v)).slice(0, 80);
    const holder = h ? `process ${h.pid}${h.pid === process.pid ? " (this process)" : ""} on ${text(h.host)}, writing stack ${stackWords(typeof h.stack === "string" ? h.stack : undefined)}` +
      `${h.since ? ` since ${text(h.since)}` : ""}` : "a writer whose lock cannot be read";
    const unverifiable = !h ? `; its lock cannot be read: remove ${file} if no writer is running`
      : h.host !== os.hostname() ? `; it was taken on host ${text(h.host)}, where this process cannot check it: remove ${file} if no writer runs there`
        : `; if process ${h.pid} is not a dynamodb-blueprints writer (its number was reused), remove ${file}`;
    throw new FileSafetyError(root, `is being written by another writer (${holder}); writing stack ${stackWords(stack)} at the same time would interleave their files`,
      `wait for it to finish and run again, or write stack ${stackWords(stack)} into another folder${unverifiable}`);
  }
}

/**
 * Generated files in the folder whose header names another stack than this write's. `generated` maps
 * each generated file (relative path) to its first line.
 */
export function addOtherStackProblems(problems: ProblemList, subject: string, root: string, stack: string | undefined, generated: Map<string, string>): void {
  if (stack === undefined) return;
  for (const [rel, first] of generated) {
    const was = stackOf(first);
    if (was === undefined || was === stack) continue;
    problems.add(`${subject} ${rel}`, path.join(root, ...rel.split("/")), `was generated for stack "${was}", not "${stack}"`,
      `write stack "${stack}" into its own directory; to replace stack "${was}"'s files on purpose, use force: true (CLI: --force)`);
  }
}
