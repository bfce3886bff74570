/**
 * AWS's combination rules of issue 20, each refused before anything is registered or written, with
 * the AWS page in the message: multi-Region strong consistency only from an empty table (no S3
 * import, restore or adopted table); MRSC needs no stream while eventual replicas need
 * NEW_AND_OLD_IMAGES; a per-GSI (or table) on-demand cap is removed with AWS's -1, in both renderers.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { bothLayouts } from "../helpers/table-layouts";
import { parseHcl } from "../hcl/tools";

const ACCOUNT = "123456789012";
const mrsc: DynamoTableArgs = {
  tableName: "ledger", partitionKey: { name: "id", type: "S" }, region: "us-east-1",
  replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-2" },
};

async function refusedEverywhere(args: DynamoTableArgs, message: RegExp): Promise<void> {
  const refused = (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message);
  let registered = 0;
  await assert.rejects(runUnderMocks(() => { registered++; return new DynamoTable("ledger", args); }), refused);
  assert.strictEqual(registered, 1);
  for (const layout of ["flat", "module"] as const) await assert.rejects(async () => { await toTerraform([dynamoTable("ledger", args)], { layout }); }, refused);
}

describe("AWS combination rules", () => {
  const EMPTY = /multi-Region strong consistency needs an empty table.*example_dynamodb_Scenario_MRSCGlobalTables_section\.html/;
  const sources: [string, Partial<DynamoTableArgs>, RegExp][] = [
    ["an S3 import", { importTable: { bucket: "acme-exports", inputFormat: "DYNAMODB_JSON" } }, /ledger"\.importTable: cannot be combined with/],
    ["a backup restore", { restoreBackupArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/backup/01489602797149-73d8d5bc` }, /restoreBackupArn: cannot be combined with/],
    ["a point-in-time restore", { restoreSourceName: "orders", restoreToLatestTime: true }, /restoreSourceName: cannot be combined with/],
    ["an adopted table", { importFrom: "ledger" }, /importFrom: cannot be combined with STRONG replicas/],
  ];
  for (const [what, extra, where] of sources) {
    it(`MRSC with ${what} is refused before anything is registered or written (AWS creates MRSC only from an empty table)`, async () => {
      await refusedEverywhere({ ...mrsc, ...extra }, new RegExp(`${where.source}.*${EMPTY.source}`));
    });
  }
  it("the same sources with eventual replicas stay accepted", () => {
    assert.doesNotThrow(() => dynamoTable("ledger", { ...mrsc, replicas: [{ region: "us-east-2" }], globalTableWitness: undefined, streamViewType: "NEW_AND_OLD_IMAGES", importFrom: "ledger" }));
  });

  it("MRSC needs no stream (AWS: streams are not required for MRSC); eventual replicas still need NEW_AND_OLD_IMAGES", async () => {
    const run = await runUnderMocks(() => new DynamoTable("ledger", mrsc));
    assertMocksActive(run);
    assert.strictEqual(byName(run, "ledger", "aws:dynamodb/table:Table").inputs.streamEnabled, undefined);
    await refusedEverywhere({ ...mrsc, replicas: [{ region: "eu-west-1" }], globalTableWitness: undefined },
      /streamViewType: must be NEW_AND_OLD_IMAGES for global-table replicas with eventual consistency.*globaltable-streamspecification\.html/);
  });

  it("a GSI's on-demand cap is removed with -1 (AWS's 'no limit'), written as -1 by both renderers", async () => {
    const args: DynamoTableArgs = { tableName: "capped", partitionKey: { name: "id", type: "S" },
      globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, onDemandThroughput: { maxReadRequestUnits: -1, maxWriteRequestUnits: 50 } }],
      onDemandThroughput: { maxWriteRequestUnits: -1 }, monitoring: { alarmTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:ops` } };
    const run = await runUnderMocks(() => new DynamoTable("capped", args));
    assertMocksActive(run);
    const table = byName(run, "capped", "aws:dynamodb/table:Table").inputs;
    assert.deepStrictEqual(table.globalSecondaryIndexes[0].onDemandThroughput, { maxReadRequestUnits: -1, maxWriteRequestUnits: 50 });
    assert.deepStrictEqual(table.onDemandThroughput, { maxWriteRequestUnits: -1 });
    const { flat, module, validations } = await bothLayouts("capped", args);
    assert.deepStrictEqual(flat.global_secondary_index[0].on_demand_throughput, [{ max_read_request_units: -1, max_write_request_units: 50 }]);
    assert.deepStrictEqual(module.global_secondary_index[0].on_demand_throughput, [{ max_read_request_units: -1, max_write_request_units: 50 }]);
    assert.deepStrictEqual(flat.on_demand_throughput, [{ max_write_request_units: -1 }]);
    // The module's own validation accepts -1 and still refuses 0 (the model refuses the same).
    assert.ok((await validations("global_secondary_indexes")).every((ok: unknown) => ok === true));
    assert.ok((await validations("global_secondary_indexes", { global_secondary_indexes: [{ name: "byOwner", hash_key: "owner", projection_type: "ALL", on_demand_throughput: { max_read_request_units: 0 } }] })).includes(false));
    // An uncapped dimension's alarm measures against the quota, not against -1.
    const alarm = byName(run, "capped-byOwner-read-capacity").inputs;
    assert.doesNotMatch(JSON.stringify(alarm), /\/ -1/);
    await refusedEverywhere({ ...args, globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, onDemandThroughput: { maxReadRequestUnits: 0 } }] },
      /onDemandThroughput\.maxReadRequestUnits: .*Fix: use a cap of at least 1 request unit, or -1 to remove a cap/);
    const text = (await toTerraform([dynamoTable("capped", args)], { layout: "flat" }))["capped.tf"];
    assert.ok((await parseHcl(text)).resource);
  });
});
