/**
 * The lifetime of the user's program inside the CLI's process. Under `pulumi up` the Pulumi nodejs
 * language host owns the program's lifetime: it runs the program, waits until its registrations have
 * drained, then ends it (node_modules/@pulumi/pulumi/cmd/run/run.js; `runtime.disconnect` waits for the
 * outstanding RPCs). The CLI runs the same program in-process under mocks and does the same:
 *
 * - Settling is a signal, not a timer: `runStack` returns once the program's completion promise has
 *   resolved and the monitor's count of outstanding registrations is zero (testing/record.ts); then the
 *   Pulumi runtime's own list of registrations still waiting (on an input, a parent or a dependency)
 *   must be empty. The language host reports those at exit ("the program exited before the following
 *   resource registrations could complete"); here they are an error before anything is judged, where
 *   before `plan` printed the stack without them and only then failed with exit 1.
 * - While a command runs, `process.exit` belongs to the CLI. A program that calls it (synchronously while
 *   it loads, or later from a timer) has not let its resources register; the call is recorded instead of
 *   ending the process, and the command fails with exit 2 and one message. Before this, such a program
 *   made `check` exit 0 with no output: a false pass.
 * - Once the command has its verdict, `endProcess` ends the process with that code, so a timer, interval
 *   or socket the program left open cannot keep `plan` alive; and a command whose promise can never
 *   settle (the event loop ran dry) is an error rather than a silent exit 0.
 */
import * as path from "path";
import type { ProgramError } from "../testing/program";

/**
 * testing/program.ts (and with it @pulumi/pulumi) is loaded only when an error needs its class: every
 * CLI command passes through here, and `--help` or a bad flag should not pay for loading the SDK.
 */
const programError = (main: string, cause: Error, location: string | undefined): ProgramError =>
  new (require("../testing/program") as typeof import("../testing/program")).ProgramError(main, cause, location);

interface ExitAttempt { code: string; stack: string }

/** The command being supervised (one at a time: Pulumi's runtime and mocks are process-wide). */
let attempts: ExitAttempt[] | undefined;
/** The program file of the command's run, once `runStack` has named it. */
let programMain: string | undefined;

/** `process.exit`'s own code argument, in words (`process.exit()` exits with `process.exitCode`, default 0). */
function codeText(code: unknown): string {
  if (code === undefined || code === null) return String(process.exitCode ?? 0);
  return typeof code === "number" ? String(code) : JSON.stringify(code);
}

/** The first stack frame inside `dir` outside node_modules and outside this file: where the program called exit. */
function callSite(stack: string, dir: string): string | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m || m[1] === __filename || m[1].includes(`${path.sep}node_modules${path.sep}`)) continue;
    if (m[1].startsWith(dir + path.sep)) return `${path.relative(dir, m[1])}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** The error for a program that ended itself, or undefined when it did not. */
export function programExitError(dir: string, main = programMain ?? "(Pulumi.yaml main)"): ProgramError | undefined {
  const first = attempts?.[0];
  if (!first) return undefined;
  const cause = new Error(`it called process.exit(${first.code}) before its resources were registered. ` +
    "Nothing was judged or written: the CLI (like Pulumi's language host) waits for the program's registrations " +
    "to settle and then ends it itself; remove the process.exit call");
  return programError(main, cause, callSite(first.stack, path.resolve(dir)));
}

/** Throw when the program has called `process.exit` so far (called by `runStack` right after the run). */
export function assertProgramDidNotExit(dir: string, main?: string): void {
  if (attempts && main) programMain = main;
  const error = programExitError(dir, main);
  if (error) throw error;
}

/**
 * Throw when registrations of the program are still waiting after its run settled (an input or a
 * dependency that never resolves, or two resources waiting on each other). Reads the SDK's pending
 * registrations and its own description of them (@pulumi/pulumi runtime/state.js, runtime/debuggable.js
 * `leakedPromises`, @internal in 3.270: when they are missing nothing is checked), which also clears
 * them, so the exit-time report does not repeat them.
 */
export function assertRegistrationsSettled(main: string): void {
  let pending: Map<unknown, unknown> | undefined;
  let leaked: (() => [Set<unknown>, string]) | undefined;
  try {
    pending = require("@pulumi/pulumi/runtime/state").getPendingResourceRegistrations?.();
    leaked = require("@pulumi/pulumi/runtime/debuggable").leakedPromises;
  } catch { return; }
  if (!pending || pending.size === 0 || typeof leaked !== "function") return;
  const count = pending.size;
  const waiting = leaked()[1].split("\n").filter((l) => l.startsWith("  * ")).map((l) => l.slice(4)).slice(0, 10);
  throw programError(main, new Error(`${count} resource registration${count === 1 ? " never completes" : "s never complete"} ` +
    `(${waiting.join("; ")}), so nothing was judged or written. An input, parent or dependency waits on a promise or output that ` +
    "never resolves, or two resources wait on each other: resolve it, or remove the resource"), undefined);
}

/**
 * Run one CLI command with `process.exit` held by the CLI. An exit the program attempted at any point
 * of the command turns its result into that error (exit 2 through main's error path), whatever the
 * command had concluded: the program never finished, so no verdict on it can stand.
 */
export async function superviseCommand(dir: string, run: () => Promise<number>): Promise<number> {
  if (attempts) return run(); // already supervised (a command that runs another, e.g. `start`)
  const realExit = process.exit;
  const recorded: ExitAttempt[] = [];
  attempts = recorded;
  process.exit = ((code?: unknown) => {
    recorded.push({ code: codeText(code), stack: new Error("process.exit").stack ?? "" });
  }) as typeof process.exit;
  try {
    let code: number;
    try {
      code = await run();
    } catch (error) {
      throw programExitError(dir) ?? error; // the exit explains whatever failed after it
    }
    assertProgramDidNotExit(dir);
    return code;
  } finally {
    process.exit = realExit;
    attempts = undefined;
    programMain = undefined;
  }
}

/**
 * The bin's end: wait for the command, flush stdout and stderr, then end the process with its code
 * (ending whatever the program left running). If the event loop empties while the command is still
 * pending, a promise of the program can never settle; that is exit 2 with a message, not Node's silent 0.
 */
export function endProcess(command: Promise<number>, err: (text: string) => void): void {
  let done = false;
  const onDry = () => {
    if (done) return;
    err("error: the program left a promise that never settles (a resource input or output that never resolves), " +
      "so its registrations never completed; nothing was judged or written");
    finish(2);
  };
  const finish = (code: number) => {
    done = true;
    process.off("beforeExit", onDry);
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  };
  process.on("beforeExit", onDry);
  command.then(finish, (error) => { err(`error: ${(error as Error)?.message ?? String(error)}`); finish(2); });
}
