/**
 * Tests that start a child process wait on the child's own signals: a readiness line on its output,
 * its exit. They never kill a child for being slow. What bounds them is this hang guard, used as the
 * mocha timeout of such tests: long enough that a child starting ts-node on two cores busy with other
 * work (a full `npm test` beside a type-check, or other jobs) still finishes, so a failure means a hang
 * or a crash, not a slow machine. It is not a performance expectation; bench/ measures speed.
 */
import type { ChildProcess } from "child_process";

export const CHILD_HANG_GUARD_MS = 240_000;

/** Resolves with the first match of `pattern` in the child's stdout; rejects if the child exits first. */
export function readiness(child: ChildProcess, pattern: RegExp, stderr: () => string = () => ""): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (d: Buffer | string) => {
      seen += String(d);
      const found = pattern.exec(seen);
      if (found) { child.stdout!.off("data", onData); child.off("exit", onExit); resolve(found); }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      child.stdout!.off("data", onData);
      reject(new Error(`the child exited (${signal ?? code}) before printing ${pattern}: ${stderr()}`));
    };
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
  });
}
