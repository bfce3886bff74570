/**
 * The typed escape hatch (issue 15): `providerArguments` passes further `aws_dynamodb_table`
 * arguments, by provider name, to both renderers: the Pulumi table inputs (camelCase) and the same
 * argument in both Terraform layouts (the module reads every argument the blueprint does not own from
 * `var.provider_arguments`, generated from the provider schema). Unknown names (with a did-you-mean),
 * read-only ones, wrong types and arguments the blueprint owns are refused before anything is
 * registered or written.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { MODEL_OWNED_ARGUMENTS } from "../../model/provider-arguments";
import { OPEN_ATTRIBUTES } from "../../terraform/provider-arguments";
import { planTable } from "../../model/plan-table";
import { blockShapes } from "../../terraform/resource-block";
import { featurePrograms } from "../helpers/feature-programs";
import { notEmulated } from "../../local/create-table-input";
import { tablesOf } from "../../model/stack";
import { bothLayouts } from "../helpers/table-layouts";

const args: DynamoTableArgs = { tableName: "events", partitionKey: { name: "id", type: "S" }, providerArguments: { region: "eu-west-1" } };
const snake = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

describe("providerArguments (escape hatch)", () => {
  it("Pulumi gets the argument as an input of the table", async () => {
    const run = await runUnderMocks(() => new DynamoTable("events", args));
    assertMocksActive(run);
    assert.strictEqual(byName(run, "events", "aws:dynamodb/table:Table").inputs.region, "eu-west-1");
  });

  it("both layouts write the same argument; the module reads it from provider_arguments", async () => {
    const { flat, module, call } = await bothLayouts("events", args);
    assert.strictEqual(flat.region, "eu-west-1");
    assert.deepStrictEqual(call.provider_arguments, { region: "eu-west-1" });
    assert.strictEqual(module.region, "eu-west-1");
    const without = (await parseHcl((await toTerraform([dynamoTable("events", { ...args, providerArguments: undefined })], { layout: "module" }))["main.tf"])).module.events[0];
    assert.strictEqual(without.provider_arguments, undefined);
  });

  it("local lists them as not emulated", () => {
    assert.ok(notEmulated(dynamoTable("events", args).table).includes("providerArguments (region): passed to Pulumi and Terraform only; the emulator does not apply them"));
  });

  it("the owned list covers every argument the blueprint sets in any feature program", () => {
    const set = new Set<string>();
    const shapes = blockShapes("aws_dynamodb_table");
    for (const blueprints of Object.values(featurePrograms())) {
      for (const t of tablesOf(blueprints)) {
        for (const key of Object.keys(planTable(t.table).find((r) => r.role === "table")!.args)) set.add(shapes[key]?.tf ?? snake(key));
      }
    }
    set.delete("region"); // set only through providerArguments in one program
    const missing = [...set].filter((n) => !(n in MODEL_OWNED_ARGUMENTS));
    assert.deepStrictEqual(missing, []);
    assert.deepStrictEqual(OPEN_ATTRIBUTES, ["region"], "what hashicorp/aws 6.66.0 leaves open today");
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["an argument the blueprint sets", { billing_mode: "PROVISIONED" }, /providerArguments\.billing_mode: is an argument the blueprint sets itself.*Fix: use billingMode/],
    ["a camelCase name", { deletionProtectionEnabled: true }, /providerArguments\.deletionProtectionEnabled: is an argument the blueprint sets itself.*Fix: use deletionProtection/],
    ["a misspelt argument", { regoin: "eu-west-1" }, /providerArguments\.regoin: is not an argument of aws_dynamodb_table in hashicorp\/aws 6\.66\.0.*Fix: did you mean "region"\?/],
    ["a read-only attribute", { arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/x" }, /providerArguments\.arn: is read-only in hashicorp\/aws/],
    ["a wrong type", { region: ["eu-west-1"] }, /providerArguments\.region: does not fit the provider's type \(a string, number or boolean\)/],
    ["timeouts, which Pulumi has no input for", { timeouts: { create: "30m" } }, /providerArguments\.timeouts: is an argument the blueprint sets itself.*customTimeouts/],
    ["a second, different Region", { region: "eu-west-1", __region: true }, /providerArguments\.region: differs from region "us-east-1"/],
  ];
  for (const [rule, extra, message] of invalid) {
    it(`refuses ${rule} before anything is registered or written`, async () => {
      const { __region, ...providerArguments } = extra;
      const bad = { ...args, providerArguments, ...(__region ? { region: "us-east-1" } : {}) } as DynamoTableArgs;
      const refused = (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message);
      await assert.rejects(runUnderMocks(() => new DynamoTable("events", bad)), refused);
      await assert.rejects(async () => { await toTerraform([dynamoTable("events", bad)], { layout: "flat" }); }, refused);
    });
  }
});
