/**
 * Alarms per GSI: with monitoring on, each global secondary index gets read/write throttle alarms and
 * read/write consumed-capacity alarms, all with the GlobalSecondaryIndexName dimension; Pulumi registers
 * them (mocks) and `check`'s monitoring item counts them for the index. The flat-layout equivalence of
 * every alarm is proven by tests/terraform/equivalence.test.ts on the prod stack, whose tables have GSIs.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { planTable } from "../../../model/plan-table";
import { runChecklist } from "../../../project/checklist";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { DynamoTable } from "../../../components";
import { toTerraform } from "../../../terraform/to-terraform";
import { providerProblems } from "../../helpers/provider-check";

const base: TableArgs = {
  tableName: "orders", partitionKey: { name: "id", type: "S" }, monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:ops" },
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
};
const alarmsOf = (args: Partial<TableArgs>) => planTable(dynamoTable("orders", { ...base, ...args } as TableArgs).table)
  .filter((r) => r.type === "aws_cloudwatch_metric_alarm" && r.name.includes("byCustomer"));

describe("model: alarms per GSI", () => {
  it("plans throttle and capacity alarms per GSI, with TableName and GlobalSecondaryIndexName", () => {
    const alarms = alarmsOf({});
    assert.deepStrictEqual(alarms.map((a) => [a.name, a.args.name]), [
      ["orders-byCustomer-read-throttles", "orders-byCustomer-read-throttles"],
      ["orders-byCustomer-write-throttles", "orders-byCustomer-write-throttles"],
      ["orders-byCustomer-read-capacity", "orders-byCustomer-read-capacity"],
      ["orders-byCustomer-write-capacity", "orders-byCustomer-write-capacity"],
    ]);
    const dims = { TableName: { $ref: "orders", attribute: "name" }, GlobalSecondaryIndexName: "byCustomer" };
    assert.deepStrictEqual([alarms[0].args.metricName, alarms[0].args.dimensions], ["ReadThrottleEvents", dims]);
    const queries = alarms[3].args.metricQueries as Record<string, any>[];
    assert.deepStrictEqual(queries.map((q) => q.expression ?? `${q.metric.metricName} ${JSON.stringify(q.metric.dimensions)}`), [
      "100 * (consumed / 60) / 40000", `ConsumedWriteCapacityUnits ${JSON.stringify(dims)}`,
    ]);
    assert.deepStrictEqual(alarmsOf({ monitoring: undefined }), [], "no monitoring, no alarms");
  });

  it("provisioned: capacity is measured against the index's provisioned capacity; on demand against the table's cap", () => {
    const provisioned = alarmsOf({ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
      globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" }, readCapacity: 2, writeCapacity: 2 }] });
    const q = provisioned[2].args.metricQueries as Record<string, any>[];
    assert.deepStrictEqual(q.map((x) => x.id), ["utilization", "consumed", "provisioned"]);
    assert.strictEqual(q[0].expression, "100 * (consumed / 60) / provisioned");
    assert.strictEqual(q[2].metric.metricName, "ProvisionedReadCapacityUnits");
    const capped = alarmsOf({ onDemandThroughput: { maxReadRequestUnits: 900 } });
    assert.strictEqual((capped[2].args.metricQueries as Record<string, any>[])[0].expression, "100 * (consumed / 60) / 900");
  });

  it("on demand: an index's own cap wins over the table's, per dimension", () => {
    const indexCapped = alarmsOf({ onDemandThroughput: { maxReadRequestUnits: 900, maxWriteRequestUnits: 800 },
      globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" }, onDemandThroughput: { maxReadRequestUnits: 300 } }] });
    const expr = (a: (typeof indexCapped)[number]) => (a.args.metricQueries as Record<string, any>[])[0].expression;
    assert.strictEqual(expr(indexCapped[2]), "100 * (consumed / 60) / 300", "read: the index's cap");
    assert.strictEqual(expr(indexCapped[3]), "100 * (consumed / 60) / 800", "write: no index cap, the table's");
    assert.match(String(indexCapped[2].args.alarmDescription), /own on-demand cap of 300 read/);
    assert.match(String(indexCapped[3].args.alarmDescription), /table's on-demand cap of 800 write/);
    const onlyIndex = alarmsOf({ globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" }, onDemandThroughput: { maxWriteRequestUnits: 50 } }] });
    assert.strictEqual(expr(onlyIndex[3]), "100 * (consumed / 60) / 50");
    assert.strictEqual(expr(onlyIndex[2]), "100 * (consumed / 60) / 40000", "read: neither capped, the default quota");
  });

  it("Pulumi registers them; check counts them for the index; the HCL passes the provider schema", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", base));
    assertMocksActive(run);
    const registered = run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.inputs.dimensions?.GlobalSecondaryIndexName === "byCustomer");
    assert.strictEqual(registered.length, 2, "the two throttle alarms carry the dimension at the top level");
    const item = runChecklist({ stack: "dev", config: { protect: false, environment: "dev" }, resources: run.resources, blueprints: [] } as never).items.find((i) => i.id === "monitoring")!;
    assert.strictEqual(item.status, "PASS");
    assert.ok(item.details.some((d) => d.startsWith("PASS orders index byCustomer: alarms on ConsumedReadCapacityUnits")), item.details.join("\n"));
    for (const layout of ["flat", "module"] as const) {
      assert.deepStrictEqual(await providerProblems(await toTerraform([dynamoTable("orders", base)], { layout })), [], layout);
    }
  });
});
