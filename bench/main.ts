/**
 * `npm run bench` (full) / `npm run bench -- --quick` (a small version of each benchmark).
 *
 *   --quick            fewer sizes and runs (a few minutes)
 *   --only=a,b         startup, overhead, emitter, suite, peer, cli
 *   --peer-dir=DIR     where CDK Terrain is installed for the peer benchmark (installed there when missing)
 *   --runs=N           override the number of measured runs of every benchmark
 *   --program=FILE     start-up: run FILE as the program instead of Pulumi.yaml's `main` (or ".")
 *   --out=FILE         result file (default bench/results/run-<timestamp>[-quick].json)
 *   --update-docs      afterwards, re-render the README/docs blocks that show FILE (bench/docs.ts)
 *
 * Prints median and spread of every measurement and a Markdown summary, and writes everything
 * (including the machine it ran on and the git state) to the result file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gitState, machine } from "./lib/machine";
import { startupBenchmark } from "./startup";
import { overheadBenchmark } from "./overhead";
import { emitterBenchmark } from "./emitter";
import { suiteBenchmark } from "./suite";
import { peerBenchmark } from "./peer";
import { cliBenchmark } from "./cli";
import { DEFAULT_PEER_DIR } from "./peer/install";
import { BenchFile, renderReport } from "./report";
import { updateDocs } from "./docs";

const ALL = ["startup", "overhead", "emitter", "suite", "peer", "cli"] as const;
type Name = (typeof ALL)[number];

function parseArgs(argv: string[]) {
  const flags = new Map<string, string | true>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (see bench/main.ts)`);
    flags.set(m[1], m[2] ?? true);
  }
  const known = ["quick", "only", "runs", "program", "out", "peer-dir", "update-docs"];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown flag --${k}; known: ${known.map((x) => `--${x}`).join(" ")}`);
  const only = typeof flags.get("only") === "string" ? (flags.get("only") as string).split(",") : [...ALL];
  for (const o of only) if (!ALL.includes(o as Name)) throw new Error(`--only: ${o} is not one of ${ALL.join(", ")}`);
  const runs = flags.has("runs") ? Number(flags.get("runs")) : undefined;
  if (runs !== undefined && !(Number.isInteger(runs) && runs > 0 && runs <= 50)) throw new Error("--runs must be an integer 1-50");
  return {
    quick: flags.get("quick") === true,
    only: only as Name[],
    runs,
    program: typeof flags.get("program") === "string" ? (flags.get("program") as string) : undefined,
    out: typeof flags.get("out") === "string" ? (flags.get("out") as string) : undefined,
    updateDocs: flags.get("update-docs") === true,
    peerDir: typeof flags.get("peer-dir") === "string" ? path.resolve(flags.get("peer-dir") as string) : DEFAULT_PEER_DIR,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, "..");
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const started = new Date();
  const runs = (full: number, quick: number) => args.runs ?? (args.quick ? quick : full);
  const file: BenchFile = {
    kind: "dynamodb-blueprints-bench", version: 1,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    quick: args.quick, startedAt: started.toISOString(), machine: machine(), git: gitState(root), results: {},
  };
  log(`dynamodb-blueprints benchmarks${args.quick ? " (quick)" : ""} on ${file.machine.cpu} x${file.machine.cores}, ${file.machine.memoryGb} GB, Node ${file.machine.node}; load ${file.machine.loadAverageAtStart.join(" ")}`);

  if (args.only.includes("startup")) {
    log("\n1. start-up: process start until the prod stack's resources are registered (mocks)");
    file.results.startup = await startupBenchmark(root, { runs: runs(5, 2), stack: "prod", program: args.program, prebuilt: !args.quick, log });
  }
  if (args.only.includes("overhead")) {
    log("\n2. component overhead: DynamoTable vs the same raw @pulumi/aws resources (mocks)");
    file.results.overhead = await overheadBenchmark(root, {
      sizes: args.quick ? [10, 100] : [10, 100, 1000], shapes: ["mixed", "minimal"],
      runs: (n) => runs(n >= 1000 ? 3 : 5, 3), log,
    });
  }
  if (args.only.includes("emitter")) {
    log("\n3. emitter scaling: toTerraform for N tables");
    file.results.emitter = await emitterBenchmark(root, {
      sizes: args.quick ? [10, 100, 1000] : [10, 100, 1000, 10000], layouts: args.quick ? ["module"] : ["module", "flat"], runs: runs(5, 3), log,
    });
  }
  if (args.only.includes("peer")) {
    log("\n5. emitter vs CDK Terrain: the same tables to Terraform files, fresh process per sample");
    file.results.peer = await peerBenchmark(root, { sizes: args.quick ? [100, 1000] : [100, 1000, 5000], runs: runs(3, 1), peerDir: args.peerDir, log });
  }
  if (args.only.includes("cli")) {
    log("\n6. the CLI at scale: plan, check and hcl on a generated program of N tables, fresh process per sample");
    file.results.cli = await cliBenchmark(root, { sizes: args.quick ? [100, 1000] : [100, 1000, 3000], runs: (n) => runs(n >= 3000 ? 1 : 3, 1), log });
  }
  if (args.only.includes("suite")) {
    log("\n4. test suite: npm test on a fresh clone of HEAD");
    file.results.suite = await suiteBenchmark(root, { runs: runs(2, 1), files: !args.quick, log });
  }

  file.finishedAt = new Date().toISOString();
  file.durationS = Math.round((Date.now() - started.getTime()) / 1000);
  file.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = args.out ?? path.join(root, "bench", "results", `run-${started.toISOString().replace(/[:.]/g, "-")}${args.quick ? "-quick" : ""}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(file, null, 2) + "\n");
  log(`\n${renderReport(file, path.relative(root, out))}`);
  log(`\nresults: ${path.relative(process.cwd(), out)} (${file.durationS} s)`);
  if (args.updateDocs) {
    const changed = updateDocs(root, [path.relative(root, out)]);
    log(changed.length ? `re-rendered the figures from ${path.relative(root, out)} in ${changed.join(", ")}` : `no README/docs block shows ${path.relative(root, out)}: nothing re-rendered`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
