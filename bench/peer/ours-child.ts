/**
 * This project's side of the peer comparison, in its own process, run as plain JavaScript
 * (bench/lib/prebuilt.ts): the same tables as bench/peer/cdktn-child.js, from table args to files
 * on disk: `dynamoTable` for each (validation, defaults), `toTerraform`, and one write per file (CDK
 * Terrain's `app.synth()` writes its files too). Prints one JSON line.
 *
 *   node bench/peer/ours-child.js <tables.json> <module|flat> <outDir>
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform, Layout } from "../../terraform/to-terraform";
import type { TableArgs } from "../../model/types";

async function main(): Promise<void> {
  const [tablesFile, layout, outDir] = process.argv.slice(2);
  if (!tablesFile || !["module", "flat"].includes(layout) || !outDir) throw new Error("usage: ours-child.js <tables.json> <module|flat> <outDir>");
  const tables = JSON.parse(fs.readFileSync(tablesFile, "utf8")) as { name: string; args: TableArgs }[];
  const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const blueprints = tables.map((t) => dynamoTable(t.name, t.args));
  const buildMs = performance.now() - t1;
  const buildCpuMs = ms(process.cpuUsage(cpu1));
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const files = await toTerraform(blueprints, { layout: layout as Layout, stack: "bench" });
  const dirs = new Set<string>();
  for (const [file, text] of Object.entries(files)) {
    const to = path.join(outDir, file);
    if (!dirs.has(path.dirname(to))) fs.mkdirSync(path.dirname(to), { recursive: true });
    dirs.add(path.dirname(to));
    fs.writeFileSync(to, text);
  }
  const synthMs = performance.now() - t2;
  const synthCpuMs = ms(process.cpuUsage(cpu2));
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  process.stdout.write(JSON.stringify({
    n: tables.length, layout, buildMs, buildCpuMs, synthMs, synthCpuMs, workMs: buildMs + synthMs, workCpuMs: buildCpuMs + synthCpuMs,
    files: Object.keys(files).length, bytes, maxRssKb: process.resourceUsage().maxRSS,
  }) + "\n");
}

main().catch((err) => { console.error(err); process.exit(1); });
