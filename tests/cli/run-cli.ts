/**
 * Runs the real CLI. `runMain` and `runScenarios` call the CLI's `main(argv, io)` in-process with the
 * bin's own io (cli/main.ts and bin/dynamodb-blueprints.js: a newline added unless the text ends in
 * one, stdout and stderr kept apart, the project directory from DYNAMODB_BLUEPRINTS_PROJECT), so a
 * scenario costs milliseconds instead of ~0.7-2.2 s of ts-node start-up in a child process.
 * `runCli` (and `runScenarios(..., { spawn: true })`) runs the bin as a child process: a few smoke
 * tests use it (errors.cli.test.ts compares it byte for byte with `main`; safety/ and local/ run
 * the real binary for exit codes, stdout/stderr separation, signals and warnings).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";

export const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "dynamodb-blueprints.js");

export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * How tests start the CLI as a child process: the bin itself, which runs dist/ only when it is newer
 * than every source and the sources through ts-node otherwise (bin/entry-point.js), so a stale dist/
 * never answers a test.
 */
export function entry(): string[] {
  return [BIN];
}

/** The bin as a child process (see `entry`). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // No inherited project override or debug mode: the test names its project explicitly.
    const { DYNAMODB_BLUEPRINTS_PROJECT, DYNAMODB_BLUEPRINTS_DEBUG, ...inherited } = process.env;
    const child = spawn(process.execPath, [...entry(), ...args], { cwd: ROOT, env: { ...inherited, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ args, code, stdout, stderr, ms: Date.now() - started }));
  });
}

/**
 * `main` in-process, with the io the bin builds. The only environment the CLI's entry reads is
 * DYNAMODB_BLUEPRINTS_PROJECT (the project directory: io.cwd) and DYNAMODB_BLUEPRINTS_DEBUG (unset
 * here, as `runCli` unsets it for its child), so any other variable is refused rather than silently ignored.
 */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const unsupported = Object.keys(env).filter((k) => k !== "DYNAMODB_BLUEPRINTS_PROJECT");
  if (unsupported.length > 0) throw new Error(`runMain cannot set ${unsupported.join(", ")}: use runCli (a child process)`);
  const started = Date.now();
  let stdout = "";
  let stderr = "";
  const io = {
    out: (t: string) => { stdout += t.endsWith("\n") ? t : `${t}\n`; },
    err: (t: string) => { stderr += t.endsWith("\n") ? t : `${t}\n`; },
    cwd: env.DYNAMODB_BLUEPRINTS_PROJECT || ROOT, // the bin's rule, with the repository as the process's directory
  };
  const debug = process.env.DYNAMODB_BLUEPRINTS_DEBUG;
  delete process.env.DYNAMODB_BLUEPRINTS_DEBUG;
  try {
    const code = await main(args, io);
    return { args, code, stdout, stderr, ms: Date.now() - started };
  } finally {
    if (debug !== undefined) process.env.DYNAMODB_BLUEPRINTS_DEBUG = debug;
  }
}

/**
 * Run every scenario, keyed like the input. In-process runs go one at a time: Pulumi's runtime
 * settings and mocks are process-wide, so two stacks must not run under them at once. Child
 * processes (`spawn: true`) run at most `limit` at a time (two cores here).
 */
export async function runScenarios<K extends string>(scenarios: Record<K, { args: string[]; env?: Record<string, string> }>,
  options: { spawn?: boolean; limit?: number } = {}): Promise<Record<K, CliResult>> {
  const run = options.spawn ? runCli : runMain;
  const limit = options.spawn ? options.limit ?? Math.max(2, os.cpus().length) : 1;
  const keys = Object.keys(scenarios) as K[];
  const results = {} as Record<K, CliResult>;
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      results[key] = await run(scenarios[key].args, scenarios[key].env);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return results;
}

/** A scratch project: Pulumi.yaml copied from the repo plus the given stack files. */
const scratchDirs: string[] = [];
/** Scratch projects are removed when the test process exits, pass or fail. */
process.once("exit", () => { for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true }); });

export function scratchProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-cli-"));
  scratchDirs.push(dir);
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "index.ts"), referenceProgramFile());
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A Node stack trace line ("    at fn (file.js:1:2)"): the CLI must never print one. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

/** A scratch project's program: the repository's reference program, run from the scratch directory. */
export function referenceProgramFile(): string {
  const program = JSON.stringify(path.join(ROOT, "components", "program"));
  return `// The reference program (index.ts of the repository), for this scratch project's stacks.\nexport = require(${program}).referenceProgram(__dirname);\n`;
}
