/**
 * Values from other resources' outputs are emitted as Terraform variables, never as the mock values
 * they resolve to under mocks (terraform/foreign-inputs.ts). Checked with the default mocks, with a
 * user's own `setMocks`, with unknown outputs, against HashiCorp's parser and the provider schema.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import { DynamoTable } from "../../components";
import { assertMocksActive, record } from "../../testing";
import { ACCOUNT_ID } from "../../testing/record";
import { toTerraform } from "../../terraform/to-terraform";
import { createdByPackage } from "../../terraform/foreign-inputs";
import { parseHcl, formatHcl } from "../hcl/tools";
import { providerProblems } from "../helpers/provider-check";

const LAYOUTS = ["module", "flat"] as const;

/** A Lambda, a queue and a table consuming its stream through them: the orders-service shape. */
function consumerProgram(names = { fn: "order-events", dlq: "order-events-dlq" }, extra: Partial<ConstructorParameters<typeof DynamoTable>[1]> = {}) {
  const out: { table?: DynamoTable; fn?: lambda.Function; dlq?: sqs.Queue } = {};
  const program = () => {
    out.dlq = new sqs.Queue(names.dlq, {});
    out.fn = new lambda.Function(names.fn, { role: "arn:aws:iam::111122223333:role/fn", runtime: "nodejs22.x", handler: "index.handler" });
    out.table = new DynamoTable("orders", {
      tableName: "orders-dev",
      partitionKey: { name: "orderId", type: "S" },
      streamViewType: "NEW_AND_OLD_IMAGES",
      streamConsumer: { functionArn: out.fn.arn, onFailureDestinationArn: out.dlq.arn },
      ...extra,
    });
  };
  return { out, program };
}

const variables = async (files: Record<string, string>) => (await parseHcl(files["inputs.tf"] ?? "")).variable ?? {};
const MOCK_VALUES = [new RegExp(ACCOUNT_ID), /arn:aws:lambda:[^"]*:key\//, /arn:aws:sqs:[^"]*:key\//];

describe("terraform/foreign-inputs: values from other resources become variables", () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: a stream consumer's function and DLQ are variables, typed and described with their Pulumi resource`, async () => {
      const { out, program } = consumerProgram();
      const run = await record(program);
      assertMocksActive(run);
      const files = await toTerraform([out.table!], { layout });
      for (const [file, text] of Object.entries(files)) {
        for (const pattern of MOCK_VALUES) assert.ok(!pattern.test(text), `${file} holds a mock value (${pattern}):\n${text}`);
        assert.strictEqual(await formatHcl(text), text, `${file} is not fmt-clean`);
      }
      const vars = await variables(files);
      assert.deepStrictEqual(Object.keys(vars).sort(), ["orders_stream_consumer_function_arn", "orders_stream_consumer_on_failure_destination_arn"]);
      const fn = vars.orders_stream_consumer_function_arn[0];
      assert.strictEqual(fn.type, "${string}");
      assert.match(fn.description, /urn:pulumi:test::project::aws:lambda\/function:Function::order-events \(created outside dynamodb-blueprints\)/);
      const main = await parseHcl(files[layout === "module" ? "main.tf" : "orders.tf"]);
      const mapping = main.resource.aws_lambda_event_source_mapping.orders[0];
      assert.strictEqual(mapping.function_name, "${var.orders_stream_consumer_function_arn}");
      assert.strictEqual(mapping.destination_config[0].on_failure[0].destination_arn, "${var.orders_stream_consumer_on_failure_destination_arn}");
      assert.deepStrictEqual(await providerProblems(files), []);
    });
  }

  it("module layout: a key from another resource is wired through the module call", async () => {
    let keyed: DynamoTable | undefined;
    const run = await record(() => {
      const key = new kms.Key("orders-key", { enableKeyRotation: true });
      keyed = new DynamoTable("keyed", { tableName: "keyed-dev", partitionKey: { name: "id", type: "S" }, encryption: "CUSTOMER_MANAGED", kmsKeyArn: key.arn });
    });
    assertMocksActive(run);
    const files = await toTerraform([keyed!], { layout: "module" });
    const call = (await parseHcl(files["main.tf"])).module.keyed[0];
    assert.strictEqual(call.kms_key_arn, "${var.keyed_kms_key_arn}");
    assert.ok(!Object.values(files).join("\n").includes(ACCOUNT_ID));
    assert.deepStrictEqual(await providerProblems(files), []);
  });

  it("the same Output used twice is one variable; a resource-free Output is its value", async () => {
    const { out, program } = consumerProgram();
    await record(program);
    let table: DynamoTable | undefined;
    await record(() => {
      table = new DynamoTable("twice", {
        tableName: "twice-dev", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_IMAGE",
        streamConsumer: { functionArn: out.fn!.arn, onFailureDestinationArn: out.dlq!.arn },
        tags: { Consumer: out.fn!.arn, Team: pulumi.output("orders") },
      });
    });
    const files = await toTerraform([table!], { layout: "flat" });
    const vars = await variables(files);
    // Named after its first use in the blueprint (tags come before streamConsumer), described with both.
    assert.deepStrictEqual(Object.keys(vars).sort(), ["twice_stream_consumer_on_failure_destination_arn", "twice_tags_consumer"]);
    assert.match(vars.twice_tags_consumer[0].description, /^DynamoTable "twice" tags\.Consumer; DynamoTable "twice" streamConsumer\.functionArn: from/);
    const parsed = await parseHcl(files["twice.tf"]);
    assert.deepStrictEqual(parsed.resource.aws_dynamodb_table.twice[0].tags, { Consumer: "${var.twice_tags_consumer}", Team: "orders" });
    assert.strictEqual(parsed.resource.aws_lambda_event_source_mapping.twice[0].function_name, "${var.twice_tags_consumer}");
  });

  it("under the user's own mocks, with an output the mocks leave unknown, the value is still a variable", async () => {
    let table: DynamoTable | undefined;
    await pulumi.runtime.setMocks({
      // The user's mocks answer with a plausible ARN for the function and nothing for the queue (unknown in a preview).
      newResource: (args) => ({ id: `${args.name}-id`, state: args.type === "aws:lambda/function:Function" ? { ...args.inputs, arn: "arn:aws:lambda:eu-west-1:999988887777:function:real-looking" } : { ...args.inputs } }),
      call: () => ({}),
    }, "orders-service", "dev", true);
    const run = await record(() => {
      const dlq = new sqs.Queue("dlq", {});
      const fn = new lambda.Function("fn", { role: "arn:aws:iam::111122223333:role/fn", runtime: "nodejs22.x", handler: "index.handler" });
      table = new DynamoTable("orders", { tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_IMAGE",
        streamConsumer: { functionArn: fn.arn, onFailureDestinationArn: dlq.arn } });
    });
    assertMocksActive(run);
    const files = await toTerraform([table!], { layout: "flat" });
    assert.ok(!/999988887777/.test(Object.values(files).join("\n")), "the user's mock value reached the HCL");
    const vars = await variables(files);
    assert.match(vars.orders_stream_consumer_on_failure_destination_arn[0].description, /urn:pulumi:dev::orders-service::aws:sqs\/queue:Queue::dlq/);
    assert.deepStrictEqual(await providerProblems(files), []);
  });

  it("hostile resource names cannot inject HCL: names stay identifiers, descriptions stay strings", async () => {
    const hostile = { fn: 'x" }\nresource "aws_iam_user" "evil" { name = "${var.y}', dlq: "q%{ if true }::$" };
    const { out, program } = consumerProgram(hostile);
    await record(program);
    const files = await toTerraform([out.table!], { layout: "module" });
    const parsed = await parseHcl(files["inputs.tf"]);
    assert.deepStrictEqual(Object.keys(parsed), ["variable"], "inputs.tf declares only variables");
    const description = parsed.variable.orders_stream_consumer_function_arn[0].description as string;
    assert.ok(description.includes('x" }'), description);
    assert.ok(!Object.values(files).join("\n").includes('resource "aws_iam_user"'));
    assert.deepStrictEqual(await providerProblems(files), []);
  });

  it("a URN is the package's when its type chain holds one of its components", () => {
    assert.strictEqual(createdByPackage("urn:pulumi:dev::app::dynamodb-blueprints:index:DynamoTable$aws:kms/key:Key::orders"), true);
    assert.strictEqual(createdByPackage("urn:pulumi:dev::app::my:app:Service$dynamodb-blueprints:index:DynamoTable$aws:kms/key:Key::k"), true);
    assert.strictEqual(createdByPackage("urn:pulumi:dev::app::my:app:Service$aws:lambda/function:Function::dynamodb-blueprints:index:X"), false);
  });
});
