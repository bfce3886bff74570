/**
 * Runs the real CLI as a child process. Each start-up costs ~0.7 s (help, errors) to ~2.2 s (a stack
 * under Pulumi mocks) on ts-node, so a test file declares its scenarios once, runs them in parallel in
 * `before`, and its `it`s only assert on the captured output.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "dynamodb-blueprints.js");
const DIST_MAIN = path.join(ROOT, "dist", "cli", "main.js");

export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The bin runs dist/ whenever it exists. A dist/ older than the sources (left behind by a build or
 * `npm pack`) would make these tests exercise stale code, so then the same entry point, cli/main.ts,
 * is run through ts-node directly, exactly what the bin does without dist/.
 */
export function entry(): string[] {
  if (!fs.existsSync(DIST_MAIN)) return [BIN];
  const built = fs.statSync(DIST_MAIN).mtimeMs;
  const stale = ["cli", "model", "components", "testing", "entries", "terraform", "hcl", "local"].some((d) => newestSource(path.join(ROOT, d)) > built);
  return stale ? ["-r", "ts-node/register/transpile-only", path.join(ROOT, "cli", "main.ts")] : [BIN];
}

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

/** Run every scenario, at most `limit` at a time (two cores here), keyed like the input. */
export async function runScenarios<K extends string>(scenarios: Record<K, { args: string[]; env?: Record<string, string> }>,
  limit = Math.max(2, os.cpus().length)): Promise<Record<K, CliResult>> {
  const keys = Object.keys(scenarios) as K[];
  const results = {} as Record<K, CliResult>;
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      results[key] = await runCli(scenarios[key].args, scenarios[key].env);
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
