/**
 * `local`'s GSI rebuild survives being stopped at any step (local/rebuild-journal.ts): a run stopped
 * after each step (an injected failure, which leaves the server exactly as a kill there would) is
 * followed by a normal run, which finishes or rolls the rebuild back before anything else, says so,
 * and ends with every item present and the stack's index in place. The expectations come from the
 * step order, not from the code: before the journal records the full copy, the table is untouched
 * (roll back); from then on the holding table is the items' copy (finish).
 */
import * as assert from "assert";
import { DescribeTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { withLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { deployLocal } from "../../local/deploy";
import { REBUILD_STEPS, RebuildStep } from "../../local/rebuild-journal";
import { OrdersTableArgs, ordersTable } from "../../model/blueprints";
import { loadStack } from "../../cli/stack-file";
import { REPO, removeDir, tempDir } from "./helpers";
import { runMain } from "../cli/run-cli";

const TABLE = "orders-dev";
const ITEMS = 25;
const INDEX = { name: "CustomerOrdersIndex", partitionKey: { name: "customerId", type: "S" as const }, sortKey: { name: "createdAt", type: "N" as const }, projectionType: "ALL" as const };

function devOrders(changes: Partial<OrdersTableArgs>) {
  const declaration = loadStack(REPO, "dev").declarations.find((d) => d.kind === "OrdersTable")!;
  return [ordersTable(declaration.name, { ...(declaration.args as OrdersTableArgs), ...changes }, declaration.options)];
}
const before = devOrders({});
const changed = devOrders({ globalSecondaryIndexes: [INDEX] });

class Killed extends Error {}
const killAt = (step: RebuildStep) => ({ afterStep: (_table: string, reached: RebuildStep) => { if (reached === step) throw new Killed(`killed after ${step}`); } });

async function withClient<R>(endpoint: string, fn: (client: DynamoDBClient) => Promise<R>): Promise<R> {
  const client = localDynamoClient(endpoint);
  try { return await fn(client); } finally { client.destroy(); }
}
const seed = (endpoint: string) => withClient(endpoint, async (c) => {
  for (let i = 0; i < ITEMS; i++) {
    await c.send(new PutItemCommand({ TableName: TABLE, Item: { orderId: { S: `o-${i}` }, createdAt: { N: String(i) }, customerId: { S: `c-${i % 3}` } } }));
  }
});
const orderIds = (endpoint: string) => withClient(endpoint, async (c) =>
  ((await c.send(new ScanCommand({ TableName: TABLE }))).Items ?? []).map((i) => i.orderId.S!).sort());
const indexes = (endpoint: string) => withClient(endpoint, async (c) =>
  ((await c.send(new DescribeTableCommand({ TableName: TABLE }))).Table!.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
const ALL = Array.from({ length: ITEMS }, (_, i) => `o-${i}`).sort();

/** What the next run must say, by where the journal stood when the run stopped. */
const COMMITTED = REBUILD_STEPS.indexOf("journal-committed");
const expectedRecovery = (step: RebuildStep): RegExp | undefined =>
  step === "holding-deleted" ? undefined
    : REBUILD_STEPS.indexOf(step) < COMMITTED ? /^rolled back the unfinished GSI rebuild of orders-dev: .*orders-dev keeps all its items$/
      : new RegExp(`^finished the unfinished GSI rebuild of orders-dev: ${step === "table-deleted" ? "orders-dev was created again and " : ""}its ${ITEMS} items were copied back from orders-dev\\.gsi-rebuild`);

describe("local: a GSI rebuild stopped at any step is finished or rolled back by the next run (local/rebuild-journal.ts)", function () {
  this.timeout(30_000);

  for (const step of REBUILD_STEPS) {
    it(`stopped after ${step}`, async () => {
      await withLocalDynamo({}, async ({ endpoint }) => {
        await deployLocal(before, { endpoint });
        await seed(endpoint);
        await assert.rejects(deployLocal(changed, { endpoint, rebuildHooks: killAt(step) }), Killed);
        const next = await deployLocal(changed, { endpoint });
        const expected = expectedRecovery(step);
        if (expected) {
          assert.strictEqual(next.recovered.length, 1, JSON.stringify(next.recovered));
          assert.match(next.recovered[0], expected);
        } else assert.deepStrictEqual(next.recovered, []);
        assert.notStrictEqual(next.tables[0].action, "created", "never a silently empty new table");
        assert.deepStrictEqual(next.otherTables, [], "no holding table is left");
        assert.deepStrictEqual(await orderIds(endpoint), ALL, "every item is present");
        assert.deepStrictEqual(await indexes(endpoint), ["CustomerOrdersIndex"]);
        assert.strictEqual((await deployLocal(changed, { endpoint })).tables[0].action, "unchanged");
      });
    });
  }

  it("with --data, across processes: the CLI's next run finishes the rebuild first and says so", async () => {
    const dir = tempDir("rebuild-journal");
    try {
      await withLocalDynamo({ dataDir: dir }, async ({ endpoint }) => {
        await deployLocal(before, { endpoint });
        await seed(endpoint);
        await assert.rejects(deployLocal(changed, { endpoint, rebuildHooks: killAt("table-deleted") }), Killed);
      });
      // The dev stack declares the table without the new index: the finished rebuild recreates it as the stack says.
      const run = await runMain(["local", "--stack", "dev", "--port", "0", "--data", dir]);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.match(run.stdout, /Recovered first:\n {2}finished the unfinished GSI rebuild of orders-dev: orders-dev was created again and its 25 items were copied back/);
      assert.doesNotMatch(run.stdout, /untouched +orders-dev\.gsi-rebuild|^ +created +orders-dev /m, "neither left over nor created empty");
      await withLocalDynamo({ dataDir: dir }, async ({ endpoint }) => assert.deepStrictEqual(await orderIds(endpoint), ALL));
    } finally {
      removeDir(dir);
    }
  });
});
