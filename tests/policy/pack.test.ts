/**
 * The pack as a whole: policy metadata the policy server validates at start-up, default enforcement
 * levels, the files the CLI reads, and that importing the entry point outside the CLI is inert.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, defaultEnforcementLevel, packArgs, policies } from "../../policy/policies";
import { PRODUCTION_DEFAULTS, productionSchema } from "../../policy/lib";

const ROOT = path.resolve(__dirname, "../..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

describe("policy pack", () => {
  it("has the eight checklist policies and the least-privilege rule in order, with the default levels the brief asks for", () => {
    assert.deepStrictEqual(policies.map((p) => [p.name, defaultEnforcementLevel(p)]), [
      ["dynamodb-pitr-enabled", "mandatory"],
      ["dynamodb-production-cmk", "mandatory"],
      ["dynamodb-deletion-protection", "mandatory"],
      ["dynamodb-production-protect", "mandatory"],
      ["dynamodb-provisioned-autoscaling", "mandatory"],
      ["dynamodb-autoscaling-target-utilization", "mandatory"],
      ["dynamodb-billing-capacity", "mandatory"],
      ["dynamodb-hot-partition-key", "advisory"],
      ["dynamodb-least-privilege", "mandatory"],
      ["dynamodb-resource-policy-principals", "mandatory"],
    ]);
    // Rules 1-7 inherit the pack-wide level, so one setting (or `"all"` in the config file) moves them together.
    assert.strictEqual(PACK_ENFORCEMENT_LEVEL, "mandatory");
    assert.deepStrictEqual(policies.filter((p) => p.enforcementLevel !== undefined).map((p) => p.name), ["dynamodb-hot-partition-key"]);
    assert.strictEqual(packArgs.enforcementLevel, PACK_ENFORCEMENT_LEVEL);
    assert.strictEqual(packArgs.policies, policies);
  });

  it("satisfies what the policy server checks before serving (it exits the process otherwise)", () => {
    assert.match(PACK_NAME, /^[a-zA-Z0-9._-]+$/);
    assert.strictEqual(new Set(policies.map((p) => p.name)).size, policies.length, "unique names");
    for (const p of policies) {
      assert.notStrictEqual(p.name, "all", "reserved");
      assert.ok(p.description.length > 20, `${p.name} has a description`);
      assert.ok(!p.configSchema?.properties?.enforcementLevel && !p.configSchema?.required?.includes("enforcementLevel"), `${p.name} schema`);
      assert.ok(("validateStack" in p) !== ("validateResource" in p), `${p.name} is exactly one kind`);
    }
  });

  it("schema defaults equal the defaults the code applies when getConfig() is empty", () => {
    // Definitions may be `boolean` in the SDK's JSON-schema type; ours are all objects.
    const def = (schema: unknown) => (schema as { default?: unknown }).default;
    assert.strictEqual(def(productionSchema.productionTagKey), PRODUCTION_DEFAULTS.productionTagKey);
    assert.deepStrictEqual(def(productionSchema.productionTagValues), PRODUCTION_DEFAULTS.productionTagValues);
    const scopes = Object.fromEntries(policies.filter((p) => p.configSchema?.properties.scope).map((p) => [p.name, def(p.configSchema!.properties.scope)]));
    assert.deepStrictEqual(scopes, { "dynamodb-pitr-enabled": "all", "dynamodb-deletion-protection": "production" });
  });

  it("PulumiPolicy.yaml and policy/package.json are what the CLI needs, pinned like the root", () => {
    const manifest = parse(fs.readFileSync(path.join(ROOT, "policy/PulumiPolicy.yaml"), "utf8"));
    assert.strictEqual(manifest.runtime, "nodejs");
    assert.ok(manifest.description);
    const pkg = readJson("policy/package.json");
    const root = readJson("package.json");
    assert.ok(pkg.version, "PolicyPack reads its version from ./package.json and throws without one");
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      assert.strictEqual(version, root.dependencies[name] ?? root.devDependencies[name], `${name} pinned as in the root package.json`);
    }
  });

  it("importing policy/index.ts outside the CLI constructs no PolicyPack (no gRPC server, no port on stdout)", () => {
    const entry = require("../../policy") as typeof import("../../policy");
    assert.strictEqual(entry.pack, undefined);
    assert.strictEqual(entry.runByPolicyRunner(require.main?.filename, {}), false);
    assert.strictEqual(entry.runByPolicyRunner("/p/node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js", {}), true);
    assert.strictEqual(entry.runByPolicyRunner("C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\run-policy-pack\\index.js", {}), true);
    assert.strictEqual(entry.runByPolicyRunner("/p/node_modules/mocha/bin/mocha.js", { [entry.FORCE_ENV]: "1" }), true);
  });
});
