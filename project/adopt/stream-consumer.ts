/**
 * The stream consumer read back from Lambda: ListEventSourceMappings (`--event-source-arn <stream ARN>`)
 * -> `streamConsumer` args, filter patterns included. Shapes are the Lambda API's
 * `EventSourceMappingConfiguration` (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html),
 * so SDK responses fit as they are and recorded responses replay in tests. Pure, like the rest of adopt.
 * The blueprint has one consumer per table: with several mappings on the stream none is adopted, each is listed.
 */
import { STARTING_POSITIONS, StartingPosition, StreamConsumerArgs } from "../../model/types";
import type { NotAdopted } from "./types";

export interface EventSourceMappingLike {
  UUID?: string;
  EventSourceArn?: string;
  FunctionArn?: string;
  BatchSize?: number;
  StartingPosition?: string;
  MaximumRetryAttempts?: number;
  BisectBatchOnFunctionError?: boolean;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
}

export interface AdoptedStreamConsumer {
  consumer?: StreamConsumerArgs;
  notAdopted: NotAdopted[];
}

/** The `streamConsumer` of the table whose stream is `streamArn`, from the mappings Lambda lists. */
export function adoptStreamConsumer(streamArn: string, mappings: EventSourceMappingLike[]): AdoptedStreamConsumer {
  const own = mappings.filter((m) => m.EventSourceArn === streamArn);
  if (own.length === 0) return { notAdopted: [] };
  if (own.length > 1) {
    return { notAdopted: own.map((m) => ({ what: `event source mapping ${m.UUID ?? "(no id)"} -> ${m.FunctionArn ?? "(no function)"}`,
      why: `the stream has ${own.length} consumers and a blueprint declares one; adopt none, keep them as they are` })) };
  }
  const [m] = own;
  if (!m.FunctionArn) return { notAdopted: [{ what: `event source mapping ${m.UUID ?? "(no id)"}`, why: "Lambda did not say which function it invokes" }] };
  const consumer: StreamConsumerArgs = { functionArn: m.FunctionArn };
  if (m.BatchSize !== undefined) consumer.batchSize = m.BatchSize;
  if (STARTING_POSITIONS.includes(m.StartingPosition as StartingPosition)) consumer.startingPosition = m.StartingPosition as StartingPosition;
  if (m.MaximumRetryAttempts !== undefined) consumer.maximumRetryAttempts = m.MaximumRetryAttempts;
  if (m.BisectBatchOnFunctionError !== undefined) consumer.bisectBatchOnFunctionError = m.BisectBatchOnFunctionError;
  const onFailure = m.DestinationConfig?.OnFailure?.Destination;
  if (onFailure) consumer.onFailureDestinationArn = onFailure;
  const patterns = (m.FilterCriteria?.Filters ?? []).map((f) => f.Pattern).filter((p): p is string => typeof p === "string");
  if (patterns.length > 0) consumer.filters = patterns;
  return { consumer, notAdopted: [] };
}
