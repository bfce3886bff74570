/**
 * One component-overhead measurement, in its own process: register N tables under Pulumi mocks,
 * either through `DynamoTable` ("component") or as the same raw `@pulumi/aws` resources written by
 * hand ("raw"), and time from the first constructor call until every registration has completed.
 *
 * The raw program's arguments are computed before the clock starts (a hand-written program has them
 * as literals); it references other resources' outputs with `pulumi.interpolate` /
 * `pulumi.jsonStringify` as hand-written code would, and looks the caller's account, partition and
 * region up once per program. Both variants register the same custom resources with the same
 * inputs (checked: the digest of type, name and inputs is printed); the component variant adds one
 * component resource per table. Prints one JSON line.
 */
import { performance } from "perf_hooks";
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kms from "@pulumi/aws/kms";
import * as appautoscaling from "@pulumi/aws/appautoscaling";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { DynamoTable } from "../../components/tables";
import { dynamoTable } from "../../model/blueprints";
import { planTable } from "../../model/plan-table";
import { PlannedResource, Value, isConcat, isDataRef, isJsonDoc, isRef } from "../../model/resources";
import { MINIMAL, SHAPES, Shape, benchTable } from "../lib/specs";

type Mode = "component" | "raw";
const [mode, nText, shapeArg] = process.argv.slice(2) as [Mode, string, string | undefined];
const n = Number(nText);
const shape = shapeArg === "mixed" || shapeArg === undefined ? undefined : (shapeArg as Shape);
if (!["component", "raw"].includes(mode) || !(n > 0) || (shape && shape !== MINIMAL && !(SHAPES as readonly string[]).includes(shape))) {
  throw new Error(`usage: child.ts component|raw N [mixed|${MINIMAL}|${SHAPES.join("|")}]`);
}

const RAW: Partial<Record<PlannedResource["type"], new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource>> = {
  aws_dynamodb_table: dynamodb.Table,
  aws_kms_key: kms.Key,
  aws_appautoscaling_target: appautoscaling.Target,
  aws_appautoscaling_policy: appautoscaling.Policy,
};

/** What a hand-written program would pass: literals, and other resources' outputs where referenced. */
function handWritten(value: Value, created: Map<string, pulumi.CustomResource>, caller: Record<string, pulumi.Output<string>>): unknown {
  if (isRef(value)) return (created.get(value.$ref) as unknown as Record<string, unknown>)[value.attribute];
  if (isDataRef(value)) return caller[value.$data];
  if (isConcat(value)) return pulumi.concat(...value.$concat.map((p) => handWritten(p, created, caller) as pulumi.Input<string>));
  if (isJsonDoc(value)) return pulumi.jsonStringify(pulumi.output(handWritten(value.$json, created, caller)));
  if (Array.isArray(value)) return value.map((v) => handWritten(v, created, caller));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, handWritten(v, created, caller)]));
  return value;
}

async function main(): Promise<void> {
  const tables = Array.from({ length: n }, (_, i) => benchTable(i, shape));
  const registered = new Map<string, unknown>();
  let pending = 0;
  let completed = 0;
  const errors: string[] = [];
  await pulumi.runtime.setMocks({
    newResource(args) {
      const physical = args.inputs.name ?? args.name;
      return { id: `${args.name}-id`, state: { ...args.inputs, name: physical, arn: `arn:aws:mock:us-east-1:123456789012:${physical}`, streamArn: "" } };
    },
    call(args) {
      if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", userId: "AIDA", id: "123456789012" };
      if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      if (args.token === "aws:index/getRegion:getRegion") return { region: "us-east-1", name: "us-east-1", id: "us-east-1" };
      return {};
    },
  }, "bench", "overhead", true);
  const monitor = pulumi.runtime.getMonitor() as any;
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
    pending++;
    return original(req, (err: any, res: any) => {
      pending--;
      completed++;
      if (err) errors.push(String(err?.message ?? err));
      else if (req.getCustom()) registered.set(`${req.getType()}::${req.getName()}`, req.getObject().toJavaScript());
      callback(err, res);
    });
  };

  // Raw arguments are prepared before the clock starts: a hand-written program has them as literals.
  const plans = mode === "raw" ? tables.map((t) => planTable(dynamoTable(t.name, t.args).table)) : [];
  const expected = mode === "raw" ? plans.reduce((sum, p) => sum + p.length, 0) : undefined;

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (mode === "component") {
    for (const t of tables) new DynamoTable(t.name, t.args);
  } else {
    const caller = { accountId: getCallerIdentityOutput({}).accountId, partition: getPartitionOutput({}).partition, region: getRegionOutput({}).region };
    for (const plan of plans) {
      const created = new Map<string, pulumi.CustomResource>();
      for (const r of plan) {
        const opts: pulumi.CustomResourceOptions = {};
        if (r.options.protect) opts.protect = true;
        if (r.options.retainOnDelete) opts.retainOnDelete = true;
        if (r.options.ignoreChanges.length) opts.ignoreChanges = r.options.ignoreChanges;
        created.set(r.name, new RAW[r.type]!(r.name, handWritten(r.args, created, caller), opts));
      }
    }
  }
  const constructedMs = performance.now() - t0;
  let quiet = 0;
  for (let i = 0; quiet < 3; i++) {
    if (i > 10_000_000) throw new Error("registrations did not settle");
    await new Promise((resolve) => setImmediate(resolve));
    quiet = pending === 0 && (expected === undefined || completed >= expected) ? quiet + 1 : 0;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const digest = crypto.createHash("sha256")
    .update(JSON.stringify([...registered.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))).digest("hex");
  process.stdout.write(JSON.stringify({
    mode, n, shape: shape ?? "mixed", wallMs, cpuMs: (cpu.user + cpu.system) / 1000, constructedMs,
    registrations: completed, custom: registered.size, digest, errors: errors.slice(0, 3), maxRssKb: process.resourceUsage().maxRSS,
  }) + "\n");
  process.exit(errors.length ? 1 : 0);
}

main().catch((err) => { console.error(err); process.exit(1); });
