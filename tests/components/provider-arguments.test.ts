/**
 * The typed escape hatch (issue 15): `providerArguments` passes further `aws_dynamodb_table`
 * arguments, by provider name, to both renderers (the module reads every argument the blueprint does
 * not own from `var.provider_arguments`, generated from the provider schema). Unknown names (with a
 * did-you-mean), read-only ones, wrong types and arguments the blueprint owns (the table's `region`
 * included, issue 20) are refused before anything is registered or written, naming the input to use.
 */
import * as assert from "assert";
import { runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { MODEL_OWNED_ARGUMENTS } from "../../model/provider-arguments";
import { OPEN_ATTRIBUTES } from "../../terraform/provider-arguments";
import { planTable } from "../../model/plan-table";
import { blockShapes } from "../../terraform/resource-block";
import { featurePrograms } from "../helpers/feature-programs";
import { tablesOf } from "../../model/stack";

const args: DynamoTableArgs = { tableName: "events", partitionKey: { name: "id", type: "S" } };
const snake = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

describe("providerArguments (escape hatch)", () => {
  it("the owned list covers every argument the blueprint sets in any feature program; hashicorp/aws 6.66.0 leaves none open", () => {
    const set = new Set<string>();
    const shapes = blockShapes("aws_dynamodb_table");
    for (const blueprints of Object.values(featurePrograms())) {
      for (const t of tablesOf(blueprints)) {
        for (const key of Object.keys(planTable(t.table).find((r) => r.role === "table")!.args)) set.add(shapes[key]?.tf ?? snake(key));
      }
    }
    assert.ok(set.has("region"), "a feature program sets the table's region");
    const missing = [...set].filter((n) => !(n in MODEL_OWNED_ARGUMENTS));
    assert.deepStrictEqual(missing, []);
    // region became a first-class input (issue 20): nothing is left open until a newer schema adds arguments.
    assert.deepStrictEqual(OPEN_ATTRIBUTES, [], "what hashicorp/aws 6.66.0 leaves open today");
  });

  it("a program without providerArguments passes none to the module", async () => {
    const call = (await parseHcl((await toTerraform([dynamoTable("events", args)], { layout: "module" }))["main.tf"])).module.events[0];
    assert.strictEqual(call.provider_arguments, undefined);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["an argument the blueprint sets", { billing_mode: "PROVISIONED" }, /providerArguments\.billing_mode: is an argument the blueprint sets itself.*Fix: use billingMode/],
    ["a camelCase name", { deletionProtectionEnabled: true }, /providerArguments\.deletionProtectionEnabled: is an argument the blueprint sets itself.*Fix: use deletionProtection/],
    ["a misspelt argument", { regoin: "eu-west-1" }, /providerArguments\.regoin: is not an argument of aws_dynamodb_table in hashicorp\/aws 6\.66\.0.*Fix: did you mean "region"\? \(the blueprint sets it: use region/],
    ["a read-only attribute", { arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/x" }, /providerArguments\.arn: is read-only in hashicorp\/aws/],
    ["timeouts, which Pulumi has no input for", { timeouts: { create: "30m" } }, /providerArguments\.timeouts: is an argument the blueprint sets itself.*customTimeouts/],
    // The table's Region is a first-class input: the hatch names it, whatever the value's type.
    ["the Region (a first-class input)", { region: "eu-west-1" }, /providerArguments\.region: is an argument the blueprint sets itself.*\(got "eu-west-1"\).*Fix: use region/],
    ["the Region with a wrong type", { region: 5 }, /providerArguments\.region: is an argument the blueprint sets itself.*\(got 5\).*Fix: use region/],
  ];
  for (const [rule, extra, message] of invalid) {
    it(`refuses ${rule} before anything is registered or written`, async () => {
      const bad = { ...args, providerArguments: extra } as DynamoTableArgs;
      const refused = (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message);
      await assert.rejects(runUnderMocks(() => new DynamoTable("events", bad)), refused);
      await assert.rejects(async () => { await toTerraform([dynamoTable("events", bad)], { layout: "flat" }); }, refused);
    });
  }
});
