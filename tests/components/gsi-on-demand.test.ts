/**
 * On-demand caps per GSI (issue 15): `globalSecondaryIndexes[].onDemandThroughput` reuses the table's
 * rule (AWS API reference "OnDemandThroughput": MaxReadRequestUnits / MaxWriteRequestUnits >= 1, only
 * in PAY_PER_REQUEST mode). Pulumi registers it on the index, both Terraform layouts write
 * `on_demand_throughput {}` inside `global_secondary_index` (the provider-schema test checks it through
 * tests/helpers/feature-programs.ts), the module variable validates it, `local` sends it and lists it as
 * not emulated, `plan` shows it.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { createTableInput, notEmulated } from "../../local/create-table-input";
import { dig, evalValue } from "../helpers/hcl-expr";
import { bothLayouts } from "../helpers/table-layouts";
import { buildTree, renderTree } from "../../cli/render-tree";

const args: DynamoTableArgs = {
  tableName: "feed", partitionKey: { name: "id", type: "S" },
  globalSecondaryIndexes: [
    { name: "byUser", partitionKey: { name: "user", type: "S" }, onDemandThroughput: { maxReadRequestUnits: 500, maxWriteRequestUnits: 100 } },
    { name: "byKind", partitionKey: { name: "kind", type: "S" } },
  ],
};
const caps = (gsis: any[], key: string) => Object.fromEntries(gsis.map((g) => [g.name, g[key]]));

describe("on-demand caps per GSI", () => {
  it("Pulumi registers onDemandThroughput on that index only", async () => {
    const run = await runUnderMocks(() => new DynamoTable("feed", args));
    assertMocksActive(run);
    const inputs = byName(run, "feed", "aws:dynamodb/table:Table").inputs;
    assert.deepStrictEqual(caps(inputs.globalSecondaryIndexes, "onDemandThroughput"), { byUser: { maxReadRequestUnits: 500, maxWriteRequestUnits: 100 }, byKind: undefined });
    assert.strictEqual(inputs.onDemandThroughput, undefined);
    const plan = renderTree(buildTree(run.resources)).join("\n");
    assert.match(plan, /gsi byUser: partition user \(S\), projection ALL, on-demand cap read 500 \/ write 100/);
  });

  it("both layouts write the same on_demand_throughput block inside the index", async () => {
    const { flat, module: expanded } = await bothLayouts("feed", args);
    assert.deepStrictEqual(caps(flat.global_secondary_index, "on_demand_throughput"),
      { byUser: [{ max_read_request_units: 500, max_write_request_units: 100 }], byKind: undefined });
    assert.deepStrictEqual(caps(expanded.global_secondary_index, "on_demand_throughput"), caps(flat.global_secondary_index, "on_demand_throughput"));
  });

  it("the module's validation refuses a cap below 1, like the model", async () => {
    const files = await toTerraform([dynamoTable("feed", args)], { layout: "module" });
    const variable = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable.global_secondary_indexes[0];
    const rule = variable.validation.find((v: any) => /on_demand_throughput/.test(v.error_message));
    assert.ok(rule, "a validation names on_demand_throughput");
    const holds = (gsis: unknown) => evalValue(rule.condition, (p) => (p[0] === "var" ? dig(gsis, p.slice(2)) : undefined));
    const gsi = { name: "byUser", hash_key: "user", projection_type: "ALL" };
    assert.strictEqual(await holds([{ ...gsi, on_demand_throughput: { max_read_request_units: 5 } }]), true);
    assert.strictEqual(await holds([{ ...gsi, on_demand_throughput: null }]), true);
    assert.strictEqual(await holds([{ ...gsi, on_demand_throughput: { max_write_request_units: 0 } }]), false);
  });

  it("local sends OnDemandThroughput on the index and lists it as not emulated", () => {
    const spec = dynamoTable("feed", args).table;
    assert.deepStrictEqual(createTableInput(spec).GlobalSecondaryIndexes!.map((g) => g.OnDemandThroughput),
      [{ MaxReadRequestUnits: 500, MaxWriteRequestUnits: 100 }, undefined]);
    assert.ok(notEmulated(spec).includes("index byUser: on-demand caps: dynalite drops OnDemandThroughput and never throttles"), notEmulated(spec).join("\n"));
  });

  const invalid: [string, Partial<DynamoTableArgs>, unknown, RegExp][] = [
    ["a cap of 0", {}, { maxReadRequestUnits: 0 }, /globalSecondaryIndexes\[0\] \("byUser"\)\.onDemandThroughput\.maxReadRequestUnits: must be a whole number from 1 .*Fix: use a cap of at least 1 request unit/],
    ["a Terraform spelling", {}, { max_write_request_units: 5 }, /onDemandThroughput\.max_write_request_units: is not a known argument.*maxWriteRequestUnits/],
    ["a PROVISIONED table", { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 }, { maxReadRequestUnits: 5 },
      /globalSecondaryIndexes\[0\] \("byUser"\)\.onDemandThroughput: only applies to PAY_PER_REQUEST tables.*Fix: remove it, or use billingMode "PAY_PER_REQUEST"/],
  ];
  for (const [rule, table, value, message] of invalid) {
    it(`refuses ${rule}, naming the index, the field and the fix`, () => {
      const gsi = { ...args.globalSecondaryIndexes![0], onDemandThroughput: value, ...(table.billingMode ? { readCapacity: 1, writeCapacity: 1 } : {}) };
      assert.throws(() => dynamoTable("feed", { ...args, ...table, globalSecondaryIndexes: [gsi] } as never),
        (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message));
    });
  }
});
