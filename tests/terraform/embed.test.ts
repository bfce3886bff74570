/**
 * HCL for an existing Terraform root: provider, backend and versions.tf can be left out, and the table
 * module called from a user-given `source` (API and CLI). Every output is still parsed by HashiCorp's
 * parser (through tests/hcl/tools.ts) so the rewritten module blocks stay valid HCL.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { BlueprintValidationError } from "../../model/errors";
import { parseHcl } from "../hcl/tools";
import { cli, userProject } from "../helpers/user-project";

const items = () => [
  dynamoTable("users", { partitionKey: { name: "userId", type: "S" } }),
  stateBackend("state", { bucketName: "acme-terraform-state" }),
];

describe("toTerraform for an existing Terraform root (provider, backend, versions, module source)", () => {
  it("by default: provider, backend.tf, versions.tf and the vendored module", async () => {
    const files = await toTerraform(items());
    assert.ok(["backend.tf", "versions.tf", "modules/dynamodb/main.tf"].every((f) => f in files));
    assert.match(files["main.tf"], /^provider "aws" \{/m);
    assert.match(files["main.tf"], /source = "\.\/modules\/dynamodb"/);
  });

  it("leaves out what the root already has, and calls a registry module with a version", async () => {
    const files = await toTerraform(items(), {
      provider: false, backend: false, versions: false, moduleSource: "app.terraform.io/acme/dynamodb/aws", moduleVersion: "~> 1.2",
    });
    // moved.tf stays: it keeps tables at their address across the module's variants (the published module is this one).
    assert.deepStrictEqual(Object.keys(files).sort(), ["main.tf", "moved.tf", "outputs.tf"]);
    assert.doesNotMatch(files["main.tf"], /provider "aws"/);
    assert.strictEqual([...files["main.tf"].matchAll(/ {2}source {2}= "app\.terraform\.io\/acme\/dynamodb\/aws"\n {2}version = "~> 1\.2"\n/g)].length, 2);
    const parsed = await parseHcl(files["main.tf"]) as { module: Record<string, { source: string; version: string }[]> };
    assert.deepStrictEqual(Object.values(parsed.module).map((m) => [m[0].source, m[0].version]), [
      ["app.terraform.io/acme/dynamodb/aws", "~> 1.2"], ["app.terraform.io/acme/dynamodb/aws", "~> 1.2"],
    ]);
  });

  it("refuses a module source with the flat layout, a version without a source, and non-boolean switches", async () => {
    await assert.rejects(toTerraform(items(), { layout: "flat", moduleSource: "../m", moduleVersion: undefined, provider: "no" as never }), (e: unknown) =>
      e instanceof BlueprintValidationError && /moduleSource: only applies to the module layout/.test(e.message) && /options\.provider: must be true or false/.test(e.message));
    await assert.rejects(toTerraform(items(), { moduleVersion: "1.0.0" }), /moduleVersion: needs moduleSource/);
  });

  it("the hcl command's flags do the same", async () => {
    const dir = userProject({
      "Pulumi.yaml": "name: embed\nruntime: nodejs\nmain: index.ts\n",
      "Pulumi.dev.yaml": "config:\n  aws:region: eu-central-1\n",
      "index.ts": `import { DynamoTable } from ${JSON.stringify(path.resolve(__dirname, "..", "..", "components"))};\nnew DynamoTable("users", { partitionKey: { name: "userId", type: "S" } });\n`,
    });
    const r = await cli(dir, "hcl", "--stack", "dev", "--out", "tf", "--without-provider", "--without-backend", "--without-versions", "--module-source", "../modules/dynamodb");
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, "tf")).sort(), ["main.tf", "moved.tf", "outputs.tf"]);
    const main = fs.readFileSync(path.join(dir, "tf", "main.tf"), "utf8");
    assert.match(main, /source = "\.\.\/modules\/dynamodb"/);
    assert.doesNotMatch(main, /provider "aws"/);
  });
});
