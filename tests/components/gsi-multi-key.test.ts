/**
 * Multi-attribute GSI keys (issue 15; DynamoDB, November 2025: up to four partition and four sort
 * attributes per index, order significant). `partitionKeys` / `sortKeys` (CDK's names) become Pulumi
 * `keySchemas` and repeated Terraform `key_schema {}` blocks, HASH first, in declared order, in both
 * layouts (the provider-schema test checks them through tests/helpers/feature-programs.ts). The
 * single-key arguments keep working. Validation: limits, no mixing forms, no attribute twice, every key
 * attribute defined (with one type), and key attributes never listed as projected non-key attributes.
 * `local` cannot create such an index (dynalite allows two key elements) and says so.
 */
import * as assert from "assert";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { createTableInput, emulatorInput, notEmulated } from "../../local/create-table-input";
import { deployLocal } from "../../local/deploy";
import { withLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { dig, evalValue } from "../helpers/hcl-expr";
import { bothLayouts } from "../helpers/table-layouts";
import { buildTree, renderTree } from "../../cli/render-tree";
import { buildLock, compareLock } from "../../project/schema-lock";

const args: DynamoTableArgs = {
  tableName: "games", partitionKey: { name: "id", type: "S" },
  globalSecondaryIndexes: [
    { name: "byTournament", partitionKeys: [{ name: "tournament", type: "S" }, { name: "region", type: "S" }],
      sortKeys: [{ name: "round", type: "N" }, { name: "score", type: "N" }], projectionType: "INCLUDE", nonKeyAttributes: ["player"] },
    { name: "byPlayer", partitionKey: { name: "player", type: "S" }, sortKey: { name: "score", type: "N" } },
  ],
};
const SCHEMA = [["tournament", "HASH"], ["region", "HASH"], ["round", "RANGE"], ["score", "RANGE"]];
const pairs = (elements: any[], name = "attributeName", type = "keyType") => elements.map((k) => [k[name], k[type]]);

describe("multi-attribute GSI keys", () => {
  it("Pulumi registers keySchemas in order, HASH first, and defines every key attribute once", async () => {
    const run = await runUnderMocks(() => new DynamoTable("games", args));
    assertMocksActive(run);
    const inputs = byName(run, "games", "aws:dynamodb/table:Table").inputs;
    assert.deepStrictEqual(pairs(inputs.globalSecondaryIndexes[0].keySchemas), SCHEMA);
    assert.deepStrictEqual(pairs(inputs.globalSecondaryIndexes[1].keySchemas), [["player", "HASH"], ["score", "RANGE"]]);
    assert.deepStrictEqual(inputs.attributes.map((a: any) => `${a.name}:${a.type}`),
      ["id:S", "player:S", "region:S", "round:N", "score:N", "tournament:S"]);
    assert.match(renderTree(buildTree(run.resources)).join("\n"),
      /gsi byTournament: partition tournament \(S\) \+ region \(S\), sort round \(N\) \+ score \(N\), projection INCLUDE/);
  });

  it("both layouts write the same repeated key_schema blocks", async () => {
    const { flat, module: expanded, call } = await bothLayouts("games", args);
    const byIndex = (gsis: any[]) => Object.fromEntries(gsis.map((g) => [g.name, pairs(g.key_schema, "attribute_name", "key_type")]));
    assert.deepStrictEqual(byIndex(flat.global_secondary_index), { byTournament: SCHEMA, byPlayer: [["player", "HASH"], ["score", "RANGE"]] });
    assert.deepStrictEqual(byIndex(expanded.global_secondary_index), byIndex(flat.global_secondary_index));
    assert.deepStrictEqual(call.global_secondary_indexes[0].additional_hash_keys, ["region"]);
    assert.strictEqual(call.global_secondary_indexes[1].additional_hash_keys, undefined, "a single-attribute index passes nothing new");
  });

  it("the module's validation refuses a fifth attribute and sort attributes without range_key", async () => {
    const files = await toTerraform([dynamoTable("games", args)], { layout: "module" });
    const variable = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable.global_secondary_indexes[0];
    const rule = variable.validation.find((v: any) => /additional_range_keys need range_key/.test(v.error_message));
    const holds = (gsi: object) => evalValue(rule.condition, (p) => (p[0] === "var" ? dig([{ additional_hash_keys: null, additional_range_keys: null, range_key: null, ...gsi }], p.slice(2)) : undefined));
    assert.strictEqual(await holds({ additional_hash_keys: ["a", "b", "c"] }), true);
    assert.strictEqual(await holds({ additional_hash_keys: ["a", "b", "c", "d"] }), false);
    assert.strictEqual(await holds({ additional_range_keys: ["a"] }), false);
    assert.strictEqual(await holds({ range_key: "r", additional_range_keys: ["a"] }), true);
  });

  it("local: CreateTable for AWS has the full key; dynalite gets the table without that index, and the line says why", async () => {
    const spec = dynamoTable("games", args).table;
    const input = createTableInput(spec);
    assert.deepStrictEqual(pairs(input.GlobalSecondaryIndexes![0].KeySchema!, "AttributeName", "KeyType"), SCHEMA);
    const local = emulatorInput(input);
    assert.deepStrictEqual(local.GlobalSecondaryIndexes!.map((g) => g.IndexName), ["byPlayer"]);
    assert.deepStrictEqual(local.AttributeDefinitions!.map((a) => a.AttributeName), ["id", "player", "score"]);
    assert.ok(notEmulated(spec).some((l) => l.startsWith("index byTournament: multi-attribute key (partition tournament + region, sort round + score): dynalite allows")));
    await withLocalDynamo({}, async ({ endpoint }) => {
      const report = await deployLocal([dynamoTable("games", args)], { endpoint });
      assert.strictEqual(report.tables[0].action, "created");
      const client = localDynamoClient(endpoint);
      try {
        const table = (await client.send(new DescribeTableCommand({ TableName: "games" }))).Table!;
        assert.deepStrictEqual(table.GlobalSecondaryIndexes!.map((g) => g.IndexName), ["byPlayer"]);
      } finally {
        client.destroy();
      }
    });
  });

  it("the schema lock sees a change of any key attribute (with GSI auto scaling, Terraform would ignore it)", () => {
    const scaled = (sortKeys: { name: string; type: "N" }[]): DynamoTableArgs => ({
      ...args, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
      globalSecondaryIndexes: [{ ...args.globalSecondaryIndexes![0], sortKeys, readCapacity: 5, writeCapacity: 5, autoscaling: { read: { min: 5, max: 50 } } },
        { ...args.globalSecondaryIndexes![1], readCapacity: 5, writeCapacity: 5 }],
    });
    const lock = buildLock("dev", [dynamoTable("games", scaled([{ name: "round", type: "N" }, { name: "score", type: "N" }]))]);
    const diff = compareLock(lock, buildLock("dev", [dynamoTable("games", scaled([{ name: "round", type: "N" }, { name: "rank", type: "N" }]))]));
    assert.deepStrictEqual(diff.replacements.map((r) => [r.setting, r.current, r.ignoredIndexChange]),
      [['globalSecondaryIndexes["byTournament"]', "partition tournament (S) + region (S), sort round (N) + rank (N), projection INCLUDE [player]", true]]);
  });

  const gsi = args.globalSecondaryIndexes![0];
  const invalid: [string, object, RegExp][] = [
    ["five partition attributes", { partitionKeys: ["a", "b", "c", "d", "e"].map((name) => ({ name, type: "S" })) },
      /byTournament"\)\.partitionKeys: must list 1-4 key attributes .*\(got "5 attributes"\)\. Fix: keep at most 4/],
    ["an empty sortKeys", { sortKeys: [] }, /\.sortKeys: must list 1-4 key attributes .*\(got "0 attributes"\)/],
    ["partitionKey and partitionKeys together", { partitionKey: { name: "x", type: "S" } }, /\.partitionKeys: cannot be combined with partitionKey/],
    ["an attribute twice", { sortKeys: [{ name: "region", type: "S" }] }, /\.sortKeys\[0\]\.name: is already a key attribute of this index/],
    ["a key attribute as a projected non-key attribute", { nonKeyAttributes: ["player", "round"] },
      /nonKeyAttributes: is a key attribute of this index or of the table.*\(got "round"\).*Fix: remove "round" from nonKeyAttributes/],
    ["one attribute with two types", { sortKeys: [{ name: "score", type: "S" }] }, /\.type: conflicts with .*declares "score" as [SN]/],
    ["neither partitionKey nor partitionKeys", { partitionKeys: undefined }, /byTournament"\)\.partitionKey: is required/],
  ];
  for (const [rule, change, message] of invalid) {
    it(`refuses ${rule}, naming the index and the fix`, () => {
      const bad = { ...args, globalSecondaryIndexes: [{ ...gsi, ...change }, ...args.globalSecondaryIndexes!.slice(1)] };
      assert.throws(() => dynamoTable("games", bad as never), (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message));
    });
  }
});
