// test/orders.test.ts: the orders service under Pulumi mocks (npm test).
import * as assert from "assert";
import * as path from "path";
import { toTerraform } from "dynamodb-blueprints";
import { assertMocksActive, findResource, runProgram } from "dynamodb-blueprints/testing";

const project = path.resolve(__dirname, "..");
const TABLE = "aws:dynamodb/table:Table";

describe("orders service", function () {
  this.timeout(60_000);

  it("dev: the table streams to the Lambda, failures go to the DLQ, nothing is protected", async () => {
    const run = await runProgram(project, { stack: "dev" });
    assertMocksActive(run);
    const table = findResource(run, TABLE, "orders");
    assert.strictEqual(table.inputs.streamViewType, "NEW_AND_OLD_IMAGES");
    assert.strictEqual(table.protect, false);
    const mapping = findResource(run, "aws:lambda/eventSourceMapping:EventSourceMapping", "orders-stream-consumer");
    assert.strictEqual(mapping.inputs.functionName, findResource(run, "aws:lambda/function:Function", "order-events").outputs?.arn);
    assert.strictEqual(mapping.inputs.destinationConfig.onFailure.destinationArn, findResource(run, "aws:sqs/queue:Queue", "order-events-dlq").outputs?.arn);
  });

  it("prod: the table is protected, deletion-protected and under a customer-managed key", async () => {
    const run = await runProgram(project, { stack: "prod" });
    assertMocksActive(run);
    const table = findResource(run, TABLE, "orders");
    assert.deepStrictEqual([table.protect, table.retainOnDelete, table.inputs.deletionProtectionEnabled], [true, true, true]);
    assert.ok(table.inputs.serverSideEncryption?.kmsKeyArn, "customer-managed key");
  });

  it("the Terraform takes the Lambda, the queue and the roles as variables, never as mock values", async () => {
    const run = await runProgram(project, { stack: "dev" });
    const files = await toTerraform(run.components.map((c) => c.resource) as never, { stack: "dev" });
    assert.match(files["main.tf"], /function_name += var\.orders_stream_consumer_function_arn/);
    assert.match(files["inputs.tf"], /variable "orders_stream_consumer_on_failure_destination_arn"/);
    assert.doesNotMatch(Object.values(files).join("\n"), /123456789012/);
  });
});
