/**
 * One emitter measurement, in its own process: build N table blueprints with the model's
 * `dynamoTable` (no Pulumi runtime is loaded), then call `toTerraform` on them: the first (cold)
 * call is what a CLI run or a build script pays; the best of the next calls (warm: same input, JIT
 * done) isolates how the work itself scales with N. Garbage is collected before each timed call.
 * Run with --expose-gc. Prints one JSON line.
 */
import { performance } from "perf_hooks";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform, Layout } from "../../terraform/to-terraform";
import { benchTable } from "../lib/specs";

async function timed<T>(f: () => Promise<T> | T): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const layout = (process.argv[3] ?? "module") as Layout;
  if (!(n > 0) || !["module", "flat"].includes(layout)) throw new Error("usage: child.ts N module|flat");
  const build = await timed(() => Array.from({ length: n }, (_, i) => {
    const t = benchTable(i);
    return dynamoTable(t.name, t.args);
  }));
  // Collect the previous step's garbage before each timed call, so no call pays for another's.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => { throw new Error("run with --expose-gc"); });
  gc();
  const cold = await timed(() => toTerraform(build.value, { layout, stack: "bench" }));
  const files = cold.value;
  // Warm: the best of a few more calls on the same input (fewer for big N, bounded time).
  let warm = { wallMs: Infinity, cpuMs: Infinity };
  for (let i = 0; i < (n <= 1000 ? 3 : 1); i++) {
    gc();
    const w = await timed(() => toTerraform(build.value, { layout, stack: "bench" }));
    if (i === 0 && JSON.stringify(w.value) !== JSON.stringify(files)) throw new Error("toTerraform is not deterministic");
    if (w.wallMs < warm.wallMs) warm = { wallMs: w.wallMs, cpuMs: w.cpuMs };
  }
  if (Object.keys(require.cache).some((k) => k.includes(`${"@pulumi"}/pulumi/`))) throw new Error("the emitter must not load the Pulumi runtime");
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  process.stdout.write(JSON.stringify({
    n, layout, buildMs: build.wallMs, coldMs: cold.wallMs, coldCpuMs: cold.cpuMs, warmMs: warm.wallMs, warmCpuMs: warm.cpuMs,
    files: Object.keys(files).length, bytes, maxRssKb: process.resourceUsage().maxRSS,
  }) + "\n");
}

main().catch((err) => { console.error(err); process.exit(1); });
