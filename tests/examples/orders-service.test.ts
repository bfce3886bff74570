/**
 * examples/orders-service, run against this checkout's sources (tests/helpers/example-project.ts):
 * its own mocha test runs inside this suite; `check --strict` passes on dev and prod; the committed
 * Terraform is exactly what `hcl` emits now (UPDATE_EXAMPLES=1 rewrites it), holds no mock-derived
 * value and passes the provider-schema check; a `dynamodb-blueprints:typo` key fails with the valid list.
 * The consumer test (tests/consumer) runs the same example against the packed tarball.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES, exampleProject } from "../helpers/example-project";
import { cli } from "../helpers/user-project";
import { providerProblems } from "../helpers/provider-check";
import { formatHcl } from "../hcl/tools";
import { ACCOUNT_ID } from "../../testing/record";

const NAME = "orders-service";
const COMMITTED = path.join(EXAMPLES, NAME, "terraform");
const STACKS = ["dev", "prod"] as const;

/** Every file under a directory, relative path -> text. */
function readTree(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries((fs.readdirSync(dir, { recursive: true }) as string[]).map(String)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort()
    .map((f) => [f.split(path.sep).join("/"), fs.readFileSync(path.join(dir, f), "utf8")]));
}

/** What a value from the default mocks looks like: the mock account, or the mocks' `:key/` ARN of a non-KMS resource. */
const MOCK_VALUES = [new RegExp(ACCOUNT_ID), /arn:aws:(?!kms)[a-z0-9-]+:[a-z0-9-]*:\d*:key\//, /order-events-(?:role|dlq)-id/];

// The copy is made while mocha loads this file, so the example's own test file registers its suites here.
const copy = exampleProject(NAME);

describe("examples/orders-service (against this checkout)", function () {
  this.timeout(120_000);
  const emitted: Record<string, Record<string, string>> = {};

  before(async () => {
    for (const stack of STACKS) {
      const r = await cli(copy, "hcl", "--stack", stack, "--out", `terraform/${stack}`);
      assert.strictEqual(r.code, 0, r.out + r.err);
      assert.match(r.out, /inputs\.tf declares 4 variables for values the program took from other Pulumi resources: give them with -var or a \.tfvars file\./);
      emitted[stack] = readTree(path.join(copy, "terraform", stack));
    }
  });

  for (const stack of STACKS) {
    it(`check --strict --stack ${stack} passes (exit 0, no WARN, no FAIL)`, async () => {
      const r = await cli(copy, "check", "--stack", stack, "--strict", "--json");
      const report = JSON.parse(r.out);
      const notPassing = report.items.filter((i: { status: string }) => i.status !== "PASS").map((i: { id: string; reason: string; details: string[] }) => `${i.id}: ${i.reason} ${i.details.join("; ")}`);
      assert.deepStrictEqual(notPassing, []);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(report.production.tables, stack === "prod" ? ["orders-prod", "orders-service-tf-locks-prod"] : []);
    });

    it(`${stack}: the committed Terraform is what hcl emits now`, () => {
      if (process.env.UPDATE_EXAMPLES === "1") {
        fs.rmSync(path.join(COMMITTED, stack), { recursive: true, force: true });
        fs.cpSync(path.join(copy, "terraform", stack), path.join(COMMITTED, stack), { recursive: true });
      }
      assert.deepStrictEqual(readTree(path.join(COMMITTED, stack)), emitted[stack],
        `examples/${NAME}/terraform/${stack} is stale: run UPDATE_EXAMPLES=1 npx mocha tests/examples/orders-service.test.ts`);
    });

    it(`${stack}: the emitted Terraform holds no mock-derived value; the Lambda, queue and roles are variables; it passes the provider schema`, async () => {
      const files = emitted[stack];
      for (const [file, text] of Object.entries(files)) {
        for (const pattern of MOCK_VALUES) assert.doesNotMatch(text, pattern, `${file} holds a mock value`);
        assert.strictEqual(await formatHcl(text), text, `${file} is fmt-clean`);
      }
      const variables = [...files["inputs.tf"].matchAll(/^variable "([^"]+)"/gm)].map((m) => m[1]);
      assert.deepStrictEqual(variables, ["orders_grants_1_role", "orders_stream_consumer_function_arn", "orders_stream_consumer_on_failure_destination_arn", "orders_stream_consumer_role_name"]);
      assert.match(files["main.tf"], /function_name += var\.orders_stream_consumer_function_arn\n/);
      assert.match(files["main.tf"], /destination_arn = var\.orders_stream_consumer_on_failure_destination_arn\n/);
      assert.deepStrictEqual(await providerProblems(files), []);
    });
  }

  it("a dynamodb-blueprints:typo key in the stack file fails, listing the valid keys, before the program runs", async () => {
    const typo = exampleProject(NAME, (file, text) => (file === "Pulumi.dev.yaml" ? `${text}  dynamodb-blueprints:typo: true\n` : text));
    const r = await cli(typo, "check", "--stack", "dev");
    assert.strictEqual(r.code, 2, r.out + r.err);
    assert.match(r.err, /Pulumi\.dev\.yaml config\.dynamodb-blueprints:typo: is not a setting dynamodb-blueprints reads \(valid: dynamodb-blueprints:production\)/);
    const protect = exampleProject(NAME, (file, text) => (file === "Pulumi.dev.yaml" ? `${text}  dynamodb-blueprints:protect: true\n` : text));
    const p = await cli(protect, "plan", "--stack", "dev");
    assert.strictEqual(p.code, 2);
    assert.match(p.err, /dynamodb-blueprints:protect: is not a setting .*Fix: .*\{ protect: true \} as a resource option/);
  });
});

// The example's own mocha test, registered in this run against the copy.
require(path.join(copy, "test", "orders.test.ts"));
