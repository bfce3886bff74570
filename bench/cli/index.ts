/**
 * Benchmark 6, the CLI at scale: a generated user program of N tables (bench/cli/program.ts; the
 * benchmark's four table shapes, 4.25 resources per table with the components) through `plan`,
 * `check` and `hcl`, each command a fresh process running the CLI as plain JavaScript
 * (bench/lib/prebuilt.ts) while the program itself is TypeScript, transpiled as Pulumi would.
 * Peak RSS of each child from GNU time. Sizes and commands interleaved per run.
 *
 * Targets: `plan` at 1,000 tables within 15 s and 600 MB; time per table at the largest N within
 * 1.5x of that at 1,000 (linear growth).
 */
import * as fs from "fs";
import * as path from "path";
import { jsonResult, runChild } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";
import { prebuild } from "../lib/prebuilt";
import { BENCH_STACK, generateProgram } from "./program";

export const CLI_COMMANDS = ["plan", "check", "hcl"] as const;
type CliCommand = (typeof CLI_COMMANDS)[number];

interface ChildOut { code: number; loadMs: number; wallMs: number; cpuMs: number; printed: number; errors: string; maxRssKb: number }

export interface CliPoint {
  n: number;
  command: CliCommand;
  /** The whole process: spawn to exit (what the user waits for). */
  processMs: Summary;
  /** User + system CPU of the whole process (GNU time; the command's own when it is not installed). */
  processCpuMs: Summary;
  /** The command alone, the CLI's modules loaded. */
  commandMs: Summary;
  commandCpuMs: Summary;
  peakRssMb: Summary;
  /** processMs median / N. */
  msPerTable: number;
}

export interface CliResult {
  points: CliPoint[];
  target: { planN: number; planMaxS: number; planMaxMb: number; planMs?: number; planPeakMb?: number; perTableRatio?: number; met?: boolean };
}

const argvOf = (command: CliCommand, dir: string) =>
  command === "hcl" ? ["hcl", "--stack", BENCH_STACK, "--out", path.join(dir, "tf")] : [command, "--stack", BENCH_STACK];

export async function cliBenchmark(projectDir: string, opts: { sizes: number[]; runs: (n: number) => number; log: (s: string) => void }): Promise<CliResult> {
  const js = prebuild(projectDir);
  const programs = new Map(opts.sizes.map((n) => [n, generateProgram(js, n)]));
  try {
    const samples = new Map<string, (ChildOut & { processMs: number; processCpuMs: number; peakKb: number })[]>();
    const maxRuns = Math.max(...opts.sizes.map(opts.runs));
    for (let run = 0; run < maxRuns; run++) {
      for (const n of opts.sizes) {
        if (run >= opts.runs(n)) continue;
        const dir = programs.get(n)!;
        for (const command of run % 2 === 0 ? CLI_COMMANDS : [...CLI_COMMANDS].reverse()) {
          fs.rmSync(path.join(dir, "tf"), { recursive: true, force: true });
          const r = await runChild(process.execPath, [path.join(js, "bench/cli/child.js"), dir, ...argvOf(command, dir)], { cwd: dir, timeoutMs: 1_800_000 });
          const s = jsonResult<ChildOut>(r, `${command} on ${n} tables`);
          if (s.code !== 0) throw new Error(`${command} on ${n} tables exited ${s.code}:\n${s.errors}`);
          const key = `${n} ${command}`;
          samples.set(key, [...(samples.get(key) ?? []), { ...s, processMs: r.wallMs, processCpuMs: r.cpuMs ?? s.cpuMs, peakKb: r.maxRssKb ?? s.maxRssKb }]);
        }
      }
    }
    const points: CliPoint[] = [];
    for (const n of opts.sizes) {
      for (const command of CLI_COMMANDS) {
        const s = samples.get(`${n} ${command}`)!;
        const processMs = summarize(s.map((x) => x.processMs));
        const point: CliPoint = {
          n, command, processMs, processCpuMs: summarize(s.map((x) => x.processCpuMs)), commandMs: summarize(s.map((x) => x.wallMs)), commandCpuMs: summarize(s.map((x) => x.cpuMs)),
          peakRssMb: summarize(s.map((x) => x.peakKb / 1024)), msPerTable: Math.round((processMs.median / n) * 100) / 100,
        };
        points.push(point);
        opts.log(`  ${command.padEnd(5)} N=${String(n).padStart(5)}  process ${show(processMs)} (cpu ${show(point.processCpuMs)})  command ${show(point.commandMs)} (cpu ${show(point.commandCpuMs)})  peak ${show(point.peakRssMb, "MB")}  ${point.msPerTable} ms/table`);
      }
    }
    const target: CliResult["target"] = { planN: 1000, planMaxS: 15, planMaxMb: 600 };
    const plan = (n: number) => points.find((p) => p.command === "plan" && p.n === n);
    const largest = Math.max(...opts.sizes);
    if (plan(1000)) {
      target.planMs = plan(1000)!.processMs.median;
      target.planPeakMb = plan(1000)!.peakRssMb.median;
      target.met = target.planMs <= target.planMaxS * 1000 && target.planPeakMb <= target.planMaxMb;
      if (largest > 1000) {
        target.perTableRatio = Math.round((plan(largest)!.msPerTable / plan(1000)!.msPerTable) * 100) / 100;
        target.met = target.met && target.perTableRatio <= 1.5;
      }
    }
    return { points, target };
  } finally {
    for (const dir of programs.values()) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(js, { recursive: true, force: true });
  }
}
