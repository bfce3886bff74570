/**
 * adopt reads the stream consumer back (project/adopt/stream-consumer.ts): a consumer with filters,
 * deployed under Pulumi mocks, answered the way Lambda's ListEventSourceMappings describes a mapping
 * (EventSourceMappingConfiguration: https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html),
 * adopts to the same `streamConsumer`, whose plan is the mapping Pulumi registered.
 */
import { strict as assert } from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { planTable } from "../../../model/plan-table";
import { TableArgs } from "../../../model/types";
import { DynamoTable } from "../../../components";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { STREAM_FILTERS } from "../../helpers/table-features";
import { EventSourceMappingLike, adoptStreamConsumer } from "../../../project/adopt/stream-consumer";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
const DLQ = "arn:aws:sqs:us-east-1:123456789012:order-events-dlq";
const UUID = "3f1c2b9e-7d4a-4e8b-9c21-5a6f0e7d8c90";
const args: TableArgs = {
  tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
  streamConsumer: { functionArn: FUNCTION, batchSize: 50, onFailureDestinationArn: DLQ, filters: STREAM_FILTERS },
};

/** What Lambda answers for a mapping created with these Pulumi inputs (API member names, written here independently). */
function asLambdaDescribes(inputs: Record<string, any>): EventSourceMappingLike {
  return {
    UUID: UUID, EventSourceArn: inputs.eventSourceArn, FunctionArn: inputs.functionName, BatchSize: inputs.batchSize,
    StartingPosition: inputs.startingPosition, MaximumRetryAttempts: inputs.maximumRetryAttempts,
    BisectBatchOnFunctionError: inputs.bisectBatchOnFunctionError,
    DestinationConfig: { OnFailure: { Destination: inputs.destinationConfig?.onFailure?.destinationArn } },
    FilterCriteria: { Filters: (inputs.filterCriteria?.filters ?? []).map((f: { pattern: string }) => ({ Pattern: f.pattern })) },
  };
}

describe("adopt: the stream consumer, filters included", () => {
  it("a consumer with filters round-trips: deployed, described by Lambda, adopted, planned again", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", args));
    assertMocksActive(run);
    const registered = run.resources.find((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")!;
    const table = run.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
    const streamArn = table.outputs!.streamArn as string;
    assert.equal(registered.inputs.eventSourceArn, streamArn);
    const other: EventSourceMappingLike = { UUID: "other", EventSourceArn: `${streamArn.replace("orders", "invoices")}`, FunctionArn: FUNCTION };

    const adopted = adoptStreamConsumer(streamArn, [other, asLambdaDescribes(registered.inputs)]);
    assert.deepEqual(adopted.notAdopted, []);
    assert.deepEqual(adopted.consumer!.filters, STREAM_FILTERS);
    assert.equal(adopted.consumer!.importUuid, UUID);
    const plan = (consumer: TableArgs["streamConsumer"]) =>
      planTable(dynamoTable("orders", { ...args, streamConsumer: consumer, importFrom: "orders" }).table).find((r) => r.type === "aws_lambda_event_source_mapping")!;
    assert.deepEqual(plan(adopted.consumer).args, plan(args.streamConsumer).args);
    // The mapping is imported by its UUID, the import id of aws_lambda_event_source_mapping in both tools.
    assert.equal(plan(adopted.consumer).options.importId, UUID);
    assert.equal(plan(args.streamConsumer).options.importId, undefined);
  });

  it("without filters it adopts none, and several mappings on one stream are listed instead of guessed", () => {
    const stream = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-23T00:00:00.000";
    assert.equal(adoptStreamConsumer(stream, [{ EventSourceArn: stream, FunctionArn: FUNCTION, FilterCriteria: { Filters: [] } }]).consumer!.filters, undefined);
    const two = adoptStreamConsumer(stream, [{ UUID: "a", EventSourceArn: stream, FunctionArn: FUNCTION }, { UUID: "b", EventSourceArn: stream, FunctionArn: FUNCTION }]);
    assert.equal(two.consumer, undefined);
    assert.deepEqual(two.notAdopted.map((n) => n.what), [`event source mapping a -> ${FUNCTION}`, `event source mapping b -> ${FUNCTION}`]);
    assert.deepEqual(adoptStreamConsumer(stream, []), { notAdopted: [] });
  });
});
