/**
 * Kinesis Data Streams destination: validation before anything is planned (ARN form, same region as
 * the table, precision), the planned resource, the Pulumi resource under mocks, `plan` and `local`.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { tableProblems } from "../../helpers/table-features";
import { planTable } from "../../../model/plan-table";
import { notEmulated } from "../../../local/create-table-input";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { DynamoTable } from "../../../components";
import { settingsOf } from "../../../cli/render-tree";

const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" }, region: "us-east-1" };
const STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/order-changes";

const problemsOf = (args: Record<string, unknown>) => tableProblems(base, args);

describe("model: Kinesis Data Streams destination", () => {
  const at = `DynamoTable "orders".kinesisStreamingDestination`;

  it("refuses a missing or malformed stream ARN, a stream in another region, and an unknown precision", () => {
    assert.deepStrictEqual(problemsOf({ kinesisStreamingDestination: {} }), [[`${at}.streamArn`, "is required", "give the Kinesis data stream's ARN, arn:aws:kinesis:<region>:<account>:stream/<name>"]]);
    assert.deepStrictEqual(problemsOf({ kinesisStreamingDestination: { streamArn: "arn:aws:sqs:us-east-1:123456789012:q" } }),
      [[`${at}.streamArn`, "is not a Kinesis data stream ARN", "use arn:aws:kinesis:<region>:<account>:stream/<name>"]]);
    assert.deepStrictEqual(problemsOf({ kinesisStreamingDestination: { streamArn: STREAM.replace("us-east-1", "eu-west-1") } }),
      [[`${at}.streamArn`, "is in eu-west-1, not in the table's region us-east-1", "use a stream in us-east-1 (DynamoDB streams only to its own region)"]]);
    assert.deepStrictEqual(problemsOf({ kinesisStreamingDestination: { streamArn: STREAM, approximateCreationDateTimePrecision: "NANOSECOND" } }).map((p) => p.slice(0, 2)),
      [[`${at}.approximateCreationDateTimePrecision`, "is not a timestamp precision"]]);
  });

  it("plans one destination on the table's name, with the precision only when given", () => {
    const plan = (k: unknown) => planTable(dynamoTable("orders", { ...base, kinesisStreamingDestination: k } as TableArgs).table)
      .filter((r) => r.type === "aws_dynamodb_kinesis_streaming_destination").map((r) => [r.name, r.tfName, r.args]);
    // The table's region (issue 20) places the destination with the table.
    assert.deepStrictEqual(plan({ streamArn: STREAM }), [["orders-kinesis", "orders", { streamArn: STREAM, tableName: { $ref: "orders", attribute: "name" }, region: "us-east-1" }]]);
    assert.deepStrictEqual(plan({ streamArn: STREAM, approximateCreationDateTimePrecision: "MICROSECOND" })[0][2],
      { streamArn: STREAM, tableName: { $ref: "orders", attribute: "name" }, approximateCreationDateTimePrecision: "MICROSECOND", region: "us-east-1" });
    assert.deepStrictEqual(plan(undefined), []);
  });

  it("Pulumi registers aws.dynamodb.KinesisStreamingDestination under the component; plan and local show it", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", { ...base, kinesisStreamingDestination: { streamArn: STREAM } }));
    assertMocksActive(run);
    const found = run.resources.filter((r) => r.type === "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination");
    assert.deepStrictEqual(found.map((r) => [r.name, r.inputs, r.parent?.type]), [["orders-kinesis", { streamArn: STREAM, tableName: "orders", region: "us-east-1" }, "dynamodb-blueprints:index:DynamoTable"]]);
    assert.deepStrictEqual(settingsOf(run.resources, found[0]), { table: "orders", stream: STREAM });
    const lines = notEmulated(dynamoTable("orders", { ...base, kinesisStreamingDestination: { streamArn: STREAM } }).table);
    assert.ok(lines.includes(`Kinesis Data Streams destination ${STREAM}: dynalite has no Kinesis; item changes go nowhere locally`), lines.join("\n"));
  });
});
