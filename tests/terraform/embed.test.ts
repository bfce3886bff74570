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
import { providerProblems } from "../helpers/provider-check";
import { loadStack } from "../../cli/stack-file";

const ROOT = path.resolve(__dirname, "../..");

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

  it("without the backend, versions.tf no longer asks for the Terraform that reads the backend's use_lockfile", async () => {
    const withBackend = await toTerraform(items());
    const without = await toTerraform(items(), { backend: false });
    assert.match(withBackend["versions.tf"], /use_lockfile/, "the control: the backend raises the floor when it is written");
    assert.ok(!("backend.tf" in without));
    assert.ok(Object.values(without).every((text) => !/\bbackend\s+"s3"/.test(text)), "no file holds a backend block");
    assert.doesNotMatch(without["versions.tf"], /use_lockfile/);
    const floor = (text: string) => /required_version = ">= ([\d.]+)"/.exec(text)![1];
    assert.notStrictEqual(floor(without["versions.tf"]), floor(withBackend["versions.tf"]));
  });

  it("refuses a module source with the flat layout, a version without a source, and non-boolean switches", async () => {
    await assert.rejects(toTerraform(items(), { layout: "flat", moduleSource: "../m", moduleVersion: undefined, provider: "no" as never }), (e: unknown) =>
      e instanceof BlueprintValidationError && /moduleSource: only applies to the module layout/.test(e.message) && /options\.provider: must be true or false/.test(e.message));
    await assert.rejects(toTerraform(items(), { moduleVersion: "1.0.0" }), /moduleVersion: needs moduleSource/);
  });

  it("a shared module source: roots of different stacks written for it fit the full module published once (--full-module)", async () => {
    const published = await toTerraform([dynamoTable("any", { partitionKey: { name: "id", type: "S" } })], { fullModule: true });
    const module = Object.fromEntries(Object.entries(published).filter(([f]) => f.startsWith("modules/dynamodb/")));
    assert.strictEqual(Object.keys(module).length, 4);
    // Published on its own, the module states the floors of what it writes: the full module writes
    // restore_backup_arn (hashicorp/aws 6.38.0) and validations naming other variables (Terraform 1.9.0).
    assert.match(module["modules/dynamodb/main.tf"], /restore_backup_arn/);
    assert.match(module["modules/dynamodb/versions.tf"], /version += ">= 6\.38\.0, < 7\.0\.0"/);
    assert.match(module["modules/dynamodb/versions.tf"], /required_version = ">= 1\.9\.0"/);
    for (const stack of ["dev", "prod"]) {
      const root = await toTerraform(loadStack(ROOT, stack).blueprints, { moduleSource: "./modules/dynamodb", stack });
      assert.ok(!Object.keys(root).some((f) => f.startsWith("modules/")), "the root does not vendor the module");
      // Every input the root passes is a declared variable, every moved/import address names a resource of the module.
      assert.deepStrictEqual(await providerProblems({ ...root, ...module }), [], stack);
    }
    // A lean module from one stack lacks what another needs: the check sees it (prod's created keys, its protection).
    const lean = await toTerraform(loadStack(ROOT, "dev").blueprints, { stack: "dev" });
    const leanModule = Object.fromEntries(Object.entries(lean).filter(([f]) => f.startsWith("modules/dynamodb/")));
    const prodRoot = await toTerraform(loadStack(ROOT, "prod").blueprints, { moduleSource: "./modules/dynamodb", stack: "prod" });
    assert.notDeepStrictEqual(await providerProblems({ ...prodRoot, ...leanModule }), []);
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
    const full = await cli(dir, "hcl", "--stack", "dev", "--out", "published", "--full-module");
    assert.strictEqual(full.code, 0, full.err);
    assert.strictEqual([...fs.readFileSync(path.join(dir, "published", "modules", "dynamodb", "main.tf"), "utf8").matchAll(/^resource "aws_dynamodb_table"/gm)].length, 16);
  });
});
