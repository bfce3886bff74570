/**
 * deployLocal is idempotent (in memory on one server, and across restarts on a LevelDB directory),
 * applies what a deployment changes in place (tags, billing, capacity, GSIs) keeping the items, refuses a
 * replacement (key, LSI) unless told to recreate the table, and says what a real deployment would do.
 */
import * as assert from "assert";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { withLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { compareTable, deployLocal } from "../../local/deploy";
import { createTableInput } from "../../local/create-table-input";
import { OrdersTableArgs, dynamoTable, ordersTable } from "../../model/blueprints";
import { loadStack } from "../../cli/stack-file";
import { REPO, removeDir, stackBlueprints, tempDir } from "./helpers";

const ITEM = { TableName: "orders-dev", Item: { orderId: { S: "o-1" }, createdAt: { N: "1" } } };
const KEY = { TableName: "orders-dev", Key: { orderId: { S: "o-1" }, createdAt: { N: "1" } } };

/** The dev stack's orders table with some args changed, so the only differences are the intended ones. */
function devOrders(changes: Partial<OrdersTableArgs>) {
  const declaration = loadStack(REPO, "dev").declarations.find((d) => d.kind === "OrdersTable")!;
  return [ordersTable(declaration.name, { ...(declaration.args as OrdersTableArgs), ...changes }, declaration.options)];
}

/** Runs `fn` with a client for the server; always destroys the client. */
async function withClient<R>(endpoint: string, fn: (client: DynamoDBClient) => Promise<R>): Promise<R> {
  const client = localDynamoClient(endpoint);
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

describe("deployLocal", function () {
  this.timeout(10_000);
  const dev = stackBlueprints("dev");
  let dir: string | undefined;
  afterEach(() => removeDir(dir));

  it("creates every table once; a second run on the same server reports unchanged and keeps the items", async () => {
    await withLocalDynamo({}, async ({ endpoint }) => {
      const first = await deployLocal(dev, { endpoint });
      assert.deepStrictEqual(first.tables.map((t) => [t.table, t.action]), [
        ["terraform-state-locks-dev", "created"], ["orders-dev", "created"], ["high-traffic-dev", "created"], ["production-data-dev", "created"],
      ]);
      assert.deepStrictEqual(first.otherTables, []);
      await withClient(endpoint, (c) => c.send(new PutItemCommand(ITEM)));
      const second = await deployLocal(dev, { endpoint });
      assert.deepStrictEqual(second.tables.map((t) => [t.action, t.differences]), first.tables.map(() => ["unchanged", []]));
      assert.deepStrictEqual(second.tables.map((t) => t.notEmulated), first.tables.map((t) => t.notEmulated));
      await withClient(endpoint, async (c) => assert.ok((await c.send(new GetItemCommand(KEY))).Item, "the item survived"));
    });
  });

  it("is a no-op on a persisted data directory after a restart", async () => {
    dir = tempDir("deploy");
    await withLocalDynamo({ dataDir: dir }, async ({ endpoint }) => {
      assert.ok((await deployLocal(dev, { endpoint })).tables.every((t) => t.action === "created"));
      await withClient(endpoint, (c) => c.send(new PutItemCommand(ITEM)));
    });
    await withLocalDynamo({ dataDir: dir }, async ({ endpoint }) => {
      const again = await deployLocal(dev, { endpoint });
      assert.deepStrictEqual(again.tables.map((t) => t.action), ["unchanged", "unchanged", "unchanged", "unchanged"]);
      await withClient(endpoint, async (c) => assert.ok((await c.send(new GetItemCommand(KEY))).Item, "the item was persisted"));
    });
  });

  it("refuses a changed key without recreate, and deletes and recreates the table with it", async () => {
    const rekeyed = devOrders({ partitionKey: { name: "orderKey", type: "S" } });
    await withLocalDynamo({}, async ({ endpoint }) => {
      await deployLocal(dev, { endpoint });
      await withClient(endpoint, (c) => c.send(new PutItemCommand(ITEM)));

      const refused = await deployLocal(rekeyed, { endpoint });
      assert.strictEqual(refused.tables[0].action, "refused");
      assert.deepStrictEqual(refused.tables[0].differences, [{
        setting: "key schema", expected: "orderKey S HASH, createdAt N RANGE", found: "orderId S HASH, createdAt N RANGE", onAws: "replacement",
      }]);
      // The other dev tables are not in this list: reported, never deleted.
      assert.deepStrictEqual(refused.otherTables, ["high-traffic-dev", "production-data-dev", "terraform-state-locks-dev"]);
      await withClient(endpoint, async (c) => assert.ok((await c.send(new GetItemCommand(KEY))).Item, "refused means untouched"));

      const recreated = await deployLocal(rekeyed, { endpoint, recreate: true });
      assert.strictEqual(recreated.tables[0].action, "recreated");
      await withClient(endpoint, async (c) => {
        const table = (await c.send(new DescribeTableCommand({ TableName: "orders-dev" }))).Table!;
        assert.deepStrictEqual(table.KeySchema?.map((k) => k.AttributeName), ["orderKey", "createdAt"]);
        assert.strictEqual(table.ItemCount, 0, "recreate is destructive: the items are gone");
      });
      assert.strictEqual((await deployLocal(rekeyed, { endpoint, recreate: true })).tables[0].action, "unchanged");
    });
  });

  it("applies billing, capacity and tag changes in place (as on AWS), keeping the items; the next run is unchanged", async () => {
    const base = { tableName: "plain-dev", partitionKey: { name: "id", type: "S" as const }, tags: { Owner: "me" } };
    const original = [dynamoTable("plain", base)];
    const changed = [dynamoTable("plain", { ...base, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, tags: { Owner: "someone-else" } })];
    const item = { TableName: "plain-dev", Item: { id: { S: "i-1" } } };
    await withLocalDynamo({}, async ({ endpoint }) => {
      await deployLocal(original, { endpoint });
      await withClient(endpoint, (c) => c.send(new PutItemCommand(item)));
      const [report] = (await deployLocal(changed, { endpoint })).tables;
      assert.strictEqual(report.action, "updated", JSON.stringify(report.differences));
      assert.deepStrictEqual(report.differences.map((d) => d.setting), ["billing mode", "tags"]);
      await withClient(endpoint, async (c) => {
        assert.ok((await c.send(new GetItemCommand({ TableName: "plain-dev", Key: item.Item }))).Item, "an in-place update keeps the items");
        const table = (await c.send(new DescribeTableCommand({ TableName: "plain-dev" }))).Table!;
        assert.deepStrictEqual([table.BillingModeSummary?.BillingMode ?? "PROVISIONED", table.ProvisionedThroughput?.ReadCapacityUnits], ["PROVISIONED", 5]);
      });
      const again = (await deployLocal(changed, { endpoint })).tables[0];
      assert.strictEqual(again.action, "unchanged", JSON.stringify(again.differences));
      const back = (await deployLocal(original, { endpoint })).tables[0];
      assert.strictEqual(back.action, "updated", "and back to on-demand with the original tags");
      assert.strictEqual((await deployLocal(original, { endpoint })).tables[0].action, "unchanged");
    });
  });

  it("a GSI change (in place on AWS, ignored by dynalite's UpdateTable) is applied by a rebuild that keeps the items", async () => {
    const changed = devOrders({
      billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, tags: { Owner: "someone-else" },
      globalSecondaryIndexes: [{
        name: "CustomerOrdersIndex", partitionKey: { name: "customerId", type: "S" }, sortKey: { name: "createdAt", type: "N" },
        projectionType: "ALL", readCapacity: 5, writeCapacity: 5,
      }],
    });
    await withLocalDynamo({}, async ({ endpoint }) => {
      await deployLocal(stackBlueprints("dev"), { endpoint });
      await withClient(endpoint, (c) => c.send(new PutItemCommand(ITEM)));
      const deployed = await deployLocal(changed, { endpoint });
      const [first] = deployed.tables;
      assert.strictEqual(first.action, "updated", JSON.stringify(first));
      assert.strictEqual(first.note, "rebuilt locally with its 1 item: dynalite cannot add or delete a GSI in place (DynamoDB does, with UpdateTable)");
      assert.ok(!deployed.otherTables.some((t) => t.includes("rebuild")), "the holding table is gone");
      await withClient(endpoint, async (c) => {
        assert.ok((await c.send(new GetItemCommand(KEY))).Item, "the items survived the rebuild");
        const table = (await c.send(new DescribeTableCommand({ TableName: "orders-dev" }))).Table!;
        assert.deepStrictEqual(table.GlobalSecondaryIndexes?.map((g) => g.IndexName), ["CustomerOrdersIndex"]);
        assert.strictEqual(table.BillingModeSummary?.BillingMode ?? "PROVISIONED", "PROVISIONED");
      });
      assert.strictEqual((await deployLocal(changed, { endpoint })).tables[0].action, "unchanged");
      // A holding table left by an interrupted rebuild is never overwritten: the rebuild stops before deleting anything.
      await withClient(endpoint, (c) => c.send(new CreateTableCommand({
        TableName: "orders-dev.gsi-rebuild", BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
      })));
      await assert.rejects(deployLocal(devOrders({}), { endpoint }), /orders-dev\.gsi-rebuild holds the items of an interrupted GSI rebuild of orders-dev/);
      await withClient(endpoint, async (c) => assert.ok((await c.send(new GetItemCommand(KEY))).Item, "still there"));
      // The classification of every difference, as computed before anything was applied:
      const report = { differences: compareTable(createTableInput(changed[0].table), {
        ...createTableInput((stackBlueprints("dev").find((b) => b.name === "orders") as never as { table: never }).table), billing: "PAY_PER_REQUEST",
        tags: ["Environment=dev", "ManagedBy=dynamodb-blueprints", "Owner=platform-team", "Purpose=order-management"],
      }) };
      assert.deepStrictEqual(report.differences.map((d) => [d.setting, d.onAws]), [
        ["global secondary index StatusIndex", "in-place update"],
        ["billing mode", "in-place update"],
        ["tags", "in-place update"],
      ]);
      assert.strictEqual(report.differences[0].expected, "absent");
      assert.deepStrictEqual([report.differences[1].expected, report.differences[1].found], ["PROVISIONED", "PAY_PER_REQUEST"]);
      assert.strictEqual(report.differences[2].expected, "Environment=dev, Owner=someone-else, Purpose=order-management");
    });
  });

  it("classes an LSI change as a replacement, and reports definitions no key difference explains", () => {
    const base = { tableName: "t-lsi", partitionKey: { name: "pk", type: "S" as const }, sortKey: { name: "sk", type: "N" as const } };
    const withLsi = createTableInput(dynamoTable("t", { ...base, localSecondaryIndexes: [{ name: "ByX", sortKey: { name: "x", type: "S" } }] }).table);
    const plain = createTableInput(dynamoTable("t", base).table);
    const found = { ...plain, billing: "PAY_PER_REQUEST", tags: [] };
    assert.deepStrictEqual(compareTable(withLsi, found), [
      { setting: "local secondary index ByX", expected: "keys pk S HASH, x S RANGE; projection ALL", found: "absent", onAws: "replacement" },
    ]);
    // Same keys, but the description has a definition no key uses (only a hand-made table can have one).
    const odd = { ...found, AttributeDefinitions: [...plain.AttributeDefinitions!, { AttributeName: "extra", AttributeType: "B" as const }] };
    assert.deepStrictEqual(compareTable(plain, odd).map((d) => [d.setting, d.found, d.onAws]), [
      ["attribute definitions", "extra B, pk S, sk N", "replacement"],
    ]);
  });
});
