/**
 * The peer (CDK Terrain) and CLI-at-scale sections of bench/report.ts: rows come from the result
 * file's numbers, and each target's verdict is worked out from them (a result that misses a target
 * renders **no**).
 */
import * as assert from "assert";
import { BenchFile, renderReport } from "../../bench/report";
import { summarize } from "../../bench/lib/stats";
import type { PeerResult } from "../../bench/peer";
import type { CliResult } from "../../bench/cli";

const file = (results: BenchFile["results"]): BenchFile => ({
  kind: "dynamodb-blueprints-bench", version: 1, command: "npm run bench -- --only=peer,cli", quick: false, startedAt: "2026-12-07T10:00:00.000Z",
  machine: { cpu: "AMD EPYC", cores: 2, memoryGb: 23.5, os: "Linux", node: "v22.23.5", gnuTime: true, loadAverageAtStart: [0.1, 0.1, 0.1] },
  git: { commit: "0123456789abcdef", dirty: [] }, results,
});

function peer(flatSpeedup: number, moduleRss: number): PeerResult {
  const v = (id: string, ms: number, mb: number) => ({ id, label: id, workMs: summarize([ms]), workCpuMs: summarize([ms]), peakRssMb: summarize([mb]) }) as PeerResult["points"][number]["variants"][number];
  return {
    peer: { cdktn: "0.24.0", providerAws: "25.7.0", constructs: "10.7.2" }, outputOn: "ram", sameResources: { checkedTables: 8, resources: 26, outputs: 20 },
    points: [{ n: 1000, runs: 1, variants: [v("cdktn", 2000, 200), v("cdktn-no-stacks", 1200, 140), v("flat", 2000 / flatSpeedup, 90), v("module", 250, 200 * moduleRss)],
      speedup: { flat: { wall: flatSpeedup, cpu: flatSpeedup, wallVsNoStacks: 1, cpuVsNoStacks: 1, peakRss: 0.45 }, module: { wall: 8, cpu: 8, wallVsNoStacks: 1, cpuVsNoStacks: 1, peakRss: moduleRss } } }],
    target: { n: 1000, minSpeedup: 5, goalSpeedup: 10, maxRssRatio: 0.5, worstSpeedupWall: Math.min(flatSpeedup, 8), worstSpeedupCpu: Math.min(flatSpeedup, 8), worstRssRatio: Math.max(0.45, moduleRss), met: true },
  };
}

function cli(planMs: number, ratio: number): CliResult {
  const point = (n: number, ms: number) => ({ n, command: "plan" as const, processMs: summarize([ms]), processCpuMs: summarize([ms]), commandMs: summarize([ms]), commandCpuMs: summarize([ms]), peakRssMb: summarize([500]), msPerTable: ms / n });
  return { points: [point(1000, planMs), point(3000, planMs * 3 * ratio)], target: { planN: 1000, planMaxS: 15, planMaxMb: 600, planMs, planPeakMb: 500, perTableRatio: ratio, met: true } };
}

describe("bench report: CDK Terrain and CLI-at-scale sections", () => {
  it("renders the rows and judges the targets from the numbers", () => {
    const text = renderReport(file({ peer: peer(6, 0.4), cli: cli(9000, 1.1) }));
    assert.match(text, /\*\*5\. Emitter vs CDK Terrain\*\*/);
    assert.match(text, /\| 1,000 \| flat \| 333 ms \(333 ms–333 ms\) \| 333 ms \(333 ms–333 ms\) \| 90 MB \(90 MB–90 MB\) \| 6\.0× \(6\.0×\) \|/);
    assert.match(text, /\| Emitter ≥ 5× faster than CDK Terrain at 1,000 tables, both layouts \(goal 10×\) \| 6\.0× \(CPU 6\.0×\) \| yes \|/);
    assert.match(text, /\*\*6\. The CLI at scale\*\*/);
    assert.match(text, /\| `plan` on 1,000 tables ≤ 15 s and 600 MB \| 9\.00 s, 500 MB \| yes \|/);
    assert.match(text, /\| `plan` per table at 3,000 ≤ 1\.5× at 1,000 \(linear\) \| 1\.10× \| yes \|/);
  });

  it("a missed target reads **no** (the verdict is not copied from the file's own flag)", () => {
    const text = renderReport(file({ peer: peer(3, 0.7), cli: cli(20_000, 1.8) }));
    assert.match(text, /faster than CDK Terrain .* \| 3\.0× \(CPU 3\.0×\) \| \*\*no\*\* \|/);
    assert.match(text, /peak RSS ≤ 0\.5× CDK Terrain's at 1,000 tables \| 0\.70× \| \*\*no\*\* \|/);
    assert.match(text, /`plan` on 1,000 tables ≤ 15 s and 600 MB \| 20\.0 s, 500 MB \| \*\*no\*\* \|/);
    assert.match(text, /\(linear\) \| 1\.80× \| \*\*no\*\* \|/);
  });
});
