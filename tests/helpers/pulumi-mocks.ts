/**
 * Runs Pulumi code under mocks and records every registered resource with its inputs AND its
 * resource options. Mocks never see options, so the mock monitor's `registerResource` is wrapped to
 * read protect / retainOnDelete / ignoreChanges / parent / import from the request itself.
 *
 * `assertMocksActive` proves `setMocks` was in force: without it the SDK silently echoes inputs and
 * a test would pass while checking nothing.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT_ID = "123456789012";

export interface Recorded {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, any>;
  parentUrn: string;
  urn: string;
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  importId: string;
}

export interface MockRun {
  resources: Recorded[];
  /** Names of functions the program invoked (getCallerIdentity, ...). */
  calls: string[];
  newResourceCalls: number;
}

function fakeState(type: string, name: string, inputs: Record<string, any>, region: string): Record<string, any> {
  const physical = inputs.name ?? inputs.bucket ?? name;
  const service = type.split(":")[1]?.split("/")[0] ?? "x";
  const arn = service === "s3" ? `arn:aws:s3:::${physical}` : `arn:aws:${service}:${region}:${ACCOUNT_ID}:${service === "dynamodb" ? "table" : "key"}/${physical}`;
  return {
    ...inputs,
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
export async function runUnderMocks(program: () => unknown, options: { stack?: string; config?: Record<string, string>; region?: string } = {}): Promise<MockRun> {
  const region = options.region ?? "us-east-1";
  const run: MockRun = { resources: [], calls: [], newResourceCalls: 0 };
  const inputsByUrnKey = new Map<string, Record<string, any>>();
  pulumi.runtime.setAllConfig({ "aws:region": region, ...(options.config ?? {}) });
  await pulumi.runtime.setMocks({
    newResource(args) {
      run.newResourceCalls++;
      inputsByUrnKey.set(`${args.type}::${args.name}`, args.inputs);
      return { id: args.custom ? `${args.name}-id` : undefined, state: args.custom ? fakeState(args.type, args.name, args.inputs, region) : {} };
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
  const original = monitor.registerResource.bind(monitor);
  let pending = 0;
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
    pending++;
    const record: Omit<Recorded, "inputs" | "urn"> = {
      type: req.getType(), name: req.getName(), custom: req.getCustom(), parentUrn: req.getParent(),
      protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true,
      ignoreChanges: req.getIgnorechangesList(), importId: req.getImportid(),
    };
    return original(req, (err: any, res: any) => {
      pending--;
      if (!err) run.resources.push({ ...record, urn: res.getUrn(), inputs: inputsByUrnKey.get(`${record.type}::${record.name}`) ?? {} });
      callback(err, res);
    });
  };

  program();
  // Settle: registrations chain through promises; wait until nothing is pending for a few turns.
  let quiet = 0;
  for (let i = 0; i < 2000 && quiet < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = pending === 0 ? quiet + 1 : 0;
  }
  assert.strictEqual(pending, 0, "registrations did not settle");
  return run;
}

/** Fails unless the run went through the mock monitor. */
export function assertMocksActive(run: MockRun): void {
  const monitor = pulumi.runtime.getMonitor() as any;
  assert.strictEqual(monitor?.constructor?.name, "MockMonitor", "setMocks was not active: the Pulumi monitor is not the mock monitor");
  assert.ok(run.newResourceCalls > 0 && run.newResourceCalls === run.resources.length,
    `mock newResource saw ${run.newResourceCalls} registrations, the monitor ${run.resources.length}`);
}

export const custom = (run: MockRun) => run.resources.filter((r) => r.custom);
export const byName = (run: MockRun, name: string, type?: string) => {
  const found = run.resources.filter((r) => r.name === name && (!type || r.type === type));
  assert.strictEqual(found.length, 1, `expected one resource named ${name}${type ? ` of ${type}` : ""}, found ${found.length}`);
  return found[0];
};
/** `type name` lines, sorted, for asserting complete inventories. */
export const inventory = (run: MockRun) => run.resources.map((r) => `${r.type} ${r.name}`).sort();

/** Read a stack file's config into the string map Pulumi's runtime would hold. */
export function stackConfigStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
