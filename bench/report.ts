/**
 * Renders a result file as the Markdown the README shows, so the README table is always a copy of
 * a real run: `npx ts-node --transpile-only bench/report.ts bench/results/reference.json`.
 */
import * as fs from "fs";
import type { Machine } from "./lib/machine";
import type { Summary } from "./lib/stats";
import type { StartupResult } from "./startup";
import type { OverheadResult } from "./overhead";
import type { EmitterResult } from "./emitter";
import type { SuiteResult } from "./suite";
import type { PeerResult } from "./peer";
import type { CliResult } from "./cli";

export interface BenchFile {
  kind: "dynamodb-blueprints-bench";
  version: 1;
  command: string;
  quick: boolean;
  startedAt: string;
  finishedAt?: string;
  durationS?: number;
  machine: Machine;
  loadAverageAtEnd?: number[];
  git: { commit: string; dirty: string[] };
  results: { startup?: StartupResult; overhead?: OverheadResult; emitter?: EmitterResult; suite?: SuiteResult; peer?: PeerResult; cli?: CliResult };
}

const sec = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const range = (s: Summary, f: (x: number) => string = sec) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const mb = (x: number) => `${Math.round(x)} MB`;
const yes = (ok: boolean | undefined) => (ok === undefined ? "–" : ok ? "yes" : "**no**");

export function renderReport(file: BenchFile, source?: string): string {
  const m = file.machine;
  const lines: string[] = [];
  lines.push(`Measured ${file.startedAt.slice(0, 10)} on ${m.cpu} (${m.cores} vCPU), ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}; `
    + `load average ${m.loadAverageAtStart.join("/")} at start${file.loadAverageAtEnd ? `, ${file.loadAverageAtEnd.join("/")} at end` : ""}; `
    + `commit ${file.git.commit.slice(0, 12)}${file.git.dirty.length ? ` + ${file.git.dirty.length} uncommitted changes` : ""}. `
    + `Command: \`${file.command}\`${source ? `, results in \`${source}\`` : ""}. Cells: median (min–max) over the runs shown.`);
  const { startup, overhead, emitter, suite, peer, cli } = file.results;
  const targets: string[][] = [];

  if (startup) {
    const n = startup.variants[0].readyMs.n;
    lines.push("", `**1. Start-up** — process start until all ${startup.variants[0].customResources} resources of the \`${startup.stack}\` stack are registered (mocks), ${n} runs each:`, "",
      "| Program | Ready | CPU (user+sys) | Peak RSS | vs baseline (time / RSS) |", "|---|---|---|---|---|");
    const base = startup.variants.find((v) => v.id === "baseline")!;
    for (const v of startup.variants) {
      const vs = v.id === "baseline" ? "1 / 1" : `${(v.readyMs.median / base.readyMs.median).toFixed(2)} / ${(v.peakRssMb.median / base.peakRssMb.median).toFixed(2)}`;
      lines.push(`| ${v.label} | ${range(v.readyMs)} | ${v.cpuMs ? range(v.cpuMs) : "–"} | ${range(v.peakRssMb, mb)} | ${vs} |`);
    }
    targets.push(["Start-up time ≤ 0.2× baseline", `${startup.ratios.readyTime.toFixed(2)}×`, yes(startup.target.timeMet)]);
    targets.push(["Start-up peak RSS ≤ 0.2× baseline", `${startup.ratios.peakRss.toFixed(2)}×`, yes(startup.target.memoryMet)]);
  }
  if (overhead) {
    lines.push("", "**2. Component overhead** — N tables through `DynamoTable` vs the same raw `@pulumi/aws` resources (mocks, registration time):", "",
      "| Tables | Mix (custom resources) | Raw | DynamoTable | Ratio |", "|---|---|---|---|---|");
    for (const p of overhead.points) {
      lines.push(`| ${p.n} | ${p.shape} (${p.customResources}) | ${range(p.raw.wallMs)} | ${range(p.component.wallMs)} | ${p.ratioPairedWall.toFixed(2)}× |`);
    }
    targets.push(["DynamoTable ≤ 1.2× raw at every N", `worst ${overhead.target.worstPairedWall.toFixed(2)}×`, yes(overhead.target.met)]);
  }
  if (emitter) {
    lines.push("", "**3. Emitter scaling** — one cold `toTerraform` call per fresh process (warm = a second call, same input):", "",
      "| Tables | Layout | Cold call | Per table, cold / warm | HCL |", "|---|---|---|---|---|");
    for (const p of emitter.points) {
      lines.push(`| ${p.n.toLocaleString("en-US")} | ${p.layout} | ${range(p.coldMs)} | ${p.coldMsPerTable.toFixed(3)} / ${p.warmMsPerTable.toFixed(3)} ms | ${(p.bytes / 1e6).toFixed(1)} MB in ${p.files} files |`);
    }
    const t = emitter.target;
    if (t.thousandColdMs !== undefined) targets.push(["`toTerraform` 1,000 tables < 1 s", sec(t.thousandColdMs), yes(t.thousandUnderOneSecond)]);
    if (t.perTableRatioWarm !== undefined) {
      const largest = Math.max(...emitter.points.map((p) => p.n)).toLocaleString("en-US");
      targets.push([`Per table at ${largest} ≤ 1.5× at 100`, `${t.perTableRatioWarm.toFixed(2)}× warm, ${t.perTableRatioCold!.toFixed(2)}× cold`, yes(t.linearWithin1_5x)]);
    }
  }
  if (suite) {
    lines.push("", `**4. Test suite** — \`npm test\` (type-check + mocha) on a ${suite.install}: ${range(suite.npmTest.wallMs)}${suite.npmTest.tests ? `, ${suite.npmTest.tests}` : ""}${suite.npmTest.passed.every(Boolean) ? "" : " (**FAILED**)"}.`);
    if (suite.files) {
      lines.push("", `Type-check alone ${sec(suite.typecheckMs!)}; slowest test files, each alone in a fresh mocha process:`, "", "| File | Wall | In tests | Tests |", "|---|---|---|---|");
      for (const f of suite.files.slice(0, 8)) lines.push(`| \`${f.file}\` | ${sec(f.wallMs)} | ${sec(f.testsMs)} | ${f.tests}${f.failures ? ` (${f.failures} failed)` : ""} |`);
    }
    targets.push(["`npm test` < 60 s", sec(suite.npmTest.wallMs.median), yes(suite.target.met)]);
  }
  if (peer) {
    lines.push("", `**5. Emitter vs CDK Terrain** — the same tables (four shapes in rotation) from table args to Terraform files (written to ${peer.outputOn === "ram" ? "a RAM file system, so other processes' disk I/O stays out" : "the temp directory"}), each sample a fresh process running plain JavaScript, variants interleaved; ${peer.points[0]?.runs ?? 0} run${peer.points[0]?.runs === 1 ? "" : "s"} each. Both sides write the same ${peer.sameResources.resources} resources and ${peer.sameResources.outputs} outputs for ${peer.sameResources.checkedTables} tables (checked before timing). Speed-up: CDK Terrain (defaults) time ÷ this one's, median of per-run ratios:`, "",
      "| Tables | Synthesised by | Time | CPU (user+sys) | Peak RSS | Speed-up (CPU) |", "|---|---|---|---|---|---|");
    for (const p of peer.points) {
      for (const v of p.variants) {
        const s = v.id === "flat" || v.id === "module" ? p.speedup[v.id] : undefined;
        lines.push(`| ${p.n.toLocaleString("en-US")} | ${v.label} | ${range(v.workMs)} | ${range(v.workCpuMs)} | ${range(v.peakRssMb, mb)} | ${s ? `${s.wall.toFixed(1)}× (${s.cpu.toFixed(1)}×)` : "–"} |`);
      }
    }
    const t = peer.target;
    if (t.worstSpeedupWall !== undefined) {
      targets.push([`Emitter ≥ ${t.minSpeedup}× faster than CDK Terrain at ${t.n.toLocaleString("en-US")} tables, both layouts (goal ${t.goalSpeedup}×)`, `${t.worstSpeedupWall.toFixed(1)}× (CPU ${t.worstSpeedupCpu!.toFixed(1)}×)`, yes(t.met === undefined ? undefined : t.worstSpeedupWall >= t.minSpeedup && t.worstSpeedupCpu! >= t.minSpeedup)]);
      targets.push([`Emitter peak RSS ≤ ${t.maxRssRatio}× CDK Terrain's at ${t.n.toLocaleString("en-US")} tables`, `${t.worstRssRatio!.toFixed(2)}×`, yes(t.worstRssRatio! <= t.maxRssRatio)]);
    }
  }
  if (cli) {
    lines.push("", "**6. The CLI at scale** — a generated TypeScript program of N tables (four shapes in rotation, 4.25 resources each) through `plan`, `check` and `hcl --out`, each a fresh process running the CLI as plain JavaScript:", "",
      "| Tables | Command | Time (process start to exit) | CPU (user+sys) | Peak RSS | Time per table |", "|---|---|---|---|---|---|");
    for (const p of cli.points) {
      lines.push(`| ${p.n.toLocaleString("en-US")} | \`${p.command}\` | ${range(p.processMs)} | ${range(p.processCpuMs)} | ${range(p.peakRssMb, mb)} | ${p.msPerTable.toFixed(1)} ms |`);
    }
    const t = cli.target;
    if (t.planMs !== undefined) {
      targets.push([`\`plan\` on ${t.planN.toLocaleString("en-US")} tables ≤ ${t.planMaxS} s and ${t.planMaxMb} MB`, `${sec(t.planMs)}, ${mb(t.planPeakMb!)}`, yes(t.planMs <= t.planMaxS * 1000 && t.planPeakMb! <= t.planMaxMb)]);
      if (t.perTableRatio !== undefined) {
        const largest = Math.max(...cli.points.map((p) => p.n)).toLocaleString("en-US");
        targets.push([`\`plan\` per table at ${largest} ≤ 1.5× at 1,000 (linear)`, `${t.perTableRatio.toFixed(2)}×`, yes(t.perTableRatio <= 1.5)]);
      }
    }
  }
  lines.push("", "| Target | Measured | Met |", "|---|---|---|", ...targets.map((t) => `| ${t.join(" | ")} |`));
  return lines.join("\n");
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: ts-node bench/report.ts <result.json>");
    process.exit(2);
  }
  process.stdout.write(renderReport(JSON.parse(fs.readFileSync(file, "utf8")) as BenchFile, file) + "\n");
}
