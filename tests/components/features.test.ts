/**
 * The practice beyond the article's snippets, through both renderers: a stream consumer, global-table
 * replicas, on-demand caps, adopting an existing table, and monitoring with an existing topic.
 * Pulumi side under mocks; Terraform side parsed with HashiCorp's parser; validation for each.
 */
import * as assert from "assert";
import { ACCOUNT_ID, assertMocksActive, byName, inventory, runUnderMocks } from "../helpers/pulumi-mocks";
import { formatHcl, parseHcl } from "../hcl/tools";
import { DynamoTable, DynamoTableArgs, ProductionTable, BlueprintValidationError } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
const DLQ = "arn:aws:sqs:us-east-1:123456789012:order-events-dlq";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:oncall";
const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/eu";
const args: DynamoTableArgs = {
  tableName: "events", partitionKey: { name: "id", type: "S" }, region: "us-east-1",
  streamViewType: "NEW_AND_OLD_IMAGES",
  streamConsumer: { functionArn: FUNCTION, batchSize: 50, onFailureDestinationArn: DLQ },
  replicas: [{ region: "eu-west-1" }, { region: "ap-southeast-2", pointInTimeRecovery: false }],
  onDemandThroughput: { maxReadRequestUnits: 1000, maxWriteRequestUnits: 500 },
  monitoring: { alarmTopicArn: TOPIC, throttleThreshold: 5 },
  importFrom: "events",
};

async function hclOf(layout: "flat" | "module") {
  const files = await toTerraform([dynamoTable("events", args)], { layout });
  for (const [file, text] of Object.entries(files)) assert.strictEqual(await formatHcl(text), text, `${file} is fmt-clean`);
  return files;
}

describe("components: streams, replicas, caps, import and monitoring", () => {
  it("Pulumi: the consumer, replicas, caps, import option and alarms on the given topic", async () => {
    const run = await runUnderMocks(() => new DynamoTable("events", args));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run).filter((l) => !l.includes("metricAlarm")), [
      "aws:dynamodb/table:Table events",
      "aws:lambda/eventSourceMapping:EventSourceMapping events-stream-consumer",
      "dynamodb-blueprints:index:DynamoTable events",
    ], "no topic is created when one is given");
    const table = byName(run, "events", "aws:dynamodb/table:Table");
    assert.strictEqual(table.importId, "events");
    assert.deepStrictEqual(table.inputs.replicas, [
      { regionName: "eu-west-1", pointInTimeRecovery: true, deletionProtectionEnabled: false, propagateTags: true },
      { regionName: "ap-southeast-2", pointInTimeRecovery: false, deletionProtectionEnabled: false, propagateTags: true },
    ]);
    assert.deepStrictEqual(table.inputs.onDemandThroughput, { maxReadRequestUnits: 1000, maxWriteRequestUnits: 500 });
    const consumer = byName(run, "events-stream-consumer").inputs;
    assert.deepStrictEqual(consumer, {
      eventSourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2026-11-23T00:00:00.000",
      functionName: FUNCTION, batchSize: 50, startingPosition: "LATEST", maximumRetryAttempts: 3, bisectBatchOnFunctionError: true,
      destinationConfig: { onFailure: { destinationArn: DLQ } },
      region: "us-east-1", // the table's region (issue 20): the consumer lives where the stream is
    });
    const latency = byName(run, "events-replication-latency-eu-west-1").inputs;
    assert.deepStrictEqual([latency.metricName, latency.dimensions, latency.alarmActions], ["ReplicationLatency", { TableName: "events", ReceivingRegion: "eu-west-1" }, [TOPIC]]);
    assert.strictEqual(byName(run, "events-write-throttles").inputs.threshold, 5);
    assert.strictEqual(byName(run, "events-read-capacity").inputs.metricQueries[0].expression, "100 * (consumed / 60) / 1000", "capacity against the on-demand cap");
  });

  it("Terraform flat: the same, with an import block and the stream ARN by reference", async () => {
    const files = await hclOf("flat");
    const parsed = await parseHcl(files["events.tf"]);
    const table = parsed.resource.aws_dynamodb_table.events[0];
    assert.deepStrictEqual(table.replica.map((r: any) => r.region_name), ["eu-west-1", "ap-southeast-2"]);
    assert.deepStrictEqual(table.on_demand_throughput, [{ max_read_request_units: 1000, max_write_request_units: 500 }]);
    assert.deepStrictEqual(parsed.import, [{ to: "${aws_dynamodb_table.events}", id: "events" }]);
    const mapping = parsed.resource.aws_lambda_event_source_mapping.events[0];
    assert.strictEqual(mapping.event_source_arn, "${aws_dynamodb_table.events.stream_arn}");
    assert.deepStrictEqual(mapping.destination_config, [{ on_failure: [{ destination_arn: DLQ }] }]);
    assert.deepStrictEqual(parsed.resource.aws_cloudwatch_metric_alarm.events_read_throttles[0].alarm_actions, [TOPIC]);
    assert.ok(!parsed.resource.aws_sns_topic, "no topic when one is given");
  });

  it("Terraform module: replicas and caps go through the module; the import targets the selected variant", async () => {
    const files = await hclOf("module");
    const root = await parseHcl(files["main.tf"]);
    const call = root.module.events[0];
    assert.deepStrictEqual(call.replicas.map((r: any) => r.region_name), ["eu-west-1", "ap-southeast-2"]);
    assert.deepStrictEqual(call.on_demand_throughput, { max_read_request_units: 1000, max_write_request_units: 500 });
    assert.deepStrictEqual(root.import, [{ to: "${module.events.aws_dynamodb_table.this[0]}", id: "events" }]);
    assert.strictEqual(root.resource.aws_lambda_event_source_mapping.events[0].event_source_arn, "${module.events.stream_arn}");
    assert.deepStrictEqual(root.resource.aws_cloudwatch_metric_alarm.events_read_throttles[0].dimensions, { TableName: "${module.events.table_name}" });
    const body = (await parseHcl(files["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table.this[0];
    assert.ok(body.dynamic.replica && body.dynamic.on_demand_throughput, "the module renders replicas and caps");
  });

  it("a created alarm topic is encrypted and every alarm notifies it", async () => {
    const run = await runUnderMocks(() => new DynamoTable("audit", { partitionKey: { name: "id", type: "S" }, monitoring: {} }));
    assertMocksActive(run);
    const topic = byName(run, "audit-alarms");
    const key = byName(run, "audit-alarms-key");
    assert.strictEqual(topic.inputs.name, "audit-alarms");
    assert.strictEqual(topic.inputs.kmsMasterKeyId, (key as { outputs?: Record<string, string> }).outputs?.arn, "the topic uses its own CMK, not alias/aws/sns");
    const alarms = run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.strictEqual(alarms.length, 5);
    const topicArn = (topic as { outputs?: Record<string, string> }).outputs?.arn;
    assert.ok(topicArn?.startsWith("arn:aws:sns:"), `mock topic ARN ${topicArn}`);
    for (const a of alarms) assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topicArn], [topicArn]], a.name);
  });

  it("the alarm topic's key rotates, lets CloudWatch publish, and is protected like the table's key", async () => {
    const run = await runUnderMocks(() => new ProductionTable("ledger", { partitionKey: { name: "id", type: "S" }, monitoring: {} }));
    assertMocksActive(run);
    const key = byName(run, "ledger-alarms-key");
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    const policy = JSON.parse(key.inputs.policy);
    const cloudwatch = policy.Statement.find((s: any) => s.Principal?.Service === "cloudwatch.amazonaws.com");
    assert.deepStrictEqual([cloudwatch?.Effect, cloudwatch?.Action], ["Allow", ["kms:Decrypt", "kms:GenerateDataKey*"]]);
    const admin = policy.Statement.find((s: any) => s.Action === "kms:*");
    assert.strictEqual(admin?.Principal?.AWS, `arn:aws:iam::${ACCOUNT_ID}:root`);
    assert.ok(policy.Statement.every((s: any) => s.Principal !== "*" && s.Principal?.AWS !== "*"), "no statement for everyone");
    const tableKey = byName(run, "ledger-key");
    assert.deepStrictEqual([key.protect, key.retainOnDelete], [tableKey.protect, tableKey.retainOnDelete]);
    assert.deepStrictEqual([key.protect, key.retainOnDelete], [true, true]);
  });

  const invalid: [string, Partial<DynamoTableArgs>, RegExp][] = [
    ["consumer without a stream", { streamViewType: undefined }, /streamConsumer: needs the table's stream.*streamViewType/],
    ["replicas need NEW_AND_OLD_IMAGES", { streamViewType: "NEW_IMAGE", streamConsumer: undefined }, /streamViewType: must be NEW_AND_OLD_IMAGES.*"NEW_IMAGE"/],
    ["replica regions distinct", { replicas: [{ region: "eu-west-1" }, { region: "eu-west-1" }] }, /replicas\[1\]\.region: is listed twice/],
    ["replica differs from primary", { replicas: [{ region: "us-east-1" }] }, /replicas\[0\]\.region: is the table's own Region/],
    ["replica key per region with a CMK", { encryption: "CUSTOMER_MANAGED", replicas: [{ region: "eu-west-1" }] }, /replicas\[0\]\.kmsKeyArn: is required.*eu-west-1/],
    ["replica key in its region", { encryption: "CUSTOMER_MANAGED", replicas: [{ region: "ap-southeast-2", kmsKeyArn: EU_KEY }] }, /is not a key in ap-southeast-2/],
    ["caps only on-demand", { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1 }, /onDemandThroughput: only applies to PAY_PER_REQUEST/],
    ["consumer function ARN", { streamConsumer: { functionArn: "order-events" } }, /functionArn: is not a Lambda function ARN.*"order-events"/],
    ["consumer batch size", { streamConsumer: { functionArn: FUNCTION, batchSize: 0 } }, /batchSize: must be a whole number from 1 to 10000/],
    ["monitoring period", { monitoring: { periodSeconds: 30 } }, /periodSeconds: must be a multiple of 60/],
    ["import must match tableName", { importFrom: "legacy-events" }, /importFrom: differs from tableName "events".*set tableName "legacy-events"/s],
  ];
  for (const [rule, change, message] of invalid) {
    it(`rejects: ${rule}`, () => {
      assert.throws(() => dynamoTable("events", { ...args, ...change } as never), (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message));
    });
  }
});
