/**
 * `adopt --table` round trip on the local emulator (dynalite): tables created with the SDK directly
 * (on-demand, provisioned, GSIs, an LSI, a stream request, tags), adopted in-process through the CLI's
 * main, the generated TypeScript program executed under Pulumi mocks. The registered table inputs must
 * equal what DescribeTable returns (written out here from the DynamoDB API, independently of adopt's
 * mapping), and `local` with the program's blueprints must report every table unchanged.
 */
import { strict as assert } from "assert";
import {
  CreateTableCommand, CreateTableCommandInput, DescribeTableCommand, DynamoDBClient, ListTagsOfResourceCommand, TableDescription,
  TagResourceCommand,
} from "@aws-sdk/client-dynamodb";
import { main } from "../../../cli/main";
import { LocalDynamo, startLocalDynamo } from "../../../local/server";
import { localDynamoClient } from "../../../local/client";
import { deployLocal } from "../../../local/deploy";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { runGeneratedProgram } from "./run-generated";
import { captureIo, occupyPort } from "../../local/helpers";


const key = (name: string, type: "HASH" | "RANGE") => ({ AttributeName: name, KeyType: type });
const TABLES: { input: CreateTableCommandInput; tags?: Record<string, string> }[] = [
  {
    input: {
      TableName: "orders-live", BillingMode: "PAY_PER_REQUEST",
      KeySchema: [key("orderId", "HASH"), key("createdAt", "RANGE")],
      AttributeDefinitions: [
        { AttributeName: "orderId", AttributeType: "S" }, { AttributeName: "createdAt", AttributeType: "N" },
        { AttributeName: "customerId", AttributeType: "S" }, { AttributeName: "total", AttributeType: "N" },
      ],
      GlobalSecondaryIndexes: [{ IndexName: "ByCustomer", KeySchema: [key("customerId", "HASH"), key("createdAt", "RANGE")], Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["total", "status"] } }],
      LocalSecondaryIndexes: [{ IndexName: "ByTotal", KeySchema: [key("orderId", "HASH"), key("total", "RANGE")], Projection: { ProjectionType: "KEYS_ONLY" } }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    },
    tags: { Environment: "dev", "Cost.Center": "42" },
  },
  {
    input: {
      TableName: "provisioned-live", BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
      KeySchema: [key("id", "HASH")],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }, { AttributeName: "email", AttributeType: "S" }],
      GlobalSecondaryIndexes: [{ IndexName: "ByEmail", KeySchema: [key("email", "HASH")], Projection: { ProjectionType: "ALL" }, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } }],
    },
  },
  {
    input: { TableName: "locks-live", BillingMode: "PAY_PER_REQUEST", KeySchema: [key("LockID", "HASH")], AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }] },
    tags: { Purpose: "terraform-state-locking", Critical: "true" },
  },
  {
    input: { TableName: "numbers_live", KeySchema: [key("n", "HASH")], AttributeDefinitions: [{ AttributeName: "n", AttributeType: "B" }], ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
  },
];

/** The provider inputs a table with exactly this description has (Pulumi's bridged names), from the API's own fields. */
function inputsFromDescription(t: TableDescription, tags: Record<string, string>): Record<string, unknown> {
  const billingMode = t.BillingModeSummary?.BillingMode ?? "PROVISIONED";
  const hash = (s: typeof t.KeySchema) => s!.find((k) => k.KeyType === "HASH")!.AttributeName;
  const range = (s: typeof t.KeySchema) => s!.find((k) => k.KeyType === "RANGE")?.AttributeName;
  const projection = (p: any) => ({ projectionType: p.ProjectionType, ...(p.NonKeyAttributes ? { nonKeyAttributes: p.NonKeyAttributes } : {}) });
  const byName = (a: { name?: string }, b: { name?: string }) => String(a.name).localeCompare(String(b.name));
  return {
    name: t.TableName,
    billingMode,
    hashKey: hash(t.KeySchema),
    rangeKey: range(t.KeySchema),
    readCapacity: billingMode === "PROVISIONED" ? t.ProvisionedThroughput!.ReadCapacityUnits : undefined,
    writeCapacity: billingMode === "PROVISIONED" ? t.ProvisionedThroughput!.WriteCapacityUnits : undefined,
    attributes: t.AttributeDefinitions!.map((a) => ({ name: a.AttributeName, type: a.AttributeType })).sort(byName),
    globalSecondaryIndexes: t.GlobalSecondaryIndexes?.map((g) => ({
      name: g.IndexName, keySchemas: g.KeySchema!.map((k) => ({ attributeName: k.AttributeName, keyType: k.KeyType })), ...projection(g.Projection),
      ...(billingMode === "PROVISIONED" ? { readCapacity: g.ProvisionedThroughput!.ReadCapacityUnits, writeCapacity: g.ProvisionedThroughput!.WriteCapacityUnits } : {}),
    })).sort(byName),
    localSecondaryIndexes: t.LocalSecondaryIndexes?.map((l) => ({ name: l.IndexName, rangeKey: range(l.KeySchema), ...projection(l.Projection) })).sort(byName),
    streamEnabled: t.StreamSpecification?.StreamEnabled,
    streamViewType: t.StreamSpecification?.StreamViewType,
    tableClass: t.TableClassSummary?.TableClass,
    tags,
  };
}

describe("adopt --table on the local emulator: round trip with no diff", function () {
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  const described = new Map<string, { table: TableDescription; tags: Record<string, string> }>();

  before(async () => {
    dynamo = await startLocalDynamo();
    client = localDynamoClient(dynamo.endpoint);
    for (const { input, tags } of TABLES) {
      const created = await client.send(new CreateTableCommand(input));
      if (tags) await client.send(new TagResourceCommand({ ResourceArn: created.TableDescription!.TableArn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
      const table = (await client.send(new DescribeTableCommand({ TableName: input.TableName }))).Table!;
      const listed = (await client.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }))).Tags ?? [];
      described.set(input.TableName!, { table, tags: Object.fromEntries(listed.map((t) => [t.Key!, t.Value!])) });
    }
  });
  after(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  async function adopt(table: string): Promise<any> {
    const io = captureIo();
    const code = await main(["adopt", "--table", table, "--endpoint", dynamo.endpoint, "--json"], io);
    assert.equal(code, 0, io.stderr());
    return JSON.parse(io.stdout());
  }

  it("the generated program registers each table with exactly the described settings and its import id", async () => {
    const reports = await Promise.all(TABLES.map((t) => adopt(t.input.TableName!)));
    const program = reports.map((r, i) => (i === 0 ? r.program : r.program.replace(/^import .*\n/m, ""))).join("\n");
    let exported: Record<string, any> = {};
    const run = await runUnderMocks(() => { exported = runGeneratedProgram(program); });
    assertMocksActive(run);
    for (const [name, { table, tags }] of described) {
      const registered = run.resources.filter((r) => r.type === "aws:dynamodb/table:Table" && r.inputs.name === name);
      assert.equal(registered.length, 1, `${name} registered once`);
      const [r] = registered;
      assert.equal(r.importId, name, `${name} is imported, not created`);
      const want = inputsFromDescription(table, tags);
      for (const [field, value] of Object.entries(want)) {
        const got = Array.isArray(r.inputs[field]) ? [...r.inputs[field]].sort((a: any, b: any) => a.name.localeCompare(b.name)) : r.inputs[field];
        assert.deepEqual(got, value, `${name}.${field}: registered ${JSON.stringify(got)}, DescribeTable says ${JSON.stringify(value)}`);
      }
    }
    // `local` with the generated blueprints: every table is found as it is, nothing created or refused.
    const blueprints = Object.values(exported).filter((c) => c?.blueprint).map((c) => c.blueprint);
    assert.equal(blueprints.length, TABLES.length);
    const report = await deployLocal(blueprints, { endpoint: dynamo.endpoint });
    assert.deepEqual(report.tables.map((t) => `${t.table} ${t.action}`), TABLES.map((t) => `${t.input.TableName} unchanged`));
    assert.deepEqual(report.otherTables, []);
  });

  it("reports what the emulator does not implement as unknown, and imports nothing it could not read", async () => {
    const report = await adopt("locks-live");
    const [table] = report.tables;
    const unknown = table.unknown.map((u: any) => u.setting);
    for (const setting of ["pointInTimeRecovery", "deletionProtection", "autoscaling", "contributorInsights", "kinesisStreamingDestination"]) {
      assert.ok(unknown.includes(setting), `${setting} is unknown on dynalite: ${unknown}`);
    }
    assert.ok(!unknown.includes("ttlAttribute") && !unknown.includes("tags"), "dynalite implements DescribeTimeToLive and ListTagsOfResource");
    assert.equal(table.args.pointInTimeRecovery, undefined, "an unknown setting is not guessed");
    assert.equal(table.args.deletionProtection, undefined);
    assert.equal(table.kind, "DynamoTable", "PITR unknown: the StateLockTable shape (PITR on) cannot be confirmed");
    assert.deepEqual(table.imports.map((i: any) => `${i.type} ${i.id}`), ["aws:dynamodb/table:Table locks-live"]);
    assert.deepEqual(report.terraform.importBlocks, ['import {\n  to = aws_dynamodb_table.locks_live\n  id = "locks-live"\n}']);
    assert.match(report.program, /\/\/ unknown: pointInTimeRecovery \(DescribeContinuousBackups: the endpoint does not implement it\)/);
    assert.match(report.program, /adopts table locks-live \(us-east-1\): set pointInTimeRecovery, deletionProtection, autoscaling to the live values first/,
      "no claim of 'no diff' while settings are unknown");
    assert.ok(report.followUps.items.some((f: any) => f.id === "protect"), "best-practice changes come as follow-ups");
    assert.doesNotMatch(report.program, /deletionProtection: true/, "and never inside the import");
  });

  it("a table that does not exist: one clear message, exit 2", async () => {
    const io = captureIo();
    assert.equal(await main(["adopt", "--table", "no-such-table", "--endpoint", dynamo.endpoint], io), 2);
    assert.match(io.stderr(), /^error: dynamodb-blueprints adopt --table no-such-table: 1 problem\n {2}1\. --table: no such table in endpoint http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(io.stdout(), "");
  });

  it("an endpoint that refuses: one clear message, exit 2", async () => {
    const free = await occupyPort();
    await free.release(); // a port nothing listens on
    const io = captureIo();
    assert.equal(await main(["adopt", "--table", "orders-live", "--endpoint", `http://127.0.0.1:${free.port}`], io), 2);
    assert.match(io.stderr(), /--endpoint: cannot connect \(DescribeTable failed: .*ECONNREFUSED/);
    assert.equal(io.stderr().match(/^error: /gm)?.length, 1);
  });

  it("flags: exactly one source, valid names and URLs (exit 2 before any call)", async () => {
    for (const argv of [
      ["adopt"], ["adopt", "--table", "orders-live", "--from-tfstate", "x.tfstate"], ["adopt", "--table", "a b"],
      ["adopt", "--table", "orders-live", "--endpoint", "localhost:8000"], ["adopt", "--from-tfstate", "x.tfstate", "--region", "us-east-1"],
      ["adopt", "--table", "orders-live", "--region", "Frankfurt"],
    ]) {
      const io = captureIo();
      assert.equal(await main(argv, io), 2, argv.join(" "));
      assert.match(io.stderr(), /^error: dynamodb-blueprints adopt/);
    }
  });
});
