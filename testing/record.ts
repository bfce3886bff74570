/**
 * Records what Pulumi code registers under mocks: every resource with its type, name, inputs, parent
 * and the resource options (`protect`, `retainOnDelete`, `ignoreChanges`, `import`) that Pulumi's
 * `Mocks.newResource` never receives.
 *
 * The options are read from the registration request itself, by wrapping the mock monitor's
 * `registerResource` (the only place they exist under mocks). That works whoever installed the mocks:
 * these default ones, or the user's own `pulumi.runtime.setMocks(...)`, which is reused as it is.
 * Without any mocks the SDK (3.270) silently echoes inputs, so each recording also names the monitor
 * that served it, and `mocksProblem` turns a run that bypassed the mocks into an error.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../project/checklist/types";
import { withCheapPromiseStacks } from "./promise-stacks";
import { withLazyOutputs } from "./lazy-outputs";
import { watchEngineTransforms } from "./engine-transforms";

export const ACCOUNT_ID = "123456789012";

// One shape for what is recorded, shared with the checklist that judges it (project/checklist/types.ts).
export type { RecordedResource };

export interface Recording {
  resources: RecordedResource[];
  /** Tokens of the functions the code invoked (only counted with the default mocks). */
  calls: string[];
  /** How many registrations the default mocks' `newResource` saw (undefined with the user's own mocks). */
  newResourceCalls?: number;
  /** Class of the monitor that served the registrations: "MockMonitor" proves mocks were in force. */
  monitor: string;
  /** Registrations the monitor rejected. */
  errors: string[];
}

export interface RecordOptions {
  /** Project name for URNs and `pulumi.getProject()`; default "project". Ignored when reusing the user's mocks. */
  project?: string;
  /** Stack name for `pulumi.getStack()`; default "test". Ignored when reusing the user's mocks. */
  stack?: string;
  /** Runtime config, `namespace:key` -> value (non-strings are JSON-encoded, as Pulumi stores them). */
  config?: Record<string, unknown>;
  /** Config keys to mark secret (`pulumi.runtime.isConfigSecret`). */
  secretKeys?: string[];
  /** Region for the default mocks' ARNs and `aws:region`; default us-east-1. */
  region?: string;
  /**
   * Mocks to install. Without it, mocks the user installed with `setMocks` are reused as they are;
   * when there are none, default mocks are installed (echo inputs, fake ARNs, name = logical name).
   */
  mocks?: pulumi.runtime.Mocks;
  /** false: always install fresh mocks, even when the user's are in place (default true). */
  reuseMocks?: boolean;
  /** Preview (true, default) or update. */
  preview?: boolean;
}

/** Monitors this module installed: a later recording replaces them instead of reusing them. */
const OURS = new WeakSet<object>();

function fakeState(type: string, name: string, inputs: Record<string, any>, providerRegion: string): Record<string, any> {
  // A resource with its own `region` input (provider 6 / @pulumi/aws 7) lives there, as in AWS.
  const region = typeof inputs.region === "string" ? inputs.region : providerRegion;
  const physical = inputs.name ?? inputs.bucket ?? name;
  const service = type.split(":")[1]?.split("/")[0] ?? "x";
  const arn = service === "s3" ? `arn:aws:s3:::${physical}` : `arn:aws:${service}:${region}:${ACCOUNT_ID}:${service === "dynamodb" ? "table" : "key"}/${physical}`;
  return {
    ...inputs,
    // Auto-named resources would otherwise come back with an undefined name.
    name: inputs.name ?? name,
    arn,
    region,
    streamArn: inputs.streamEnabled ? `${arn}/stream/2026-11-23T00:00:00.000` : "",
  };
}

/** Mocks that echo inputs with a fake ARN, region and name, and answer the AWS identity functions. */
export function defaultMocks(region = "us-east-1", counters?: { newResourceCalls: number; calls: string[] }): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      if (counters) counters.newResourceCalls++;
      const state = args.custom ? fakeState(args.type, args.name, args.inputs, region) : {};
      return { id: args.custom ? `${args.name}-id` : undefined, state };
    },
    call(args) {
      counters?.calls.push(args.token);
      if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, userId: "AIDA", id: ACCOUNT_ID };
      if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      if (args.token === "aws:index/getRegion:getRegion") return { region, name: region, id: region };
      return {};
    },
  };
}

const configString = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * Run `code` (which creates resources; it may be async) under mocks and return everything it
 * registered, once every registration has settled.
 */
export async function record(code: () => unknown, options: RecordOptions = {}): Promise<Recording> {
  const region = options.region ?? "us-east-1";
  const counters = { newResourceCalls: 0, calls: [] as string[] };
  const current = pulumi.runtime.getMonitor() as any;
  const reuse = !options.mocks && options.reuseMocks !== false && current?.constructor?.name === "MockMonitor" && !OURS.has(current);
  if (options.config || !reuse) {
    const config = Object.fromEntries(Object.entries({ "aws:region": region, ...(options.config ?? {}) }).map(([k, v]) => [k, configString(v)]));
    pulumi.runtime.setAllConfig(config, options.secretKeys);
  }
  if (!reuse) {
    await pulumi.runtime.setMocks(options.mocks ?? defaultMocks(region, counters), options.project ?? "project", options.stack ?? "test", options.preview ?? true);
  }
  const monitor = pulumi.runtime.getMonitor() as any;
  if (!reuse) OURS.add(monitor);
  const run: Recording = { resources: [], calls: counters.calls, monitor: monitor?.constructor?.name ?? "", errors: [] };
  if (!reuse && !options.mocks) Object.defineProperty(run, "newResourceCalls", { get: () => counters.newResourceCalls, enumerable: true });
  if (!monitor?.registerResource) return run;

  return withCheapPromiseStacks(() => withLazyOutputs(() => recordInto(run, monitor, code)));
}

async function recordInto(run: Recording, monitor: any, code: () => unknown): Promise<Recording> {
  const original = monitor.registerResource;
  const engine = watchEngineTransforms(monitor);
  let pending = 0;
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
    pending++;
    const entry = {
      type: req.getType() as string, name: req.getName() as string, custom: req.getCustom() as boolean, parentUrn: req.getParent() as string,
      protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true,
      ignoreChanges: req.getIgnorechangesList() as string[], importId: req.getImportid() as string,
      inputs: pulumi.runtime.deserializeProperties(req.getObject()) as Record<string, any>,
    };
    engine.registration(req, entry);
    return original.call(monitor, req, (err: any, res: any) => {
      pending--;
      if (err) run.errors.push(`${entry.type} ${entry.name}: ${err?.message ?? err}`);
      else {
        run.resources.push(Object.assign(entry, {
          urn: res.getUrn(),
          ...(entry.custom ? { id: res.getId(), outputs: pulumi.runtime.deserializeProperties(res.getObject()) as Record<string, any> } : {}),
        }));
      }
      callback(err, res);
    });
  };
  try {
    let failure: unknown;
    let finished = false;
    Promise.resolve().then(code).then(() => { finished = true; }, (e) => { failure = e; finished = true; });
    // Settle: registrations chain through promises; wait until the code has finished and nothing is
    // pending for a few turns (microtasks drain before each setImmediate).
    let quiet = 0;
    for (let i = 0; i < 4000 && quiet < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = finished && pending === 0 ? quiet + 1 : 0;
    }
    if (failure !== undefined) throw failure;
    if (pending !== 0 || !finished) throw new Error(`Pulumi mocks: ${pending} resource registrations did not settle`);
  } finally {
    monitor.registerResource = original;
    engine.finish(run.resources);
  }
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  for (const r of run.resources) {
    const parent = byUrn.get(r.parentUrn);
    if (parent) r.parent = { type: parent.type, name: parent.name };
  }
  return run;
}

/** Why a recording cannot be trusted to have gone through mocks, or undefined when it did. */
export function mocksProblem(run: Recording): string | undefined {
  if (run.monitor !== "MockMonitor") return `setMocks was not active: the Pulumi monitor is ${run.monitor || "missing"}, not the mock monitor`;
  if (run.newResourceCalls !== undefined && !(run.newResourceCalls > 0 && run.newResourceCalls === run.resources.length)) {
    return `mock newResource saw ${run.newResourceCalls} registrations, the monitor ${run.resources.length}`;
  }
  return undefined;
}
