/**
 * Runs Pulumi code under mocks and records every registered resource with its inputs AND its
 * resource options. Product code: `plan` and `check` judge what the components really register, not
 * what the model says they should (tests share it through tests/helpers/pulumi-mocks.ts).
 *
 * Mocks never see resource options, so the mock monitor's `registerResource` is wrapped to read
 * protect / retainOnDelete / ignoreChanges / parent / import from the request itself. Without
 * `setMocks` the SDK (3.270) silently echoes inputs, so each run also records which monitor served
 * it, and `mocksProblem` turns a run that bypassed the mocks into an error.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../model/checklist/types";
import { Blueprint, Declaration } from "../model/stack";
import { StackConfig } from "../model/stack-config";
import { instantiate } from "../components/program";
import { loadStack, readStackFile } from "./stack-file";

export const ACCOUNT_ID = "123456789012";

export type Recorded = RecordedResource;

export interface MockRun {
  resources: Recorded[];
  /** Names of functions the program invoked (getCallerIdentity, ...). */
  calls: string[];
  newResourceCalls: number;
  /** Class of the monitor that served the registrations: "MockMonitor" proves mocks were in force. */
  monitor: string;
  /** Registrations the monitor rejected. */
  errors: string[];
}

export interface MockOptions {
  stack?: string;
  /** Runtime config, `project:key` -> string, as Pulumi stores it. */
  config?: Record<string, string>;
  region?: string;
}

function fakeState(type: string, name: string, inputs: Record<string, any>, region: string): Record<string, any> {
  const physical = inputs.name ?? inputs.bucket ?? name;
  const service = type.split(":")[1]?.split("/")[0] ?? "x";
  const arn = service === "s3" ? `arn:aws:s3:::${physical}` : `arn:aws:${service}:${region}:${ACCOUNT_ID}:${service === "dynamodb" ? "table" : "key"}/${physical}`;
  return {
    ...inputs,
    // Auto-named resources would otherwise come back with an undefined name (facts.md).
    name: inputs.name ?? name,
    arn,
    region,
    streamArn: inputs.streamEnabled ? `${arn}/stream/2026-11-23T00:00:00.000` : "",
  };
}

/**
 * Run `program` (which creates resources) under fresh mocks and return what it registered once every
 * registration has settled.
 */
export async function runUnderMocks(program: () => unknown, options: MockOptions = {}): Promise<MockRun> {
  const region = options.region ?? "us-east-1";
  const run: MockRun = { resources: [], calls: [], newResourceCalls: 0, monitor: "", errors: [] };
  const stateByKey = new Map<string, { inputs: Record<string, any>; outputs: Record<string, any> }>();
  pulumi.runtime.setAllConfig({ "aws:region": region, ...(options.config ?? {}) });
  await pulumi.runtime.setMocks({
    newResource(args) {
      run.newResourceCalls++;
      const state = args.custom ? fakeState(args.type, args.name, args.inputs, region) : {};
      stateByKey.set(`${args.type}::${args.name}`, { inputs: args.inputs, outputs: state });
      return { id: args.custom ? `${args.name}-id` : undefined, state };
    },
    call(args) {
      run.calls.push(args.token);
      if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, userId: "AIDA", id: ACCOUNT_ID };
      if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      if (args.token === "aws:index/getRegion:getRegion") return { region, name: region, id: region };
      return {};
    },
  }, "dynamodb-blueprints", options.stack ?? "test", true);

  const monitor = pulumi.runtime.getMonitor() as any;
  run.monitor = monitor?.constructor?.name ?? "";
  const original = monitor.registerResource.bind(monitor);
  let pending = 0;
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
    pending++;
    const record = {
      type: req.getType() as string, name: req.getName() as string, custom: req.getCustom() as boolean, parentUrn: req.getParent() as string,
      protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true,
      ignoreChanges: req.getIgnorechangesList() as string[], importId: req.getImportid() as string,
    };
    return original(req, (err: any, res: any) => {
      pending--;
      if (err) run.errors.push(`${record.type} ${record.name}: ${err?.message ?? err}`);
      else {
        const state = stateByKey.get(`${record.type}::${record.name}`);
        run.resources.push({
          ...record, urn: res.getUrn(), inputs: state?.inputs ?? {},
          ...(record.custom ? { id: res.getId(), outputs: state?.outputs ?? {} } : {}),
        });
      }
      callback(err, res);
    });
  };

  program();
  // Settle: registrations chain through promises; wait until nothing is pending for a few turns
  // (microtasks drain before each setImmediate, so a quiet turn means no registration is in flight).
  let quiet = 0;
  for (let i = 0; i < 2000 && quiet < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = pending === 0 ? quiet + 1 : 0;
  }
  if (pending !== 0) throw new Error(`Pulumi mocks: ${pending} resource registrations did not settle`);
  return run;
}

/** Why a run cannot be trusted to have gone through the mocks, or undefined when it did. */
export function mocksProblem(run: MockRun): string | undefined {
  if (run.monitor !== "MockMonitor") return `setMocks was not active: the Pulumi monitor is ${run.monitor || "missing"}, not the mock monitor`;
  if (!(run.newResourceCalls > 0 && run.newResourceCalls === run.resources.length)) {
    return `mock newResource saw ${run.newResourceCalls} registrations, the monitor ${run.resources.length}`;
  }
  return undefined;
}

/** A stack file's config as the string map Pulumi's runtime holds (`pulumi config set` stores strings). */
export function stackConfigStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

export interface StackRun extends MockRun {
  stack: string;
  config: StackConfig;
  declarations: Declaration[];
  blueprints: Blueprint[];
}

/**
 * Run one stack of the reference program under mocks: its file's config set as Pulumi would set it,
 * then every declaration instantiated as a component. Construction order is recorded through a
 * transformation (children inherit it), because registration order depends on promise timing.
 */
export async function runStack(dir: string, stack: string): Promise<StackRun> {
  const loaded = loadStack(dir, stack);
  const raw = readStackFile(dir, stack);
  const order = new Map<string, number>();
  const track: pulumi.ResourceTransformation = (args) => {
    order.set(`${args.type}::${args.name}`, order.size);
    return undefined;
  };
  const region = typeof raw["aws:region"] === "string" ? (raw["aws:region"] as string) : loaded.config.region;
  const run = await runUnderMocks(() => {
    for (const d of loaded.declarations) instantiate(d, { transformations: [track] });
  }, { stack, config: stackConfigStrings(raw), region });
  if (run.errors.length > 0) throw new Error(`Pulumi mocks rejected ${run.errors.length} registrations: ${run.errors.join("; ")}`);
  const problem = mocksProblem(run);
  if (problem) throw new Error(problem);
  for (const r of run.resources) r.sequence = order.get(`${r.type}::${r.name}`);
  run.resources.sort((a, b) => (a.sequence ?? Infinity) - (b.sequence ?? Infinity));
  return { ...run, stack, config: loaded.config, declarations: loaded.declarations, blueprints: loaded.blueprints };
}
