/**
 * Benchmark 2, component overhead: N tables registered through `DynamoTable` versus the same raw
 * `@pulumi/aws` resources, under the same mocks, each sample in a fresh process, modes interleaved.
 * Two table mixes: "mixed" (four realistic shapes in rotation, 3.25 resources per table) and
 * "minimal" (one resource per table: the component's own registration is the largest share).
 * Target: component within 1.2x of raw at every N.
 */
import * as path from "path";
import { jsonResult, runChild, tsNodeArgs } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";

const CHILD = path.join(__dirname, "child.ts");

interface ChildOut { mode: string; n: number; shape: string; wallMs: number; cpuMs: number; registrations: number; custom: number; digest: string; maxRssKb: number }

export interface OverheadPoint {
  n: number;
  shape: string;
  customResources: number;
  registrations: { raw: number; component: number };
  raw: { wallMs: Summary; cpuMs: Summary; peakRssMb: Summary };
  component: { wallMs: Summary; cpuMs: Summary; peakRssMb: Summary };
  /** component / raw, medians. */
  ratioWall: number;
  ratioCpu: number;
  /** Median of the per-run ratios (run i of each mode ran back to back, under the same load). */
  ratioPairedWall: number;
  ratioPairedCpu: number;
  sameResources: boolean;
}

export interface OverheadResult {
  points: OverheadPoint[];
  target: { maxRatio: number; worstPairedWall: number; worstPairedCpu: number; met: boolean };
}

export async function overheadBenchmark(projectDir: string, opts: { sizes: number[]; shapes: string[]; runs: (n: number) => number; log: (s: string) => void }): Promise<OverheadResult> {
  const points: OverheadPoint[] = [];
  for (const shape of opts.shapes) {
    for (const n of opts.sizes) {
      const samples: Record<"raw" | "component", ChildOut[]> = { raw: [], component: [] };
      const runs = opts.runs(n);
      for (let i = 0; i < runs; i++) {
        for (const mode of i % 2 === 0 ? ["raw", "component"] as const : ["component", "raw"] as const) {
          const r = await runChild(process.execPath, tsNodeArgs(CHILD, mode, String(n), shape), { cwd: projectDir, timeoutMs: 900_000, measure: false });
          samples[mode].push(jsonResult<ChildOut>(r, `overhead ${mode} ${n} ${shape}`));
        }
      }
      const side = (s: ChildOut[]) => ({ wallMs: summarize(s.map((x) => x.wallMs)), cpuMs: summarize(s.map((x) => x.cpuMs)), peakRssMb: summarize(s.map((x) => x.maxRssKb / 1024)) });
      const raw = side(samples.raw);
      const component = side(samples.component);
      const paired = (k: "wallMs" | "cpuMs") => summarize(samples.raw.map((r, i) => samples.component[i][k] / r[k])).median;
      const r2 = (x: number) => Math.round(x * 1000) / 1000;
      const point: OverheadPoint = {
        n, shape, customResources: samples.raw[0].custom,
        registrations: { raw: samples.raw[0].registrations, component: samples.component[0].registrations },
        raw, component,
        ratioWall: r2(component.wallMs.median / raw.wallMs.median), ratioCpu: r2(component.cpuMs.median / raw.cpuMs.median),
        ratioPairedWall: r2(paired("wallMs")), ratioPairedCpu: r2(paired("cpuMs")),
        sameResources: [...samples.raw, ...samples.component].every((s) => s.digest === samples.raw[0].digest),
      };
      if (!point.sameResources) throw new Error(`overhead ${shape} N=${n}: component and raw registered different resources`);
      points.push(point);
      opts.log(`  ${shape.padEnd(7)} N=${String(n).padStart(4)}  raw ${show(raw.wallMs)}  component ${show(component.wallMs)}  ratio ${point.ratioPairedWall} (cpu ${point.ratioPairedCpu})`);
    }
  }
  const worstPairedWall = Math.max(...points.map((p) => p.ratioPairedWall));
  const worstPairedCpu = Math.max(...points.map((p) => p.ratioPairedCpu));
  return { points, target: { maxRatio: 1.2, worstPairedWall, worstPairedCpu, met: points.every((p) => p.ratioPairedWall <= 1.2 && p.ratioWall <= 1.2) } };
}
