/**
 * Benchmark 3, emitter scaling: `toTerraform` for N tables (blueprints from the model's
 * `dynamoTable`, no Pulumi runtime), each sample in a fresh process. Targets: 1,000 tables in under
 * one second (cold call, default module layout); per-table cost at 10,000 within 1.5x of that at 100.
 */
import * as path from "path";
import { jsonResult, runChild, tsNodeArgs } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";

const CHILD = path.join(__dirname, "child.ts");

interface ChildOut { n: number; layout: string; buildMs: number; coldMs: number; coldCpuMs: number; warmMs: number; warmCpuMs: number; files: number; bytes: number; maxRssKb: number }

export interface EmitterPoint {
  n: number;
  layout: string;
  files: number;
  bytes: number;
  buildMs: Summary;
  coldMs: Summary;
  coldCpuMs: Summary;
  warmMs: Summary;
  /** Medians divided by N. */
  coldMsPerTable: number;
  warmMsPerTable: number;
  peakRssMb: Summary;
}

export interface EmitterResult {
  points: EmitterPoint[];
  target: {
    thousandColdMs?: number;
    thousandUnderOneSecond?: boolean;
    /** per-table(largest N) / per-table(100), warm and cold, default layout. */
    perTableRatioWarm?: number;
    perTableRatioCold?: number;
    linearWithin1_5x?: boolean;
  };
}

export async function emitterBenchmark(projectDir: string, opts: { sizes: number[]; layouts: string[]; runs: number; log: (s: string) => void }): Promise<EmitterResult> {
  const points: EmitterPoint[] = [];
  for (const layout of opts.layouts) {
    for (const n of opts.sizes) {
      const samples: ChildOut[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const r = await runChild(process.execPath, ["--expose-gc", ...tsNodeArgs(CHILD, String(n), layout)], { cwd: projectDir, timeoutMs: 600_000, measure: false });
        samples.push(jsonResult<ChildOut>(r, `toTerraform ${n} ${layout}`));
      }
      const cold = summarize(samples.map((s) => s.coldMs));
      const warm = summarize(samples.map((s) => s.warmMs));
      const point: EmitterPoint = {
        n, layout, files: samples[0].files, bytes: samples[0].bytes,
        buildMs: summarize(samples.map((s) => s.buildMs)), coldMs: cold, coldCpuMs: summarize(samples.map((s) => s.coldCpuMs)), warmMs: warm,
        coldMsPerTable: Math.round((cold.median / n) * 1e4) / 1e4, warmMsPerTable: Math.round((warm.median / n) * 1e4) / 1e4,
        peakRssMb: summarize(samples.map((s) => s.maxRssKb / 1024)),
      };
      points.push(point);
      opts.log(`  ${layout.padEnd(6)} N=${String(n).padStart(5)}  cold ${show(cold)}  warm ${show(warm)}  per table cold ${point.coldMsPerTable} ms, warm ${point.warmMsPerTable} ms  (${(point.bytes / 1e6).toFixed(2)} MB HCL)`);
    }
  }
  const at = (n: number, layout = "module") => points.find((p) => p.n === n && p.layout === layout);
  const largest = Math.max(...opts.sizes);
  const target: EmitterResult["target"] = {};
  if (at(1000)) {
    target.thousandColdMs = at(1000)!.coldMs.median;
    target.thousandUnderOneSecond = at(1000)!.coldMs.median < 1000;
  }
  if (at(100) && largest > 100) {
    target.perTableRatioWarm = Math.round((at(largest)!.warmMsPerTable / at(100)!.warmMsPerTable) * 100) / 100;
    target.perTableRatioCold = Math.round((at(largest)!.coldMsPerTable / at(100)!.coldMsPerTable) * 100) / 100;
    target.linearWithin1_5x = target.perTableRatioWarm <= 1.5 && target.perTableRatioCold <= 1.5;
  }
  return { points, target };
}
