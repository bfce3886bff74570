/**
 * Warm throughput (issue 15's simplest argument), added as one field-table entry: Pulumi registers
 * `warmThroughput`, both Terraform layouts write `warm_throughput {}` (checked against the provider
 * schema by tests/terraform/provider-schema.test.ts through tests/helpers/feature-programs.ts), the
 * local emulator sends WarmThroughput and lists it as not emulated, and AWS's minimums (12,000 read,
 * 4,000 write units per second; AWS docs "DynamoDB warm throughput") are refused with the fix.
 * A GSI's warm throughput reuses the same rule in every renderer.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { createTableInput, notEmulated } from "../../local/create-table-input";
import { Scope, dig, expandBody } from "../helpers/hcl-expr";

const args: DynamoTableArgs = { tableName: "launch", partitionKey: { name: "id", type: "S" }, warmThroughput: { readUnitsPerSecond: 20_000, writeUnitsPerSecond: 8_000 } };

describe("warm throughput", () => {
  it("Pulumi registers the table's warmThroughput", async () => {
    const run = await runUnderMocks(() => new DynamoTable("launch", args));
    assertMocksActive(run);
    assert.deepStrictEqual(byName(run, "launch", "aws:dynamodb/table:Table").inputs.warmThroughput, { readUnitsPerSecond: 20000, writeUnitsPerSecond: 8000 });
  });

  it("a table without it sends none (AWS keeps managing the warm value)", async () => {
    const { warmThroughput: _, ...without } = args;
    const flat = await parseHcl((await toTerraform([dynamoTable("launch", without)], { layout: "flat" }))["launch.tf"]);
    assert.strictEqual(flat.resource.aws_dynamodb_table.launch[0].warm_throughput, undefined);
    assert.strictEqual(createTableInput(dynamoTable("launch", without).table).WarmThroughput, undefined);
  });

  it("Terraform: a warm_throughput block in the flat layout, a typed module variable with AWS's minimums", async () => {
    const flat = await parseHcl((await toTerraform([dynamoTable("launch", args)], { layout: "flat" }))["launch.tf"]);
    assert.deepStrictEqual(flat.resource.aws_dynamodb_table.launch[0].warm_throughput, [{ read_units_per_second: 20000, write_units_per_second: 8000 }]);
    const files = await toTerraform([dynamoTable("launch", args)], { layout: "module" });
    assert.deepStrictEqual((await parseHcl(files["main.tf"])).module.launch[0].warm_throughput, { read_units_per_second: 20000, write_units_per_second: 8000 });
    const variables = files["modules/dynamodb/variables.tf"];
    const variable = variables.slice(variables.indexOf('variable "warm_throughput"'));
    assert.match(variable, /read_units_per_second\s+= optional\(number\)/);
    assert.match(variable, /coalesce\(x\.read_units_per_second, 12000\) >= 12000/);
    assert.match(variable, /coalesce\(x\.write_units_per_second, 4000\) >= 4000/);
  });

  const invalid: [string, unknown, RegExp][] = [
    ["read below 12000", { readUnitsPerSecond: 11_999 }, /warmThroughput\.readUnitsPerSecond: must be a whole number from 12000 to 40000000 \(got 11999\)\. Fix: use at least 12000/],
    ["write below 4000", { writeUnitsPerSecond: 1_000 }, /warmThroughput\.writeUnitsPerSecond: must be a whole number from 4000 to 40000000 \(got 1000\)\. Fix: use at least 4000/],
    ["fractional units", { readUnitsPerSecond: 12_000.5 }, /warmThroughput\.readUnitsPerSecond: must be a whole number/],
    ["a Terraform spelling", { read_units_per_second: 12_000 }, /warmThroughput\.read_units_per_second: is not a known argument.*readUnitsPerSecond/],
    ["not an object", 12_000, /warmThroughput: must be an object \(got 12000\)\. Fix: write \{ readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 \}/],
  ];
  for (const [rule, value, message] of invalid) {
    it(`rejects ${rule}, naming the table, the field and the fix`, () => {
      assert.throws(() => dynamoTable("launch", { ...args, warmThroughput: value } as never),
        (e: unknown) => e instanceof BlueprintValidationError && /DynamoTable "launch"/.test((e as Error).message) && message.test((e as Error).message));
    });
  }

  describe("per GSI", () => {
    const gsiArgs: DynamoTableArgs = {
      tableName: "launch", partitionKey: { name: "id", type: "S" },
      globalSecondaryIndexes: [
        { name: "byUser", partitionKey: { name: "user", type: "S" }, warmThroughput: { readUnitsPerSecond: 30_000 } },
        { name: "byKind", partitionKey: { name: "kind", type: "S" } },
      ],
    };

    it("Pulumi registers it on the index only", async () => {
      const run = await runUnderMocks(() => new DynamoTable("launch", gsiArgs));
      assertMocksActive(run);
      const inputs = byName(run, "launch", "aws:dynamodb/table:Table").inputs;
      assert.deepStrictEqual(inputs.globalSecondaryIndexes.map((g: any) => g.warmThroughput), [{ readUnitsPerSecond: 30000 }, undefined]);
      assert.strictEqual(inputs.warmThroughput, undefined);
    });

    it("both layouts write the same warm_throughput block inside the index", async () => {
      const blueprint = dynamoTable("launch", gsiArgs);
      const flat = (await parseHcl((await toTerraform([blueprint], { layout: "flat" }))["launch.tf"])).resource.aws_dynamodb_table.launch[0];
      const byName = (gsis: any[]) => Object.fromEntries(gsis.map((g) => [g.name, g.warm_throughput]));
      assert.deepStrictEqual(byName(flat.global_secondary_index), { byUser: [{ read_units_per_second: 30000 }], byKind: undefined });
      const files = await toTerraform([blueprint], { layout: "module" });
      const call = (await parseHcl(files["main.tf"])).module.launch[0];
      const variables = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable;
      const table = (await parseHcl(files["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table.this[0];
      const scope: Scope = (p) => (p[0] === "var" ? dig(p[1] in call ? call[p[1]] : variables[p[1]][0].default ?? null, p.slice(2)) : `ref:${p.join(".")}`);
      const expanded = await expandBody(table, scope);
      assert.deepStrictEqual(byName(expanded.global_secondary_index), byName(flat.global_secondary_index));
      assert.match(files["modules/dynamodb/variables.tf"], /global_secondary_indexes: warm_throughput read_units_per_second 12000-40000000/);
    });

    it("local sends WarmThroughput on the index and lists it as not emulated", () => {
      const spec = dynamoTable("launch", gsiArgs).table;
      assert.deepStrictEqual(createTableInput(spec).GlobalSecondaryIndexes!.map((g) => g.WarmThroughput), [{ ReadUnitsPerSecond: 30000 }, undefined]);
      assert.ok(notEmulated(spec).some((l) => l.startsWith("index byUser: warm throughput")));
    });

    it("refuses an index below the minimum, naming the index", () => {
      const bad = { ...gsiArgs, globalSecondaryIndexes: [{ ...gsiArgs.globalSecondaryIndexes![0], warmThroughput: { writeUnitsPerSecond: 10 } }] };
      assert.throws(() => dynamoTable("launch", bad),
        (e: unknown) => e instanceof BlueprintValidationError && /globalSecondaryIndexes\[0\] \("byUser"\)\.warmThroughput\.writeUnitsPerSecond: must be a whole number from 4000/.test((e as Error).message));
    });
  });
});
