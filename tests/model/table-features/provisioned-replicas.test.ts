/**
 * Provisioned global tables: write auto scaling on the table and on every GSI is required before a
 * replica is deployed (DynamoDB rejects it otherwise, hashicorp/terraform-provider-aws#13097).
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { BlueprintValidationError } from "../../../model/errors";
import { TableArgs } from "../../../model/types";
import { planTable } from "../../../model/plan-table";
import { notEmulated } from "../../../local/create-table-input";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { DynamoTable } from "../../../components";

const base: TableArgs = {
  tableName: "global", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
  streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1" }],
  globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 2, writeCapacity: 2 }],
};

describe("model: provisioned global tables", () => {
  it("refuses replicas of a PROVISIONED table without write auto scaling on the table and each GSI, naming both and the fix", () => {
    let error: unknown;
    try { dynamoTable("global", base); } catch (e) { error = e; }
    assert.ok(error instanceof BlueprintValidationError, String(error));
    assert.deepStrictEqual(error.problems.map((p) => [p.where, p.fix]), [
      [`DynamoTable "global".autoscaling.write`, `add autoscaling: { write: { min: 5, max: ... } }, or use billingMode "PAY_PER_REQUEST"`],
      [`DynamoTable "global".globalSecondaryIndexes[0] ("byOwner").autoscaling.write`, `add autoscaling: { write: { min: 2, max: ... } } to the index, or use billingMode "PAY_PER_REQUEST"`],
    ]);
    assert.match(error.problems[0].message, /Table write capacity should either be Pay-Per-Request or AutoScaled/);
  });

  it("accepts write auto scaling everywhere, on-demand replicas, and provisioned tables without replicas", () => {
    const scaled = { write: { min: 5, max: 50 } };
    assert.doesNotThrow(() => dynamoTable("global", { ...base, autoscaling: scaled,
      globalSecondaryIndexes: [{ ...base.globalSecondaryIndexes![0], writeCapacity: 5, autoscaling: scaled }] }));
    assert.doesNotThrow(() => dynamoTable("global", { ...base, billingMode: "PAY_PER_REQUEST", readCapacity: undefined, writeCapacity: undefined,
      globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" } }] }));
    assert.doesNotThrow(() => dynamoTable("global", { ...base, replicas: [] }));
  });

  const scaled: TableArgs = { ...base, autoscaling: { write: { min: 5, max: 50 }, read: { min: 5, max: 20 } }, replicas: [{ region: "eu-west-1" }, { region: "ap-southeast-2" }],
    globalSecondaryIndexes: [{ ...base.globalSecondaryIndexes![0], writeCapacity: 5, autoscaling: { write: { min: 5, max: 50 } } }] };

  it("plans the table's and each GSI's scaling targets and policies again in every replica region, with `region`", () => {
    const replicaPairs = planTable(dynamoTable("global", scaled).table).filter((r) => r.role.startsWith("replicaScaling"));
    assert.deepStrictEqual(replicaPairs.map((r) => [r.type, r.name, r.args.region]), ["eu-west-1", "ap-southeast-2"].flatMap((region) => [
      ["read", undefined], ["write", undefined], ["write", "byOwner"],
    ].flatMap(([d, i]) => [
      ["aws_appautoscaling_target", `global-${region}-${i ? `${i}-` : ""}${d}-target`, region],
      ["aws_appautoscaling_policy", `global-${region}-${i ? `${i}-` : ""}${d}-policy`, region],
    ])));
    assert.deepStrictEqual(replicaPairs[4].args.resourceId, { $concat: ["table/", { $ref: "global", attribute: "name" }, "/index/byOwner"] });
    const onDemand = planTable(dynamoTable("global", { tableName: "global", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1" }] }).table);
    assert.deepStrictEqual(onDemand.filter((r) => r.role.startsWith("replicaScaling")), []);
    assert.ok(notEmulated(dynamoTable("global", scaled).table).includes("replica eu-west-1: auto scaling of 3 capacities there: no replicas and no Application Auto Scaling locally"));
  });

  it("Pulumi registers the replica regions' targets with their region (mocks)", async () => {
    const run = await runUnderMocks(() => new DynamoTable("global", scaled));
    assertMocksActive(run);
    const targets = run.resources.filter((r) => r.type === "aws:appautoscaling/target:Target");
    assert.deepStrictEqual(targets.map((t) => t.inputs.region ?? "(table's region)").sort(), [
      "(table's region)", "(table's region)", "(table's region)", "ap-southeast-2", "ap-southeast-2", "ap-southeast-2", "eu-west-1", "eu-west-1", "eu-west-1",
    ]);
  });
});
