/**
 * versions.tf floors follow what the emitted files use, per the provider and Terraform CHANGELOGs:
 * GSI key_schema blocks need hashicorp/aws 6.29.0, dynamic GSI / key_schema blocks 6.30.0 (a crash
 * before), import {} Terraform 1.5, optional(type, default) 1.3, S3 use_lockfile 1.11.
 */
import * as assert from "assert";
import { parseHcl } from "../hcl/tools";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { VERSION_FLOORS } from "../../terraform/version-floors";

async function versions(blueprints: unknown[], layout: "flat" | "module", fullModule?: boolean) {
  const t = (await parseHcl((await toTerraform(blueprints as never, { layout, ...(fullModule ? { fullModule } : {}) }))["versions.tf"])).terraform[0];
  return [t.required_version, t.required_providers[0].aws.version];
}

const plain = () => dynamoTable("plain", { partitionKey: { name: "id", type: "S" } });
const indexed = (importFrom?: string) => dynamoTable("indexed", {
  partitionKey: { name: "id", type: "S" }, importFrom,
  globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" } }],
});

describe("terraform versions.tf floors", () => {
  it("a plain flat table needs only the 6.x provider major", async () => {
    assert.deepStrictEqual(await versions([plain()], "flat"), [">= 1.0.0", ">= 6.0.0, < 7.0.0"]);
  });
  it("a GSI (key_schema blocks) needs hashicorp/aws 6.29.0", async () => {
    assert.deepStrictEqual(await versions([indexed()], "flat"), [">= 1.0.0", ">= 6.29.0, < 7.0.0"]);
  });
  it("import {} needs Terraform 1.5", async () => {
    assert.deepStrictEqual(await versions([indexed("indexed")], "flat"), [">= 1.5.0", ">= 6.29.0, < 7.0.0"]);
  });
  it("the module layout (dynamic GSI/key_schema, optional() defaults, moved blocks) needs 6.30.0 and Terraform 1.3", async () => {
    assert.deepStrictEqual(await versions([indexed()], "module"), [">= 1.3.0", ">= 6.30.0, < 7.0.0"]);
    assert.deepStrictEqual(await versions([plain()], "module", true), [">= 1.3.0", ">= 6.30.0, < 7.0.0"], "the full module has the GSI blocks");
  });
  it("the lean module of a stack without GSIs writes no GSI blocks, so needs only the 6.x major", async () => {
    assert.deepStrictEqual(await versions([plain()], "module"), [">= 1.3.0", ">= 6.0.0, < 7.0.0"]);
  });
  it("an S3 backend with use_lockfile needs Terraform 1.11", async () => {
    assert.deepStrictEqual(await versions([plain(), stateBackend("state", { bucketName: "acme-state-bucket-1" })], "flat")
      .then((v) => v[0]), ">= 1.11.0");
  });
  it("every floor names a public source", () => {
    for (const f of VERSION_FLOORS) assert.match(f.source, /CHANGELOG|upgrade guide/, f.construct);
  });
});
