/**
 * The CLI's mock runtime in-process: a stack runs with its file's config as Pulumi would hold it,
 * resources come back in construction order (parents before children), and a run that bypassed the
 * mocks is refused rather than trusted.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { MockRun, mocksProblem, runStack, stackConfigStrings } from "../../cli/mock-runtime";
import { readStackFile } from "../../cli/stack-file";
import { parseStackConfig } from "../../project/stack-config";
import { buildTree, renderTree } from "../../cli/render-tree";
import { rec } from "./fixtures";
import { ROOT } from "./run-cli";

describe("cli/mock-runtime and cli/render-tree", () => {
  it("runStack: Pulumi's runtime config round-trips to the same stack config the CLI parsed", async () => {
    const run = await runStack(ROOT, "prod");
    // What index.ts would read under `pulumi up`: the stack file's values as Pulumi stores them.
    const runtime = pulumi.runtime.allConfig();
    const file = stackConfigStrings(readStackFile(ROOT, "prod"));
    for (const [key, value] of Object.entries(file)) assert.strictEqual(runtime[key], value, key);
    // Keys a stack file leaves out come from Pulumi.yaml defaults (as `pulumi up` sets them): same config.
    assert.deepStrictEqual(parseStackConfig("prod", runtime), parseStackConfig("prod", file));
    assert.deepStrictEqual(run.config, runtime);
    assert.strictEqual(mocksProblem(run), undefined);
  });

  it("runStack: construction order, every parent before its children", async () => {
    const run = await runStack(ROOT, "dev");
    assert.ok(run.resources.every((r, i) => r.sequence === i), "sequence is the sorted position");
    const position = new Map(run.resources.map((r, i) => [r.urn, i]));
    for (const r of run.resources) if (position.has(r.parentUrn)) assert.ok(position.get(r.parentUrn)! < position.get(r.urn)!, r.name);
    // The model plans the state backend first: it is declared first in model/stack.ts.
    assert.strictEqual(run.resources[0].type, "dynamodb-blueprints:index:TerraformStateBackend");
  });

  it("mocksProblem refuses a run that did not go through the mock monitor or lost registrations", () => {
    const run = (over: Partial<MockRun>): MockRun => ({ resources: [rec("aws:x/y:Z", "a", {})], calls: [], newResourceCalls: 1, monitor: "MockMonitor", errors: [], ...over });
    assert.strictEqual(mocksProblem(run({})), undefined);
    assert.match(mocksProblem(run({ monitor: "Object" })) ?? "", /setMocks was not active/);
    assert.match(mocksProblem(run({ newResourceCalls: 2 })) ?? "", /saw 2 registrations, the monitor 1/);
    assert.match(mocksProblem(run({ resources: [], newResourceCalls: 0 })) ?? "", /saw 0/);
  });

  it("render-tree: orphans are roots, children nest, markers show protect/retain/ignoreChanges/import", () => {
    const parent = rec("dynamodb-blueprints:index:DynamoTable", "t", {});
    const child = rec("aws:sqs/queue:Queue", "q", {}, parent, { protect: true, retainOnDelete: true, ignoreChanges: ["a"], importId: "q-1" });
    const tree = buildTree([parent, child, rec("aws:sqs/queue:Queue", "lonely", {})]);
    assert.deepStrictEqual(tree.map((n) => n.name), ["t", "lonely"]);
    assert.deepStrictEqual(tree[0].children[0].options, { protect: true, retainOnDelete: true, ignoreChanges: ["a"], import: "q-1" });
    assert.deepStrictEqual(renderTree(tree), [
      "+ dynamodb-blueprints:index:DynamoTable t",
      "    + aws:sqs/queue:Queue q  [protect] [retain] ignoreChanges=[a] [import=q-1]",
      "+ aws:sqs/queue:Queue lonely",
    ]);
  });
});
