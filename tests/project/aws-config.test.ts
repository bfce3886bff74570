/**
 * `aws:*` stack config values are checked against the type the AWS provider reads them as
 * (project/aws-config.ts; @pulumi/aws 7.x config/vars.d.ts is the outside reference, compared in
 * tests/safety/stack-config-names.test.ts): `aws:maxRetries: "five"` fails `plan` with a message
 * naming the key, the value and the expected type, and nothing is planned.
 */
import * as assert from "assert";
import { parseStackConfig } from "../../project/stack-config";
import { BlueprintValidationError } from "../../model/errors";
import { DEV, cli, scratch } from "../safety/helpers";
import * as fs from "fs";
import { cli as userCli, userProject as userScratch } from "../helpers/user-project";

const base = { "dynamodb-blueprints:environment": "dev", "dynamodb-blueprints:stateBucketName": "acme-terraform-state-dev" };
const problemsOf = (values: Record<string, unknown>, secretKeys: string[] = []) => {
  try { parseStackConfig("dev", { ...base, ...values }, "Pulumi.dev.yaml", secretKeys); } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, String(e));
    return e.problems.map((p) => `${p.where}: ${p.message} (got ${JSON.stringify(p.value)}). Fix: ${p.fix}`);
  }
  return [];
};

describe("project: aws:* stack config is type-checked", () => {
  it("plan refuses aws:maxRetries: five, naming key, value and type, and plans nothing", async () => {
    const project = scratch({ "Pulumi.dev.yaml": DEV.replace("aws:region: us-east-1", "aws:region: us-east-1\n  aws:maxRetries: five") });
    try {
      const ran = await cli(["plan", "--stack", "dev"], project);
      assert.strictEqual(ran.code, 2, ran.err);
      assert.match(ran.err, /config\.aws:maxRetries: must be a whole number: the AWS provider reads aws:maxRetries as a number \(got "five"\)\. Fix: write aws:maxRetries: 5/);
      assert.strictEqual(ran.out, "");
    } finally { fs.rmSync(project, { recursive: true, force: true }); }
  });

  // A user's own project (not the reference program, whose namespace project/stack-config.ts owns)
  // reads aws:* config through the same AWS provider, so the same values are refused there too.
  const userProject = (stackFile: string) => userScratch({
    "Pulumi.yaml": "name: inventory-service\nruntime: nodejs\n", "Pulumi.dev.yaml": stackFile,
    "index.ts": 'import * as sqs from "@pulumi/aws/sqs";\nnew sqs.Queue("jobs");\n',
  });
  const userRows: [string, RegExp][] = [
    ["aws:maxRetries: five", /Pulumi\.dev\.yaml config\.aws:maxRetries: must be a whole number: the AWS provider reads aws:maxRetries as a number \(got "five"\)\. Fix: write aws:maxRetries: 5/],
    ["aws:regoin: eu-west-1", /config\.aws:regoin: is not a config key of the AWS provider.*\(got "regoin"\)\. Fix: did you mean "aws:region"\?/],
    ["aws:region: eu-west", /config\.aws:region: is not an AWS region name \(got "eu-west"\)/],
    ["AWS:region: eu-west-1", /config\.AWS:region: is not the AWS provider's namespace/],
  ];
  for (const [line, message] of userRows) {
    it(`a user's project: plan refuses ${line} before the program runs`, async () => {
      const ran = await userCli(userProject(`config:\n  ${line}\n`), "plan", "--stack", "dev");
      assert.strictEqual(ran.code, 2, ran.out + ran.err);
      assert.match(ran.err, message);
      assert.strictEqual(ran.out, "");
    });
  }

  it("a user's project with valid aws:* values plans", async () => {
    const ran = await userCli(userProject("config:\n  aws:region: eu-west-1\n  aws:maxRetries: 5\n  aws:defaultTags:\n    tags:\n      team: core\n"), "plan", "--stack", "dev");
    assert.strictEqual(ran.code, 0, ran.out + ran.err);
    assert.match(ran.out, /aws:sqs\/queue:Queue jobs/);
  });

  const bad: [string, unknown, RegExp][] = [
    ["aws:maxRetries", "5.5", /must be a whole number/],
    ["aws:skipCredentialsValidation", "maybe", /must be true or false: the AWS provider reads aws:skipCredentialsValidation as true or false/],
    ["aws:allowedAccountIds", "123456789012", /must be a list of strings/],
    ["aws:defaultTags", "team=core", /must be an object \(a YAML map\)/],
    ["aws:assumeRoles", { roleArn: "arn:aws:iam::123456789012:role/x" }, /must be a list of objects/],
    ["aws:tokenBucketRateLimiterCapacity", true, /must be a whole number/],
  ];
  for (const [key, value, message] of bad) {
    it(`refuses ${key}: ${JSON.stringify(value)}`, () => {
      const problems = problemsOf({ [key]: value });
      assert.strictEqual(problems.length, 1, problems.join("\n"));
      assert.match(problems[0], new RegExp(`config\\.${key}: ${message.source}`));
    });
  }

  it("accepts each type written natively or as the JSON text Pulumi stores", () => {
    assert.deepStrictEqual(problemsOf({
      "aws:maxRetries": 5, "aws:tokenBucketRateLimiterCapacity": "10000", "aws:skipCredentialsValidation": "true", "aws:insecure": false,
      "aws:allowedAccountIds": ["123456789012"], "aws:sharedConfigFiles": '["~/.aws/config"]', "aws:defaultTags": { tags: { team: "core" } },
      "aws:ignoreTags": '{"keys":["x"]}', "aws:assumeRoles": [{ roleArn: "arn:aws:iam::123456789012:role/x" }], "aws:profile": "prod",
    }), []);
  });

  it("a secret of the wrong type is refused without echoing it; an encrypted value is not read", () => {
    const problems = problemsOf({ "aws:maxRetries": "hunter2" }, ["aws:maxRetries"]);
    assert.strictEqual(problems.length, 1);
    assert.ok(problems[0].includes("(a secret)") && !problems[0].includes("hunter2"), problems[0]);
    assert.deepStrictEqual(problemsOf({ "aws:maxRetries": { secure: "v1:abc" } }), []);
  });
});
