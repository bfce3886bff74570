/**
 * Runs one measurement in a fresh child process: wall time from spawn to exit, peak RSS from GNU
 * `/usr/bin/time -v` when it is installed (else whatever the child reports), and the child's
 * stdout, stderr and an optional result channel on fd 3.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const GNU_TIME = "/usr/bin/time";
export const HAS_GNU_TIME = (() => {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak resident set size of the measured process, from /usr/bin/time -v; undefined without it. */
  maxRssKb?: number;
  /** User + system CPU of the measured process, from /usr/bin/time; undefined without it. */
  cpuMs?: number;
  stdout: string;
  stderr: string;
  /** What the child wrote to file descriptor 3. */
  fd3: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Wrap in /usr/bin/time -v (when installed) to read peak RSS and CPU time. */
  measure?: boolean;
}

export async function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildResult> {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const wrap = options.measure !== false && HAS_GNU_TIME;
  const [cmd, argv] = wrap ? [GNU_TIME, ["-v", "-o", timeFile, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  const chunks: Record<"stdout" | "stderr" | "fd3", Buffer[]> = { stdout: [], stderr: [], fd3: [] };
  child.stdout!.on("data", (b: Buffer) => chunks.stdout.push(b));
  child.stderr!.on("data", (b: Buffer) => chunks.stderr.push(b));
  (child.stdio[3] as NodeJS.ReadableStream).on("data", (b: Buffer) => chunks.fd3.push(b));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c, s) => resolve([c, s]));
  });
  clearTimeout(timer);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let maxRssKb: number | undefined;
  let cpuMs: number | undefined;
  if (wrap && fs.existsSync(timeFile)) {
    const text = fs.readFileSync(timeFile, "utf8");
    fs.rmSync(timeFile, { force: true });
    const num = (re: RegExp) => Number(re.exec(text)?.[1]);
    maxRssKb = num(/Maximum resident set size \(kbytes\): (\d+)/);
    cpuMs = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
  }
  const text = (k: keyof typeof chunks) => Buffer.concat(chunks[k]).toString("utf8");
  return { code, signal, wallMs, maxRssKb, cpuMs, stdout: text("stdout"), stderr: text("stderr"), fd3: text("fd3") };
}

/** The last JSON line a child printed (on fd 3 or stdout), or an error with its output. */
export function jsonResult<T>(r: ChildResult, what: string): T {
  const source = r.fd3.trim() || r.stdout.trim();
  const line = source.split("\n").filter((l) => l.startsWith("{")).pop();
  if (r.code !== 0 || !line) {
    throw new Error(`${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ""}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}\n${r.fd3.slice(-2000)}`);
  }
  return JSON.parse(line) as T;
}

/** `node` with ts-node's transpile-only hook, as the project's scripts and tests run TypeScript. */
export function tsNodeArgs(script: string, ...args: string[]): string[] {
  return ["-r", "ts-node/register/transpile-only", script, ...args];
}
