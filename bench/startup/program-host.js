#!/usr/bin/env node
/*
 * Runs a Pulumi TypeScript project the way `pulumi preview` does, with the engine replaced by mocks.
 *
 * The Pulumi CLI's nodejs language host starts `node @pulumi/pulumi/cmd/run/index.js --monitor=ADDR
 * --project=P --stack=S --dry-run <main or ".">` with PULUMI_NODEJS_TYPESCRIPT / _TSCONFIG_PATH from
 * Pulumi.yaml's runtime options and the stack's config in PULUMI_CONFIG. This host does what that
 * index.js does (instrumentation, source-map-support, v8 hooks, then cmd/run/run.js's `run()`, which
 * registers ts-node exactly as the real runtime does and requires the program inside the root Stack
 * resource), except that the gRPC monitor is replaced by `setMocks`. Plain JavaScript on purpose:
 * nothing is transpiled before the runtime registers ts-node itself.
 *
 * Usage: node program-host.js <projectDir> <stack> <program|".">   (the stack config is read from
 * PULUMI_CONFIG, which the parent sets from Pulumi.<stack>.yaml). Prints one JSON line on fd 3.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const [projectDir, stack, program, project] = process.argv.slice(2);
if (process.env.BENCH_EXPERIMENT_STACK_LIMIT !== undefined) Error.stackTraceLimit = Number(process.env.BENCH_EXPERIMENT_STACK_LIMIT);
process.chdir(projectDir);
const fromProject = (id) => require.resolve(id, { paths: [projectDir] });
const pulumiDir = path.dirname(fromProject("@pulumi/pulumi/package.json"));
process.env.PULUMI_NODEJS_PROJECT = project;
process.env.PULUMI_NODEJS_STACK = stack;
process.env.PULUMI_NODEJS_DRY_RUN = "true";

// Start the real language-runtime entry point, exactly as the nodejs language host does. Its
// synchronous part loads instrumentation and source-map-support and installs its handlers; the
// program itself runs a few ticks later, after the v8 hooks are initialised.
process.argv = [process.argv[0], path.join(pulumiDir, "cmd/run/index.js"),
  `--monitor=mock`, `--project=${project}`, `--stack=${stack}`, "--dry-run", program];
require(path.join(pulumiDir, "cmd/run/index.js"));

// ...and before that happens, swap the engine for mocks (the only deviation from `pulumi preview`).
const pulumi = require(pulumiDir);
const registered = new Map(); // "type::name" -> inputs, custom resources only
let pending = 0;
let completed = 0;
let stackDone = false;
const errors = [];

function report(result) {
  const out = JSON.stringify(result);
  try { fs.writeSync(3, out + "\n"); } catch { process.stdout.write(out + "\n"); }
}

pulumi.runtime.setMocks({
  newResource(args) {
    const physical = args.inputs.name ?? args.inputs.bucket ?? args.name;
    return {
      id: args.custom ? `${args.name}-id` : undefined,
      state: args.custom ? { ...args.inputs, name: physical, arn: `arn:aws:mock:us-east-1:123456789012:${physical}`, streamArn: "" } : {},
    };
  },
  call(args) {
    if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", userId: "AIDA", id: "123456789012" };
    if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    if (args.token === "aws:index/getRegion:getRegion") return { region: "us-east-1", name: "us-east-1", id: "us-east-1" };
    return {};
  },
}, project, stack, true);
const monitor = pulumi.runtime.getMonitor();
const original = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  pending++;
  return original(req, (err, res) => {
    pending--;
    completed++;
    if (err) errors.push(String(err.message ?? err));
    else if (req.getCustom()) registered.set(`${req.getType()}::${req.getName()}`, req.getObject().toJavaScript());
    callback(err, res);
  });
};
// The root Stack registers its outputs once the program has returned and its exports resolved.
const originalOutputs = monitor.registerResourceOutputs.bind(monitor);
monitor.registerResourceOutputs = (req, callback) => {
  if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackDone = true;
  return originalOutputs(req, callback);
};

async function main() {
  // Wait for the stack outputs, then for every registration in flight to settle.
  let quiet = 0;
  for (let i = 0; quiet < 3; i++) {
    if (i > 200000) throw new Error("program did not finish");
    await new Promise((resolve) => setImmediate(resolve));
    quiet = stackDone && pending === 0 ? quiet + 1 : 0;
  }
  const doneMs = performance.now();
  const digest = require("crypto").createHash("sha256")
    .update(JSON.stringify([...registered.entries()].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest("hex");
  let transpileOnly = null;
  try {
    const tsn = require(fromProject("ts-node"));
    transpileOnly = process[tsn.REGISTER_INSTANCE]?.options?.transpileOnly ?? null;
  } catch { /* not a TypeScript run */ }
  report({
    doneMs, registrations: completed, custom: [...registered.keys()].sort(), digest, errors,
    maxRssKb: process.resourceUsage().maxRSS, transpileOnly,
  });
  process.exit(errors.length ? 1 : 0);
}

main().catch((err) => { report({ error: String(err && err.stack || err) }); process.exit(1); });
