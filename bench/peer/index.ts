/**
 * Benchmark 5, the emitter against its peer: the same tables (bench/lib/specs.ts, four shapes in
 * rotation) synthesised to Terraform by CDK Terrain (`cdktn` + `@cdktn/provider-aws`, HCL output)
 * and by this project's `toTerraform` (flat and module layouts), from table args to files on disk.
 * Every sample is a fresh process running plain JavaScript (bench/lib/prebuilt.ts), the variants
 * interleaved in rotating order so machine load hits them alike; peak RSS of each child comes from
 * GNU time. Before timing, a small run checks that both sides write the same resources, data
 * sources and outputs with the same arguments.
 *
 * Targets at 1,000 tables (ratios: median of per-run ratios against CDK Terrain's default run next
 * to it): both layouts at least 5x faster (goal 10x), peak RSS at most half of CDK Terrain's.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { jsonResult, runChild } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";
import { benchTable } from "../lib/specs";
import { prebuild } from "../lib/prebuilt";
import { PEER, ensurePeer } from "./install";

export const PEER_VARIANTS = [
  { id: "cdktn", label: `CDK Terrain ${PEER.cdktn} (defaults, HCL output)`, peer: true, env: {} },
  { id: "cdktn-no-stacks", label: "CDK Terrain, creation stacks off (`CDKTN_DISABLE_CREATION_STACK=1`)", peer: true, env: { CDKTN_DISABLE_CREATION_STACK: "1" } },
  { id: "flat", label: "dynamodb-blueprints, flat layout", peer: false, env: {} },
  { id: "module", label: "dynamodb-blueprints, module layout", peer: false, env: {} },
] as const;
type VariantId = (typeof PEER_VARIANTS)[number]["id"];

interface ChildOut { n: number; workMs: number; workCpuMs: number; buildMs: number; synthMs: number; maxRssKb: number; bytes?: number; files?: number }

export interface PeerVariantPoint { id: VariantId; label: string; workMs: Summary; workCpuMs: Summary; peakRssMb: Summary; bytes?: number; files?: number }
export interface PeerPoint {
  n: number;
  runs: number;
  variants: PeerVariantPoint[];
  /** CDK Terrain (defaults) / this layout: time as the median of per-run ratios; memory as a ratio of medians. */
  speedup: Record<"flat" | "module", { wall: number; cpu: number; wallVsNoStacks: number; cpuVsNoStacks: number; peakRss: number }>;
}
export interface PeerResult {
  peer: typeof PEER;
  /** Where the files were written: "ram" (/dev/shm) or "disk" (the temp directory). */
  outputOn: "ram" | "disk";
  sameResources: { checkedTables: number; resources: number; outputs: number };
  points: PeerPoint[];
  target: { n: number; minSpeedup: number; goalSpeedup: number; maxRssRatio: number; worstSpeedupWall?: number; worstSpeedupCpu?: number; worstRssRatio?: number; met?: boolean };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Resource/data/output addresses with their argument names: what both sides must agree on. */
function shape(config: Record<string, Record<string, Record<string, unknown>>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of ["resource", "data"]) {
    for (const [type, byName] of Object.entries(config[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const args = (Array.isArray(body) ? body[0] : body) as Record<string, unknown>;
        out.set(`${kind}.${type}.${name}`, Object.keys(args).filter((k) => k !== "//").sort().join(","));
      }
    }
  }
  for (const name of Object.keys(config.output ?? {})) out.set(`output.${name}`, "");
  return out;
}

async function checkSameResources(js: string, peerDir: string, scratch: string): Promise<PeerResult["sameResources"]> {
  const n = 8;
  const tables = path.join(scratch, "same.json");
  fs.writeFileSync(tables, JSON.stringify(Array.from({ length: n }, (_, i) => benchTable(i))));
  const peerOut = path.join(scratch, "same-peer");
  const oursOut = path.join(scratch, "same-ours");
  jsonResult(await runChild(process.execPath, [path.join(js, "bench/peer/cdktn-child.js"), peerDir, tables, "json", peerOut], { timeoutMs: 120_000, measure: false }), "CDK Terrain (check)");
  jsonResult(await runChild(process.execPath, [path.join(js, "bench/peer/ours-child.js"), tables, "flat", oursOut], { timeoutMs: 120_000, measure: false }), "toTerraform (check)");
  const peer = shape(JSON.parse(fs.readFileSync(path.join(peerOut, "stacks", "bench", "cdk.tf.json"), "utf8")));
  // HashiCorp's HCL parser reads our files into the same JSON shape Terraform's JSON syntax uses.
  const { parse } = await import("@cdktf/hcl2json");
  const merged: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const file of fs.readdirSync(oursOut).filter((f) => f.endsWith(".tf"))) {
    const parsed = await parse(file, fs.readFileSync(path.join(oursOut, file), "utf8")) as Record<string, Record<string, Record<string, unknown>>>;
    for (const [kind, byType] of Object.entries(parsed)) {
      merged[kind] ??= {};
      for (const [type, v] of Object.entries(byType)) merged[kind][type] = { ...(merged[kind][type] ?? {}), ...(v as Record<string, unknown>) };
    }
  }
  const ours = shape(merged);
  const diff = [...new Set([...peer.keys(), ...ours.keys()])].filter((k) => peer.get(k) !== ours.get(k))
    .map((k) => `${k}: CDK Terrain [${peer.get(k) ?? "absent"}], ours [${ours.get(k) ?? "absent"}]`);
  if (diff.length > 0) throw new Error(`the peer and toTerraform do not write the same configuration (bench/peer/cdktn-child.js):\n  ${diff.join("\n  ")}`);
  return { checkedTables: n, resources: [...ours.keys()].filter((k) => k.startsWith("resource.")).length, outputs: [...ours.keys()].filter((k) => k.startsWith("output.")).length };
}

export async function peerBenchmark(projectDir: string, opts: { sizes: number[]; runs: number; peerDir: string; log: (s: string) => void }): Promise<PeerResult> {
  const peerDir = ensurePeer(opts.peerDir, opts.log);
  const js = prebuild(projectDir);
  // Output goes to a RAM file system when there is one: creating a thousand files on a shared disk
  // costs whatever the other processes' I/O makes it cost, which is not what is compared here.
  const ram = fs.existsSync("/dev/shm") && (() => { try { fs.accessSync("/dev/shm", fs.constants.W_OK); return true; } catch { return false; } })();
  const scratch = fs.mkdtempSync(path.join(ram ? "/dev/shm" : os.tmpdir(), "dynamodb-blueprints-bench-peer-"));
  try {
    const sameResources = await checkSameResources(js, peerDir, scratch);
    opts.log(`  same configuration on both sides: ${sameResources.resources} resources and ${sameResources.outputs} outputs for ${sameResources.checkedTables} tables`);
    const points: PeerPoint[] = [];
    for (const n of opts.sizes) {
      const tables = path.join(scratch, `tables-${n}.json`);
      fs.writeFileSync(tables, JSON.stringify(Array.from({ length: n }, (_, i) => benchTable(i))));
      const samples = new Map<VariantId, ChildOut[]>(PEER_VARIANTS.map((v) => [v.id, []]));
      for (let run = 0; run < opts.runs; run++) {
        // Rotate the order each run, so no variant always runs first (or right after the heaviest).
        const order = PEER_VARIANTS.map((_, i) => PEER_VARIANTS[(i + run) % PEER_VARIANTS.length]);
        for (const v of order) {
          const out = path.join(scratch, `out-${v.id}`);
          fs.rmSync(out, { recursive: true, force: true });
          const args = v.peer ? [path.join(js, "bench/peer/cdktn-child.js"), peerDir, tables, "hcl", out] : [path.join(js, "bench/peer/ours-child.js"), tables, v.id, out];
          const r = await runChild(process.execPath, args, { timeoutMs: 900_000, env: { ...process.env, ...v.env } });
          const s = jsonResult<ChildOut>(r, `${v.label} N=${n}`);
          samples.get(v.id)!.push({ ...s, maxRssKb: r.maxRssKb ?? s.maxRssKb });
        }
      }
      const variants = PEER_VARIANTS.map((v): PeerVariantPoint => {
        const s = samples.get(v.id)!;
        return { id: v.id, label: v.label, workMs: summarize(s.map((x) => x.workMs)), workCpuMs: summarize(s.map((x) => x.workCpuMs)), peakRssMb: summarize(s.map((x) => x.maxRssKb / 1024)), bytes: s[0].bytes, files: s[0].files };
      });
      const paired = (peer: VariantId, ours: VariantId, k: "workMs" | "workCpuMs") =>
        r2(summarize(samples.get(peer)!.map((p, i) => p[k] / samples.get(ours)![i][k])).median);
      const at = (id: VariantId) => variants.find((v) => v.id === id)!;
      const speedup = Object.fromEntries((["flat", "module"] as const).map((id) => [id, {
        wall: paired("cdktn", id, "workMs"), cpu: paired("cdktn", id, "workCpuMs"),
        wallVsNoStacks: paired("cdktn-no-stacks", id, "workMs"), cpuVsNoStacks: paired("cdktn-no-stacks", id, "workCpuMs"),
        peakRss: r2(at(id).peakRssMb.median / at("cdktn").peakRssMb.median),
      }])) as PeerPoint["speedup"];
      points.push({ n, runs: opts.runs, variants, speedup });
      for (const v of variants) opts.log(`  N=${String(n).padStart(5)} ${v.id.padEnd(16)} ${show(v.workMs)}  cpu ${show(v.workCpuMs)}  peak ${show(v.peakRssMb, "MB")}`);
      opts.log(`  N=${String(n).padStart(5)} CDK Terrain / ours: flat ${speedup.flat.wall}x (cpu ${speedup.flat.cpu}x), module ${speedup.module.wall}x (cpu ${speedup.module.cpu}x); peak RSS flat ${speedup.flat.peakRss}, module ${speedup.module.peakRss} of CDK Terrain's`);
    }
    const target: PeerResult["target"] = { n: 1000, minSpeedup: 5, goalSpeedup: 10, maxRssRatio: 0.5 };
    const at1000 = points.find((p) => p.n === 1000);
    if (at1000) {
      const both = [at1000.speedup.flat, at1000.speedup.module];
      target.worstSpeedupWall = Math.min(...both.map((s) => s.wall));
      target.worstSpeedupCpu = Math.min(...both.map((s) => s.cpu));
      target.worstRssRatio = Math.max(...both.map((s) => s.peakRss));
      target.met = target.worstSpeedupWall >= 5 && target.worstSpeedupCpu >= 5 && target.worstRssRatio <= 0.5;
    }
    return { peer: PEER, outputOn: ram ? "ram" : "disk", sameResources, points, target };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(js, { recursive: true, force: true });
  }
}
