/**
 * The article's access patterns against the dev stack's tables as deployLocal creates them: a
 * customer's orders newest first, orders by status through a KEYS_ONLY index, and the Terraform
 * lock protocol (a conditional put that only one writer can win).
 */
import * as assert from "assert";
import {
  ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { LocalDynamo, startLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { deployLocal } from "../../local/deploy";
import { stackBlueprints } from "./helpers";

const ORDERS = "orders-dev";
const LOCKS = "terraform-state-locks-dev";

const order = (orderId: string, createdAt: number, customerId: string, orderStatus: string) => ({
  orderId: { S: orderId }, createdAt: { N: String(createdAt) }, customerId: { S: customerId }, orderStatus: { S: orderStatus }, total: { N: "42" },
});

describe("the article's access patterns on the local dev tables", function () {
  this.timeout(10_000);
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  before(async () => {
    dynamo = await startLocalDynamo();
    client = localDynamoClient(dynamo.endpoint);
    const report = await deployLocal(stackBlueprints("dev"), { endpoint: dynamo.endpoint });
    assert.ok(report.tables.every((t) => t.action === "created"));
    for (const item of [
      order("o-1", 1_700_000_100, "c-1", "SHIPPED"),
      order("o-2", 1_700_000_300, "c-1", "PENDING"),
      order("o-3", 1_700_000_200, "c-1", "PENDING"),
      order("o-4", 1_700_000_400, "c-2", "PENDING"),
    ]) await client.send(new PutItemCommand({ TableName: ORDERS, Item: item }));
  });
  after(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  it("queries a customer's orders newest first on CustomerOrdersIndex", async () => {
    const result = await client.send(new QueryCommand({
      TableName: ORDERS, IndexName: "CustomerOrdersIndex", KeyConditionExpression: "customerId = :c",
      ExpressionAttributeValues: { ":c": { S: "c-1" } }, ScanIndexForward: false,
    }));
    assert.deepStrictEqual(result.Items?.map((i) => i.orderId.S), ["o-2", "o-3", "o-1"]);
    assert.strictEqual(result.Items?.[0].total?.N, "42", "projection ALL returns every attribute");
  });

  it("queries by status on StatusIndex, which projects keys only", async () => {
    const result = await client.send(new QueryCommand({
      TableName: ORDERS, IndexName: "StatusIndex", KeyConditionExpression: "orderStatus = :s AND createdAt > :t",
      ExpressionAttributeValues: { ":s": { S: "PENDING" }, ":t": { N: "1700000250" } },
    }));
    assert.deepStrictEqual(result.Items?.map((i) => i.orderId.S), ["o-2", "o-4"]);
    assert.deepStrictEqual(Object.keys(result.Items![0]).sort(), ["createdAt", "orderId", "orderStatus"], "KEYS_ONLY: no total, no customerId");
  });

  it("takes a Terraform state lock once: a second acquirer gets ConditionalCheckFailedException", async () => {
    // Terraform's S3 backend writes the lock item with this condition (LockID = "<bucket>/<key>").
    const lockId = "example-company-terraform-state-dev/dev/infrastructure.tfstate";
    const acquire = (who: string) => client.send(new PutItemCommand({
      TableName: LOCKS, ConditionExpression: "attribute_not_exists(LockID)",
      Item: { LockID: { S: lockId }, Info: { S: JSON.stringify({ ID: who, Operation: "OperationTypeApply", Who: who }) } },
    }));
    await acquire("alice@laptop");
    await assert.rejects(acquire("bob@ci"), (error: Error) => {
      assert.ok(error instanceof ConditionalCheckFailedException, `got ${error.name}: ${error.message}`);
      return true;
    });
    // Unlock deletes the item; then the next writer wins.
    await client.send(new DeleteItemCommand({ TableName: LOCKS, Key: { LockID: { S: lockId } } }));
    await acquire("bob@ci");
  });
});
