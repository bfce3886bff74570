/**
 * Benchmark 1, start-up: process start until the prod stack's program has registered every
 * resource under mocks, for this project as its Pulumi.yaml configures it, versus a baseline
 * project written the way Pulumi's aws-typescript template writes it. Every sample is a fresh
 * `node bench/startup/program-host.js` process (the real `@pulumi/pulumi/cmd/run` entry point with
 * mocks instead of the engine); variants are interleaved so machine load hits them alike.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { parse } from "yaml";
import { runChild, jsonResult } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";
import { pulumiConfigEnv, writeBaselineProject } from "./baseline";

const HOST = path.join(__dirname, "program-host.js");

interface HostResult {
  doneMs: number;
  registrations: number;
  custom: string[];
  digest: string;
  errors: string[];
  maxRssKb: number;
  transpileOnly: boolean | null;
}

export interface Variant {
  id: string;
  label: string;
  dir: string;
  project: string;
  program: string;
  env: Record<string, string>;
  /** Pulumi.yaml `runtime.options.nodeargs`: the language host puts them on node's command line. */
  nodeArgs: string[];
  /** Registers a different set of resources on purpose (the empty-program floor). */
  reference?: boolean;
}

export interface StartupResult {
  stack: string;
  variants: {
    id: string;
    label: string;
    program: string;
    nodeArgs: string[];
    env: Record<string, string>;
    transpileOnly: boolean | null;
    registrations: number;
    customResources: number;
    /** Process start (Node's time origin) until the last registration completed, in the child. */
    readyMs: Summary;
    /** Spawn to exit, measured by the parent (includes process exit). */
    wallMs: Summary;
    cpuMs?: Summary;
    peakRssMb: Summary;
  }[];
  /** ours / baseline, medians. */
  ratios: { readyTime: number; wallTime: number; peakRss: number };
  sameResources: boolean;
  target: { maxRatio: number; timeMet: boolean; memoryMet: boolean };
}

/** How the Pulumi CLI's nodejs language host would start this project (see program-host.js). */
export function projectVariant(projectDir: string, stack: string, programOverride?: string): Variant {
  const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const runtime = typeof doc.runtime === "string" ? { name: doc.runtime, options: {} } : doc.runtime;
  const options = runtime?.options ?? {};
  const env: Record<string, string> = { PULUMI_CONFIG: pulumiConfigEnv(projectDir, stack), PULUMI_CONFIG_SECRET_KEYS: "[]" };
  if (options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  return {
    id: "ours", label: `this project, as its Pulumi.yaml runs it${programOverride ? ` (program ${programOverride})` : ""}`, dir: projectDir, project: doc.name,
    program: programOverride ?? doc.main ?? ".", env, nodeArgs,
  };
}

/**
 * What-if: the same program prebuilt to JavaScript and run with `typescript: false`, so the runtime
 * never loads the TypeScript compiler. Built with the project's own tsc into a temp dir.
 */
function prebuiltVariant(projectDir: string, stack: string, tmp: string): Variant {
  const out = path.join(tmp, "prebuilt");
  const tsconfig = path.join(tmp, "tsconfig.prebuilt.json");
  fs.writeFileSync(tsconfig, JSON.stringify({
    extends: path.join(projectDir, "tsconfig.json"),
    compilerOptions: { types: ["node"], typeRoots: [path.join(projectDir, "node_modules/@types")], noEmit: false, declaration: false, outDir: out, rootDir: projectDir },
    include: ["index.ts", "components/**/*.ts", "model/**/*.ts"].map((g) => path.join(projectDir, g)),
    exclude: [],
  }));
  execFileSync(process.execPath, [path.join(projectDir, "node_modules/typescript/bin/tsc"), "-p", tsconfig], { stdio: "inherit" });
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: "dynamodb-blueprints-prebuilt" }));
  fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(out, "node_modules"), "dir");
  const ours = projectVariant(projectDir, stack);
  const env = { PULUMI_CONFIG: ours.env.PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS: "[]" };
  return { id: "ours-js", label: "what-if: same program prebuilt to JS (`typescript: false`)", dir: out, project: ours.project, program: "index.js", env, nodeArgs: ours.nodeArgs };
}

/**
 * Reference floor: an empty TypeScript program (`import * as pulumi`, one export) run the same way
 * as ours (transpile-only ts-node). What the runtime itself costs before any program code runs.
 */
function floorVariant(projectDir: string, stack: string, tmp: string): Variant {
  const dir = path.join(tmp, "floor");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "index.ts"), `import * as pulumi from "@pulumi/pulumi";\nexport const stack = pulumi.getStack();\n`);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2022", noCheck: true, types: ["node"] } }));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor" }));
  fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(dir, "node_modules"), "dir");
  const env = { PULUMI_CONFIG: pulumiConfigEnv(projectDir, stack), PULUMI_CONFIG_SECRET_KEYS: "[]", PULUMI_NODEJS_TYPESCRIPT: "true" };
  return { id: "floor", label: "reference: empty TypeScript program, same runtime (transpile-only)", dir, project: "floor", program: ".", env, nodeArgs: [], reference: true };
}

async function sample(v: Variant, stack: string): Promise<{ host: HostResult; wallMs: number; cpuMs?: number; rssMb: number }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...v.env };
  const r = await runChild(process.execPath, [...v.nodeArgs, HOST, v.dir, stack, v.program, v.project], { env, cwd: v.dir, timeoutMs: 300_000 });
  const host = jsonResult<HostResult>(r, `start-up of ${v.id}`);
  if (host.errors.length) throw new Error(`${v.id}: registrations failed: ${host.errors.join("; ")}`);
  return { host, wallMs: r.wallMs, cpuMs: r.cpuMs, rssMb: (r.maxRssKb ?? host.maxRssKb) / 1024 };
}

export async function startupBenchmark(projectDir: string, opts: { runs: number; stack: string; program?: string; prebuilt: boolean; log: (s: string) => void }): Promise<StartupResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-startup-"));
  let baselineDir: string | undefined;
  try {
    const baselineProject = writeBaselineProject(projectDir, opts.stack);
    baselineDir = baselineProject.dir;
    const variants: Variant[] = [
      projectVariant(projectDir, opts.stack, opts.program),
      { id: "baseline", label: "baseline: Pulumi aws-typescript template, type-checked, `import * as aws`", dir: baselineProject.dir, project: "baseline", program: ".",
        env: { PULUMI_CONFIG: pulumiConfigEnv(projectDir, opts.stack), PULUMI_CONFIG_SECRET_KEYS: "[]", PULUMI_NODEJS_TYPESCRIPT: "true" }, nodeArgs: [] },
    ];
    if (opts.prebuilt) variants.push(prebuiltVariant(projectDir, opts.stack, tmp), floorVariant(projectDir, opts.stack, tmp));
    opts.log(`  baseline project: ${baselineProject.dir} (${baselineProject.resources} resources)`);

    const samples = new Map(variants.map((v) => [v.id, [] as Awaited<ReturnType<typeof sample>>[]]));
    // One unmeasured run each (file cache), then interleaved runs, alternating the order.
    for (const v of variants) {
      const warm = await sample(v, opts.stack);
      if (v.id === "ours" && warm.host.custom.length === 0) {
        throw new Error(`start-up: running this project as the Pulumi CLI would (program "${v.program}") registered no resources. `
          + (v.program === "." ? `Pulumi.yaml has no \`main\`, so the runtime ran package.json's "main" (the library entry) instead of index.ts; `
            + "add `main: index.ts` to Pulumi.yaml, or pass --program=index.ts to measure as if it were there." : ""));
      }
    }
    for (let i = 0; i < opts.runs; i++) {
      const order = i % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const s = await sample(v, opts.stack);
        samples.get(v.id)!.push(s);
        opts.log(`  run ${i + 1}/${opts.runs} ${v.id.padEnd(8)} ready ${Math.round(s.host.doneMs)} ms, peak RSS ${Math.round(s.rssMb)} MB`);
      }
    }
    const first = (id: string) => samples.get(id)![0].host;
    const ours = first("ours");
    const baseline = first("baseline");
    const sameResources = variants.every((v) => v.reference || first(v.id).digest === baseline.digest);
    if (!sameResources) {
      const missing = baseline.custom.filter((c) => !ours.custom.includes(c));
      throw new Error(`start-up: the variants did not register the same resources (ours ${ours.custom.length} custom, baseline ${baseline.custom.length}; `
        + `missing from ours: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""})`);
    }
    const result: StartupResult["variants"] = variants.map((v) => {
      const s = samples.get(v.id)!;
      return {
        id: v.id, label: v.label, program: v.program, nodeArgs: v.nodeArgs,
        env: Object.fromEntries(Object.entries(v.env).filter(([k]) => k !== "PULUMI_CONFIG")),
        transpileOnly: s[0].host.transpileOnly, registrations: s[0].host.registrations, customResources: s[0].host.custom.length,
        readyMs: summarize(s.map((x) => x.host.doneMs)), wallMs: summarize(s.map((x) => x.wallMs)),
        cpuMs: s.every((x) => x.cpuMs !== undefined) ? summarize(s.map((x) => x.cpuMs!)) : undefined,
        peakRssMb: summarize(s.map((x) => x.rssMb)),
      };
    });
    const get = (id: string) => result.find((r) => r.id === id)!;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const ratios = {
      readyTime: round(get("ours").readyMs.median / get("baseline").readyMs.median),
      wallTime: round(get("ours").wallMs.median / get("baseline").wallMs.median),
      peakRss: round(get("ours").peakRssMb.median / get("baseline").peakRssMb.median),
    };
    for (const r of result) opts.log(`  ${r.id.padEnd(8)} ready ${show(r.readyMs)}  wall ${show(r.wallMs)}  peak RSS ${show(r.peakRssMb, "MB")}`);
    opts.log(`  ours/baseline: time ${ratios.readyTime}, peak RSS ${ratios.peakRss} (target <= 0.2)`);
    return {
      stack: opts.stack, variants: result, ratios, sameResources,
      target: { maxRatio: 0.2, timeMet: ratios.readyTime <= 0.2 && ratios.wallTime <= 0.2, memoryMet: ratios.peakRss <= 0.2 },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (baselineDir) fs.rmSync(baselineDir, { recursive: true, force: true });
  }
}
