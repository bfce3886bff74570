/**
 * Every table of the dev and prod stacks is accepted by a real DynamoDB API (dynalite), and what the
 * API then describes is what the spec asked for. Expectations are written from the TableSpec itself,
 * not from createTableInput, so a mapping bug cannot agree with itself.
 */
import * as assert from "assert";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, TableDescription } from "@aws-sdk/client-dynamodb";
import { LocalDynamo, startLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { createTableInput, notEmulated } from "../../local/create-table-input";
import { compareTable } from "../../local/deploy";
import { dynamoTable } from "../../model/blueprints";
import { tablesOf } from "../../model/stack";
import { KeyAttribute, TableSpec } from "../../model/types";
import { stackBlueprints } from "./helpers";

const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) =>
  [{ AttributeName: pk.name, KeyType: "HASH" }, ...(sk ? [{ AttributeName: sk.name, KeyType: "RANGE" }] : [])];

/** Asserts that DynamoDB's description of a table matches the spec, member by member. */
function assertDescribes(table: TableDescription, spec: TableSpec<unknown>): void {
  const name = spec.tableName;
  assert.deepStrictEqual(table.KeySchema, keySchema(spec.partitionKey, spec.sortKey), `${name} key schema`);
  assert.deepStrictEqual(
    [...table.AttributeDefinitions!].sort((a, b) => a.AttributeName!.localeCompare(b.AttributeName!)),
    spec.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })), `${name} attribute definitions`);
  assert.strictEqual(table.BillingModeSummary?.BillingMode ?? "PROVISIONED", spec.billingMode, `${name} billing mode`);
  const provisioned = spec.billingMode === "PROVISIONED";
  assert.deepStrictEqual(
    [table.ProvisionedThroughput?.ReadCapacityUnits, table.ProvisionedThroughput?.WriteCapacityUnits],
    provisioned ? [spec.readCapacity, spec.writeCapacity] : [0, 0], `${name} throughput`);
  const gsis = table.GlobalSecondaryIndexes ?? [];
  assert.deepStrictEqual(gsis.map((g) => g.IndexName), spec.globalSecondaryIndexes.map((g) => g.name), `${name} GSI names`);
  spec.globalSecondaryIndexes.forEach((want, i) => {
    const have = gsis[i];
    assert.deepStrictEqual(have.KeySchema, keySchema(want.partitionKey, want.sortKey), `${name} ${want.name} keys`);
    assert.strictEqual(have.Projection?.ProjectionType, want.projectionType, `${name} ${want.name} projection`);
    assert.deepStrictEqual(have.Projection?.NonKeyAttributes ?? [], want.nonKeyAttributes, `${name} ${want.name} non-key attributes`);
    assert.deepStrictEqual([have.ProvisionedThroughput?.ReadCapacityUnits, have.ProvisionedThroughput?.WriteCapacityUnits],
      provisioned ? [want.readCapacity, want.writeCapacity] : [0, 0], `${name} ${want.name} throughput`);
  });
  const lsis = table.LocalSecondaryIndexes ?? [];
  assert.deepStrictEqual(lsis.map((l) => [l.IndexName, l.KeySchema, l.Projection?.ProjectionType, l.Projection?.NonKeyAttributes ?? []]),
    spec.localSecondaryIndexes.map((l) => [l.name, keySchema(spec.partitionKey, l.sortKey), l.projectionType, l.nonKeyAttributes]), `${name} LSIs`);
  // dynalite has no streams: a stream must then be reported as not emulated, never silently missing.
  assert.strictEqual(table.StreamSpecification, undefined, `${name} stream`);
  assert.strictEqual(notEmulated(spec).some((l) => l.startsWith("stream")), spec.streamViewType !== undefined, `${name} stream note`);
}

describe("CreateTable input from the stacks' table specs", function () {
  this.timeout(10_000);
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  before(async () => {
    dynamo = await startLocalDynamo();
    client = localDynamoClient(dynamo.endpoint);
  });
  after(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  for (const stack of ["dev", "prod"]) {
    it(`accepts every table of the ${stack} stack and describes it as specified`, async () => {
      const tables = tablesOf(stackBlueprints(stack));
      assert.strictEqual(tables.length, 4, "lock table, orders, high-traffic, production-data");
      for (const { table: spec } of tables) {
        await client.send(new CreateTableCommand(createTableInput(spec)));
        const described = (await client.send(new DescribeTableCommand({ TableName: spec.tableName }))).Table!;
        assertDescribes(described, spec);
        // deployLocal's comparison agrees: the table it would find is "unchanged" (tags are applied separately).
        assert.deepStrictEqual(compareTable(createTableInput(spec), {
          ...described, billing: described.BillingModeSummary?.BillingMode ?? "PROVISIONED", throughput: described.ProvisionedThroughput,
          tags: Object.entries(spec.tags).map(([k, v]) => `${k}=${v}`).sort(),
        }), []);
      }
    });
  }

  it("maps LSIs, INCLUDE projections and GSI capacity, which no reference table uses", async () => {
    const { table: spec } = dynamoTable<string>("sessions", {
      tableName: "sessions-local-test", partitionKey: { name: "userId", type: "S" }, sortKey: { name: "startedAt", type: "N" },
      billingMode: "PROVISIONED", readCapacity: 3, writeCapacity: 2,
      localSecondaryIndexes: [{ name: "ByDevice", sortKey: { name: "deviceId", type: "S" }, projectionType: "INCLUDE", nonKeyAttributes: ["ip"] }],
      globalSecondaryIndexes: [{
        name: "ByIp", partitionKey: { name: "ip", type: "S" }, projectionType: "INCLUDE", nonKeyAttributes: ["userAgent", "country"],
        readCapacity: 4, writeCapacity: 1,
      }],
    });
    await client.send(new CreateTableCommand(createTableInput(spec)));
    assertDescribes((await client.send(new DescribeTableCommand({ TableName: spec.tableName }))).Table!, spec);
  });

  it("lists per table every prod setting the emulator does not implement", () => {
    const notes = Object.fromEntries(tablesOf(stackBlueprints("prod")).map(({ table }) => [table.tableName, notEmulated(table)]));
    assert.deepStrictEqual(notes["production-data-prod"].map((l) => l.slice(0, l.indexOf(":"))), [
      "point-in-time recovery (35 days)", "encryption CUSTOMER_MANAGED with a rotating customer-managed key the blueprint creates",
      "deletion protection", "protect (Pulumi protect / Terraform prevent_destroy)",
    ]);
    assert.ok(notes["high-traffic-prod"].includes(
      "auto scaling of read capacity 10-500 at 70%: no Application Auto Scaling locally; capacity stays at its initial value"));
  });

  it("sends streams, SSE, table class, deletion protection and tags; dynalite accepts and drops them, the notes say so", async () => {
    const { table: spec } = dynamoTable("events", {
      tableName: "events-local-test", partitionKey: { name: "pk", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
      encryption: "AWS_MANAGED", tableClass: "STANDARD_INFREQUENT_ACCESS", deletionProtection: true, ttlAttribute: "expiresAt",
      pointInTimeRecovery: false, tags: { Team: "a" },
    });
    const input = createTableInput(spec);
    assert.deepStrictEqual([input.StreamSpecification, input.SSESpecification, input.TableClass, input.DeletionProtectionEnabled, input.Tags], [
      { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" }, { Enabled: true, SSEType: "KMS" }, "STANDARD_INFREQUENT_ACCESS", true,
      [{ Key: "Team", Value: "a" }],
    ]);
    await client.send(new CreateTableCommand(input));
    const described = (await client.send(new DescribeTableCommand({ TableName: spec.tableName }))).Table!;
    assert.deepStrictEqual([described.StreamSpecification, described.SSEDescription, described.TableClassSummary, described.DeletionProtectionEnabled],
      [undefined, undefined, undefined, undefined]);
    assert.deepStrictEqual(notEmulated(spec).map((l) => l.split(/[ :(]/)[0]), ["encryption", "deletion", "TTL", "stream", "table"]);
  });

  it("keeps only plain-string tags and names the others", () => {
    const { table: spec } = dynamoTable<unknown>("t", { tableName: "tagged", partitionKey: { name: "pk", type: "S" }, tags: { B: "b", A: { unresolved: 1 } } });
    assert.deepStrictEqual(createTableInput(spec).Tags, [{ Key: "B", Value: "b" }]);
    assert.ok(notEmulated(spec).some((l) => l.startsWith('tag "A": its value is not a plain string')));
  });

  it("a definition not used as a key is rejected with DynamoDB's own ValidationException", async () => {
    await assert.rejects(
      client.send(new CreateTableCommand({
        TableName: "bad-definitions", BillingMode: "PAY_PER_REQUEST", KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }, { AttributeName: "Info", AttributeType: "S" }],
      })),
      (error: Error) => {
        assert.strictEqual(error.name, "ValidationException");
        assert.strictEqual(error.message, "One or more parameter values were invalid: Number of attributes in KeySchema does not " +
          "exactly match number of attributes defined in AttributeDefinitions");
        return true;
      });
  });

  it("is not a complete validator: with an index, dynalite accepts an unused definition that AWS rejects", async () => {
    // Recorded so nobody treats "the emulator accepted it" as proof; the model derives definitions
    // from keys (spec.attributes), so a blueprint cannot produce this request.
    const result = await client.send(new CreateTableCommand({
      TableName: "unused-definition-with-gsi", BillingMode: "PAY_PER_REQUEST", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: ["pk", "gk", "unused"].map((n) => ({ AttributeName: n, AttributeType: "S" as const })),
      GlobalSecondaryIndexes: [{ IndexName: "ByGk", KeySchema: [{ AttributeName: "gk", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
    }));
    assert.strictEqual(result.TableDescription?.AttributeDefinitions?.length, 3);
  });
});
