/**
 * The emitted Terraform against the hashicorp/aws provider schema (terraform/schema/aws-<version>.json,
 * derived from the provider by `npm run schema:update`; `npm run schema:check` proves it current):
 * dev and prod in both layouts, and programs that switch on every feature. See
 * tests/helpers/provider-check.ts for what is checked.
 */
import * as assert from "assert";
import * as path from "path";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";
import { Blueprint } from "../../model/stack";
import { providerProblems } from "../helpers/provider-check";
import { featurePrograms } from "../helpers/feature-programs";
import { PROVIDER_SCHEMA } from "../../terraform/provider-schema";

const ROOT = path.resolve(__dirname, "../..");

async function assertValid(blueprints: Blueprint[], layout: "flat" | "module", stack: string, fullModule = false): Promise<void> {
  const problems = await providerProblems(await toTerraform(blueprints, { layout, stack, ...(fullModule ? { fullModule } : {}) }));
  assert.deepStrictEqual(problems, [], `${stack} (${layout}) is not valid for ${PROVIDER_SCHEMA.provider} ${PROVIDER_SCHEMA.providerVersion}:\n${problems.join("\n")}`);
}

describe(`terraform against the ${PROVIDER_SCHEMA.provider} ${PROVIDER_SCHEMA.providerVersion} schema`, () => {
  for (const layout of ["flat", "module"] as const) {
    for (const stack of ["dev", "prod"]) {
      it(`stack ${stack}, ${layout} layout`, () => assertValid(loadStack(ROOT, stack).blueprints, layout, stack));
    }
    for (const [name, blueprints] of Object.entries(featurePrograms())) {
      it(`${name}, ${layout} layout`, () => assertValid(blueprints, layout, "features"));
    }
  }
  // The full module (every variant and argument: the one to publish for a shared module source).
  for (const stack of ["dev", "prod"]) it(`stack ${stack}, full module`, () => assertValid(loadStack(ROOT, stack).blueprints, "module", stack, true));
  for (const [name, blueprints] of Object.entries(featurePrograms())) it(`${name}, full module`, () => assertValid(blueprints, "module", "features", true));

  it("the checker catches what terraform validate would (it can fail)", async () => {
    const files = {
      "main.tf": [
        'resource "aws_cloudwatch_metric_alarm" "a" {',
        '  name                = "x"',
        '  comparison_operator = "GreaterThanThreshold"',
        "  evaluation_periods  = 1",
        '  arn                 = "read-only"',
        "  point_in_time_recovery {",
        "    enabled = true",
        "  }",
        "}",
        'resource "aws_dynamodb_table" "t" {',
        '  name = aws_kms_key.missing.arn',
        '  server_side_encryption = { enabled = true }',
        '  ttl = [{ enabled = true }]',
        "  lifecycle {",
        "    ignore_changes = [capacity]",
        "  }",
        "}",
        'module "m" {',
        '  source = "./modules/x"',
        "  extra  = var.nope",
        "}",
      ].join("\n") + "\n",
      "modules/x/variables.tf": 'variable "needed" {\n  type = string\n}\n',
    };
    const problems = (await providerProblems(files)).join("\n");
    for (const expected of [
      'aws_cloudwatch_metric_alarm.a: argument "name" is not in hashicorp/aws',
      'aws_cloudwatch_metric_alarm.a: required argument "alarm_name" is missing',
      'aws_cloudwatch_metric_alarm.a: "arn" is read-only',
      'aws_cloudwatch_metric_alarm.a: argument "point_in_time_recovery" is not in',
      '"server_side_encryption" is a block',
      'aws_dynamodb_table.t: "ttl" is a block in hashicorp/aws 6.66.0 but is written as an attribute',
      "reference aws_kms_key.missing.arn names no resource",
      'ignore_changes entry "capacity"',
      'module.m passes "extra"',
      'module.m does not pass required variable "needed"',
      "var.nope is not declared",
    ]) assert.ok(problems.includes(expected), `missing problem "${expected}" in:\n${problems}`);
  });
});
