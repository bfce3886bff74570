/**
 * versions.tf floors follow what the emitted files write, per the hashicorp/aws and Terraform
 * CHANGELOGs (the versions below are typed from those CHANGELOGs, not read from the registry):
 * GSI key_schema blocks 6.29.0 (#45357), replica consistency_mode 6.3.0 (#43236), replica
 * deletion_protection_enabled 6.9.0 (#43240), warm_throughput 6.13.0 (#41308), global_table_witness
 * 6.22.0 (#43908), restore_backup_arn 6.38.0 (#47068); Terraform import {} 1.5.0, S3 use_lockfile
 * 1.11.0 (GA; 1.10.0 had it as an experiment). tests/terraform/emitted-paths.test.ts checks every feature program in both layouts.
 */
import * as assert from "assert";
import { parseHcl } from "../hcl/tools";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { requiredVersions } from "../../terraform/version-floors";
import * as hcl from "../../hcl";

async function versions(blueprints: unknown[], layout: "flat" | "module", fullModule?: boolean) {
  const t = (await parseHcl((await toTerraform(blueprints as never, { layout, ...(fullModule ? { fullModule } : {}) }))["versions.tf"])).terraform[0];
  return [t.required_version, t.required_providers[0].aws.version];
}

const id = { name: "id", type: "S" } as const;
const plain = () => dynamoTable("plain", { partitionKey: id });
const indexed = (importFrom?: string) => dynamoTable("indexed", {
  partitionKey: id, importFrom,
  globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" } }],
});
const ACCOUNT = "123456789012";

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
    // The full module writes every argument (restore_backup_arn = var.restore_backup_arn: 6.38.0) and the
    // validations that compare variables (Terraform 1.9.0), whatever the tables use (issue 20).
    assert.deepStrictEqual(await versions([plain()], "module", true), [">= 1.9.0", ">= 6.38.0, < 7.0.0"], "the full module writes every argument");
  });
  it("the lean module of a stack without GSIs writes no GSI blocks, so needs only the 6.x major", async () => {
    assert.deepStrictEqual(await versions([plain()], "module"), [">= 1.3.0", ">= 6.0.0, < 7.0.0"]);
  });
  it("an S3 backend with use_lockfile needs Terraform 1.11 (GA; experimental in 1.10)", async () => {
    assert.deepStrictEqual(await versions([plain(), stateBackend("state", { bucketName: "acme-state-bucket-1" })], "flat")
      .then((v) => v[0]), ">= 1.11.0");
  });
  it("replicas with deletion protection need 6.9.0; warm throughput 6.13.0", async () => {
    const replicated = dynamoTable("replicated", { partitionKey: id, streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1" }] });
    assert.deepStrictEqual(await versions([replicated], "flat"), [">= 1.0.0", ">= 6.9.0, < 7.0.0"]);
    const warm = dynamoTable("warm", { partitionKey: id, warmThroughput: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 } });
    assert.deepStrictEqual(await versions([warm], "flat"), [">= 1.0.0", ">= 6.13.0, < 7.0.0"]);
  });
  it("MRSC with a witness needs 6.22.0; a backup restore 6.38.0", async () => {
    const mrsc = dynamoTable("mrsc", { partitionKey: id, region: "us-east-1", replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-2" } });
    assert.deepStrictEqual(await versions([mrsc], "flat"), [">= 1.0.0", ">= 6.22.0, < 7.0.0"]);
    const restored = dynamoTable("backup", { partitionKey: id, restoreBackupArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/backup/01489602797149-73d8d5bc` });
    assert.deepStrictEqual(await versions([restored], "flat"), [">= 1.0.0", ">= 6.38.0, < 7.0.0"]);
  });
  it("a flat-layout MRSC table with a witness and warm throughput gets the witness's 6.22.0, not the 6.x baseline (issue 20)", async () => {
    const all = dynamoTable("all", { partitionKey: id, region: "us-east-1", replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }],
      globalTableWitness: { regionName: "us-west-2" }, warmThroughput: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 } });
    assert.deepStrictEqual(await versions([all], "flat"), [">= 1.0.0", ">= 6.22.0, < 7.0.0"]);
  });
  it("a variable validation that names another variable needs Terraform 1.9.0; optional() 1.3.0", () => {
    const variable = (condition: hcl.Expr) => [hcl.block("variable", ["a"], [hcl.attr("type", hcl.raw("number")), hcl.block("validation", [], [
      hcl.attr("condition", condition), hcl.attr("error_message", "x.")])])];
    assert.strictEqual(requiredVersions([variable(hcl.binary(hcl.ref("var.a"), ">", 1))]).terraform, "1.0.0");
    assert.strictEqual(requiredVersions([variable(hcl.binary(hcl.ref("var.a"), ">", hcl.ref("var.b")))]).terraform, "1.9.0");
    assert.strictEqual(requiredVersions([[hcl.block("variable", ["o"], [hcl.attr("type", hcl.call("object", hcl.obj({ x: hcl.call("optional", hcl.raw("number"), 1) })))])]]).terraform, "1.3.0");
  });
  it("a path the registry lacks raises the provider floor to the checked schema and is named", () => {
    const r = requiredVersions([[hcl.block("resource", ["aws_dynamodb_table", "t"], [hcl.attr("future_argument", 1)])]]);
    assert.strictEqual(r.provider, "6.66.0");
    assert.deepStrictEqual(r.unknown, ["aws_dynamodb_table.future_argument"]);
  });
});
