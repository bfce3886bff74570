/**
 * Runs a Pulumi program the way `pulumi preview` would, but under mocks: the project's `Pulumi.yaml`
 * names the program (`main`, TypeScript or JavaScript, as the Pulumi nodejs language host resolves
 * it), `Pulumi.<stack>.yaml` (plus the project's config defaults) is its config, and the program runs
 * inside a root stack resource. Every blueprint component it creates is collected, wherever in the
 * program it was created, so the CLI's `plan`, `check`, `lock`, `hcl` and `local` work on the user's
 * own program, and the repository's reference stack (index.ts) is just one such program.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { BlueprintValidationError } from "../model/errors";
import type { Blueprint } from "../model/stack";
import { readStackFile } from "../cli/stack-file";
import { checkPackageSettings } from "../project/package-settings";
import { Recording, record } from "./record";
import { registerTypeScript } from "./typescript-program";

/** Type token prefix of this package's components. */
export const COMPONENT_TOKEN_PREFIX = "dynamodb-blueprints:index:";
const TABLE_TYPE = "aws:dynamodb/table:Table";

export interface ProgramOptions {
  /** Stack whose `Pulumi.<stack>.yaml` supplies the config. */
  stack: string;
  /** Extra config (`namespace:key` -> value) over the stack file's. */
  config?: Record<string, unknown>;
  /** false: install fresh default mocks even when the user's own `setMocks` is in force (default: reuse them). */
  reuseMocks?: boolean;
  /** @internal The CLI checks the schema lock itself, so a program's own lock guard only warns. */
  deferLockGuard?: boolean;
}

/** A blueprint component the program created (top level: not one nested inside another). */
export interface CollectedComponent {
  type: string;
  name: string;
  blueprint: Blueprint<unknown>;
  resource: pulumi.Resource;
}

export interface ProgramRun extends Recording {
  project: string;
  stack: string;
  /** The program file that ran. */
  main: string;
  /** The runtime config the program saw (`namespace:key` -> string). */
  config: Record<string, string>;
  /** `aws:region` of the stack (default us-east-1). */
  region: string;
  /** Blueprint components, in construction order. */
  components: CollectedComponent[];
  /** `aws.dynamodb.Table` resources created outside the blueprint components. */
  rawTables: string[];
  /** What the program exported (the stack outputs), when it ran to the end. */
  outputs: Record<string, unknown> | undefined;
}

/** A failure inside the user's program, with the program's own message and stack location. */
export class ProgramError extends Error {
  constructor(readonly main: string, readonly cause: unknown, readonly location: string | undefined) {
    super(`the program ${main} failed${location ? ` at ${location}` : ""}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "ProgramError";
  }
}

interface ProjectFile { name: string; main?: string; typescript: boolean; tsconfig?: string; defaults: Record<string, unknown> }

function projectError(dir: string, value: string, message: string, fix: string): never {
  throw new BlueprintValidationError(`Pulumi project in ${dir}`, [{ where: "Pulumi.yaml", value, message, fix }]);
}

export function readProjectFile(dir: string): ProjectFile {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) projectError(dir, "missing", "is not there", "run from the directory of your Pulumi project (where `pulumi new` wrote Pulumi.yaml)");
  let data: any;
  try { data = parseYaml(fs.readFileSync(file, "utf8")); } catch (e) { projectError(dir, "YAML", `is not valid YAML: ${(e as Error).message.split("\n")[0]}`, "fix the YAML syntax"); }
  if (typeof data?.name !== "string") projectError(dir, JSON.stringify(data?.name), "has no project `name`", "add `name: <project>`");
  const runtime = typeof data.runtime === "string" ? { name: data.runtime } : data.runtime ?? {};
  if (runtime.name !== "nodejs") projectError(dir, JSON.stringify(runtime.name), "is not a nodejs program", "dynamodb-blueprints runs TypeScript/JavaScript Pulumi programs (runtime: nodejs)");
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries<any>(data.config ?? {})) {
    const value = spec !== null && typeof spec === "object" && !Array.isArray(spec) ? spec.value ?? spec.default : spec;
    if (value !== undefined) defaults[key.includes(":") ? key : `${data.name}:${key}`] = value;
  }
  return { name: data.name, main: data.main, typescript: runtime.options?.typescript !== false, tsconfig: runtime.options?.tsconfig, defaults };
}

/** The first frame of the error's stack inside the project (not node_modules), as `file:line:col`. */
function locate(error: unknown, dir: string): string | undefined {
  const stack = (error as Error)?.stack ?? "";
  for (const line of stack.split("\n")) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && m[1].startsWith(dir + path.sep) && !m[1].includes(`${path.sep}node_modules${path.sep}`)) return `${path.relative(dir, m[1])}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** `{ secure: ... }` anywhere in a value: Pulumi decrypts it and hands the program the whole key as a secret. */
function holdsSecure(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecure);
  if (value === null || typeof value !== "object") return false;
  return "secure" in value || Object.values(value).some(holdsSecure);
}

/** Marker the package's lock guard reads (see project/schema-lock-file.ts guardReplacements). */
export const PROGRAM_RUN = Symbol.for("dynamodb-blueprints.program-run");

/** Run the project's program in `dir` for `options.stack` under mocks. */
export async function runProgram(dir: string, options: ProgramOptions): Promise<ProgramRun> {
  const root = path.resolve(dir);
  const stackConfig = readStackFile(root, options.stack); // checks the directory and stack name first
  const project = readProjectFile(root);
  // An unknown dynamodb-blueprints:* key would do nothing: refused, with the valid ones, before the program runs.
  checkPackageSettings(project.name, stackConfig, `Pulumi.${options.stack}.yaml`);
  const config: Record<string, unknown> = { ...project.defaults };
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(stackConfig)) {
    // As Pulumi itself: a stack file's keys are `<namespace>:<name>`.
    if (!key.includes(":")) {
      throw new BlueprintValidationError(`Stack "${options.stack}" (Pulumi.${options.stack}.yaml)`, [{
        where: `config.${key}`, value: JSON.stringify(key), message: "is not namespaced (Pulumi config keys are <namespace>:<name>)",
        fix: `write "${project.name}:${key}"`,
      }]);
    }
    const secure = holdsSecure(value);
    // Nothing can decrypt here: the program sees the key as a secret without its value.
    config[key] = secure ? "[secret]" : value;
    if (secure) secretKeys.push(key);
  }
  Object.assign(config, options.config ?? {});
  const region = typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : "us-east-1";
  if (project.typescript) registerTypeScript(root, project.tsconfig);
  let main: string;
  try { main = require.resolve(path.resolve(root, project.main ?? ".")); } catch {
    projectError(root, project.main ?? "(package.json main)", "names no program file that exists", "set `main:` in Pulumi.yaml to your program (e.g. index.ts) or build it first");
  }
  // Each run executes the program afresh (a test may run it twice): the program's own files that this
  // run loads are dropped from the module cache afterwards. Modules loaded before (the CLI itself, its
  // error classes) and installed packages stay, so `instanceof` keeps working across the run.
  delete require.cache[main];
  const loadedBefore = new Set(Object.keys(require.cache));
  const forget = () => {
    for (const file of Object.keys(require.cache)) {
      if (!loadedBefore.has(file) && file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    }
  };

  const components: CollectedComponent[] = [];
  const order = new Map<string, number>();
  const collect: pulumi.ResourceTransformation = (args) => {
    order.set(`${args.type}::${args.name}`, order.size);
    const parentType = (args.opts.parent as unknown as { __pulumiType?: string } | undefined)?.__pulumiType ?? "";
    if (args.type.startsWith(COMPONENT_TOKEN_PREFIX) && !parentType.startsWith(COMPONENT_TOKEN_PREFIX)) {
      components.push({ type: args.type, name: args.name, resource: args.resource, blueprint: undefined as never });
    }
    return undefined;
  };
  let outputs: Record<string, unknown> | undefined;
  const marker = globalThis as unknown as Record<symbol, unknown>;
  marker[PROGRAM_RUN] = { deferLockGuard: options.deferLockGuard === true };
  let recording: Recording;
  // A program's failure can also surface as a rejection nobody awaits (inside Pulumi's resource
  // machinery); the Pulumi language host catches those as the program's error, and so does this.
  let stray: unknown;
  const onStray = (error: unknown) => { stray ??= error; };
  process.on("unhandledRejection", onStray);
  try {
    recording = await record(async () => {
      outputs = await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(collect);
        let exported = require(main);
        if (exported?.__esModule && typeof exported.default === "function") exported = exported.default;
        return typeof exported === "function" ? await exported() : exported;
      }) as Record<string, unknown> | undefined;
    }, { project: project.name, stack: options.stack, config, secretKeys, region, reuseMocks: options.reuseMocks });
    if (stray !== undefined) throw stray;
  } catch (error) {
    if (error instanceof BlueprintValidationError) throw error;
    throw new ProgramError(path.relative(root, main) || main, error, locate(error, root));
  } finally {
    process.off("unhandledRejection", onStray);
    delete marker[PROGRAM_RUN];
    forget();
  }
  if (recording.errors.length > 0) throw new Error(`Pulumi mocks rejected ${recording.errors.length} registrations: ${recording.errors.join("; ")}`);
  for (const c of components) c.blueprint = (c.resource as unknown as { blueprint: Blueprint<unknown> }).blueprint;
  for (const r of recording.resources) r.sequence = order.get(`${r.type}::${r.name}`);
  // The root stack resource is Pulumi's, not the program's.
  const stackUrn = recording.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  recording.resources = recording.resources.filter((r) => r.urn !== stackUrn)
    .map(({ parent, ...r }) => (r.parentUrn === stackUrn ? { ...r, parentUrn: "" } : { ...r, ...(parent ? { parent } : {}) }))
    .sort((a, b) => (a.sequence ?? Infinity) - (b.sequence ?? Infinity));
  const ours = new Set(recording.resources.filter((r) => r.type.startsWith(COMPONENT_TOKEN_PREFIX)).map((r) => r.urn));
  const rawTables = recording.resources.filter((r) => r.type === TABLE_TYPE && !ours.has(r.parentUrn)).map((r) => r.name);
  const flat = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  const newResourceCalls = recording.newResourceCalls === undefined ? undefined : recording.newResourceCalls - (stackUrn ? 1 : 0);
  return { ...recording, newResourceCalls, project: project.name, stack: options.stack, main, config: flat, region, components, rawTables, outputs };
}
