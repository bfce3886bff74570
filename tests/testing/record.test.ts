/**
 * The public testing module (`dynamodb-blueprints/testing`): resource options that mocks never see
 * (protect, retainOnDelete, ignoreChanges, import) and parents are recorded, with the default mocks
 * or alongside the user's own `setMocks`; components expose their children as typed properties.
 */
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import { assertMocksActive, findResource, record, resourcesOfType, runProgram } from "../../testing";
import { DynamoTable, ProductionTable } from "../../components";

const TABLE = "aws:dynamodb/table:Table";

describe("dynamodb-blueprints/testing", () => {
  it("records protect, retainOnDelete, ignoreChanges, import and the parent of each resource", async () => {
    const run = await record(() => {
      new ProductionTable("ledger", { partitionKey: { name: "id", type: "S" } });
      new DynamoTable("hot", {
        tableName: "hot", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", importFrom: "hot",
        autoscaling: { read: { min: 1, max: 5 }, write: { min: 1, max: 5 } },
      });
    });
    assertMocksActive(run);
    const ledger = findResource(run, TABLE, "ledger");
    assert.deepStrictEqual([ledger.protect, ledger.retainOnDelete], [true, true]);
    assert.deepStrictEqual(ledger.parent, { type: "dynamodb-blueprints:index:ProductionTable", name: "ledger" });
    const hot = findResource(run, TABLE, "hot");
    assert.deepStrictEqual(hot.ignoreChanges, ["readCapacity", "writeCapacity"]);
    assert.strictEqual(hot.protect, false);
    assert.strictEqual(hot.importId, "hot");
    assert.strictEqual(resourcesOfType(run, "aws:appautoscaling/target:Target").length, 2);
    assert.throws(() => findResource(run, TABLE, "nope"), /expected one aws:dynamodb\/table:Table named "nope", found 0 \(there are: /);
  });

  it("reuses the user's own setMocks: their newResource answers, our recording of the options", async () => {
    const seen: string[] = [];
    await pulumi.runtime.setMocks({
      newResource: (a) => { seen.push(a.name); return { id: `${a.name}-own`, state: { ...a.inputs, name: a.inputs.name ?? a.name, arn: "arn:own" } }; },
      call: () => ({}),
    }, "mine", "unit", true);
    const run = await record(() => new dynamodb.Table("raw", { attributes: [{ name: "id", type: "S" }], hashKey: "id" }, { protect: true, import: "raw-table" }));
    assertMocksActive(run);
    assert.deepStrictEqual(seen, ["raw"], "the user's mocks served the registration");
    const raw = findResource(run, TABLE, "raw");
    assert.deepStrictEqual([raw.protect, raw.importId, raw.id, raw.outputs?.arn], [true, "raw-table", "raw-own", "arn:own"]);
    assert.strictEqual(raw.inputs.hashKey, "id");
  });

  it("components expose table, key, scaling targets/policies and alarms as typed child properties", async () => {
    let table!: DynamoTable;
    const run = await record(() => {
      table = new DynamoTable("orders", {
        partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", encryption: "CUSTOMER_MANAGED", monitoring: {},
        autoscaling: { read: { min: 1, max: 5 }, write: { min: 1, max: 5 } },
      });
    });
    assertMocksActive(run);
    const urn = (r: pulumi.Resource) => new Promise<string>((resolve) => r.urn.apply(resolve));
    assert.strictEqual(await urn(table.table), findResource(run, TABLE, "orders").urn);
    assert.strictEqual(await urn(table.key!), findResource(run, "aws:kms/key:Key", "orders-key").urn);
    assert.strictEqual(table.scalingTargets.length, 2);
    assert.strictEqual(table.scalingPolicies.length, 2);
    const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.urn).sort();
    assert.ok(alarms.length > 0);
    assert.deepStrictEqual((await Promise.all(table.alarms.map(urn))).sort(), alarms);
  });

  it("runProgram runs a project's program for a stack (here the repository's own index.ts)", async () => {
    const run = await runProgram(path.resolve(__dirname, "..", ".."), { stack: "prod", reuseMocks: false });
    assertMocksActive(run);
    assert.strictEqual(run.project, "dynamodb-blueprints");
    assert.deepStrictEqual(run.components.map((c) => c.name), ["state", "orders", "high-traffic", "production-data"]);
    assert.ok(findResource(run, TABLE, "production-data").protect);
    assert.deepStrictEqual(run.rawTables, []);
  });
});
