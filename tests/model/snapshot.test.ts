/**
 * model/snapshot.ts: every string of the args (keys included) is text both tools carry the same, or it
 * is refused before anything is registered. HashiCorp's parser (the oracle) shows why: it normalises
 * a string to NFC and recomposes a supplementary-plane character with a following mark, while Pulumi
 * sends the string as it is. Free-text fields no other rule restricts are the ones at risk.
 */
import * as assert from "assert";
import { parseHcl } from "../hcl/tools";
import { dynamoTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { BlueprintValidationError } from "../../model/errors";
import { DynamoTable } from "../../components";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";

const DECOMPOSED = "e\u0301";
const ASTRAL_MARK = "\u{100C2}\u0301";
const id = { name: "id", type: "S" } as const;
const csvImport = (keyPrefix: string, header = "total") => ({ importTable: { bucket: "acme-exports", keyPrefix, inputFormat: "CSV" as const, csvHeaders: ["id", header] } });

/** [where, message start] of each problem, or a failure when the builder accepted the args. */
function refused(build: () => unknown): [string, string][] {
  try { build(); } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, String(e));
    return e.problems.map((p) => [p.where, p.message.split(":")[0]]);
  }
  return assert.fail("expected a validation error");
}

describe("model/snapshot: text Terraform would read differently from Pulumi", () => {
  it("HashiCorp's parser changes such text (the reason for the rule)", async () => {
    const parsed = (await parseHcl(`a = "${DECOMPOSED}"\nb = "${ASTRAL_MARK}"\n`)) as Record<string, string>;
    assert.strictEqual(parsed.a, "\u00e9");
    assert.notStrictEqual(parsed.b, ASTRAL_MARK);
    assert.strictEqual(((await parseHcl(`c = "\u{1F3F3}\uFE0F"\n`)) as Record<string, string>).c, "\u{1F3F3}\uFE0F", "a variation selector is kept");
  });

  it("free-text fields of every builder are refused, naming the field", () => {
    assert.deepStrictEqual(refused(() => dynamoTable("t", { tableName: "t-tbl", partitionKey: id, ...csvImport(`x/${DECOMPOSED}/`, ASTRAL_MARK) })), [
      [`DynamoTable "t".importTable.keyPrefix`, "is not in Unicode normal form C"],
      [`DynamoTable "t".importTable.csvHeaders[1]`, "has a combining mark after a supplementary-plane character, which Terraform's HCL parser recomposes"],
    ]);
    assert.deepStrictEqual(refused(() => stateBackend("s", { bucketName: "acme-state-bucket", stateKey: `env/${DECOMPOSED}.tfstate` })),
      [[`TerraformStateBackend "s".stateKey`, "is not in Unicode normal form C"]]);
    assert.deepStrictEqual(refused(() => dynamoTable("t", { tableName: "t-tbl", partitionKey: id, tags: { [`k${DECOMPOSED}`]: "v", lone: "\ud800" } })), [
      [`DynamoTable "t".tags["k${DECOMPOSED}"]`, "is not in Unicode normal form C"],
      [`DynamoTable "t".tags.lone`, "contains a lone UTF-16 surrogate, which no file or API can carry"],
    ]);
    // An emoji with its variation selector (a mark that composes with nothing) reads back unchanged: accepted.
    assert.doesNotThrow(() => dynamoTable("t", { tableName: "t-tbl", partitionKey: id, tags: { flag: "\u{1F3F3}\uFE0F" } }));
    // The NFC form of the same text is accepted.
    assert.doesNotThrow(() => dynamoTable("t", { tableName: "t-tbl", partitionKey: id, ...csvImport(`x/${DECOMPOSED.normalize("NFC")}/`) }));
  });

  it("the component refuses before registering anything", async () => {
    const run = await runUnderMocks(() => {
      assert.throws(() => new DynamoTable("t", { tableName: "t-tbl", partitionKey: id, ...csvImport(`x/${DECOMPOSED}/`) }), /importTable\.keyPrefix: is not in Unicode normal form C/);
    });
    assert.strictEqual(run.monitor, "MockMonitor");
    assert.deepStrictEqual([run.resources.length, run.newResourceCalls], [0, 0]);
  });
});
