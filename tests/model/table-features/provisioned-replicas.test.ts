/**
 * Provisioned global tables: write auto scaling on the table and on every GSI is required before a
 * replica is deployed (DynamoDB rejects it otherwise, hashicorp/terraform-provider-aws#13097).
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { BlueprintValidationError } from "../../../model/errors";
import { TableArgs } from "../../../model/types";

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
});
