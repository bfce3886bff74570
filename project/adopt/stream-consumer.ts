/**
 * The stream consumer read back from Lambda: ListEventSourceMappings (`--event-source-arn <stream ARN>`)
 * -> `streamConsumer` args, filter patterns included. Shapes are the Lambda API's
 * `EventSourceMappingConfiguration` (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html),
 * so SDK responses fit as they are and recorded responses replay in tests. Pure, like the rest of adopt.
 * The blueprint has one consumer per table: with several mappings on the stream none is adopted, each is listed.
 * The adopted consumer carries the mapping's UUID (`importUuid`), the import id of the mapping in both tools.
 * Both adopt paths (live: ListEventSourceMappings; state: aws_lambda_event_source_mapping, from-tfstate.ts)
 * describe mappings in this one shape, so there is one mapping to `streamConsumer`.
 */
import { STARTING_POSITIONS, StartingPosition, StreamConsumerArgs } from "../../model/types";
import { BlueprintValidationError } from "../../model/errors";
import { blueprintOf } from "./imports";
import type { Adoption, NotAdopted } from "./types";

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
  if (m.StartingPosition !== undefined && !STARTING_POSITIONS.includes(m.StartingPosition as StartingPosition)) {
    return { notAdopted: [{ what: `event source mapping ${m.UUID ?? "(no id)"} -> ${m.FunctionArn}`,
      why: `its starting position ${m.StartingPosition} is not one the blueprint declares (${STARTING_POSITIONS.join(", ")}); it stays as it is, unmanaged` }] };
  }
  const consumer: StreamConsumerArgs = { functionArn: m.FunctionArn };
  if (m.BatchSize !== undefined) consumer.batchSize = m.BatchSize;
  if (m.StartingPosition !== undefined) consumer.startingPosition = m.StartingPosition as StartingPosition;
  if (m.MaximumRetryAttempts !== undefined) consumer.maximumRetryAttempts = m.MaximumRetryAttempts;
  if (m.BisectBatchOnFunctionError !== undefined) consumer.bisectBatchOnFunctionError = m.BisectBatchOnFunctionError;
  const onFailure = m.DestinationConfig?.OnFailure?.Destination;
  if (onFailure) consumer.onFailureDestinationArn = onFailure;
  const patterns = (m.FilterCriteria?.Filters ?? []).map((f) => f.Pattern).filter((p): p is string => typeof p === "string");
  if (patterns.length > 0) consumer.filters = patterns;
  if (m.UUID !== undefined) consumer.importUuid = m.UUID;
  return { consumer, notAdopted: [] };
}

/**
 * Declares the adopted consumer on the adoption's table, or lists it: a mapping the blueprint's own
 * validation refuses (a function ARN or filter pattern it would not accept, a UUID that is not one) is
 * never declared, so what adopt writes always validates and outside text that is not a valid value
 * reaches the output only as a sanitised comment (render-ts.ts).
 */
export function declareStreamConsumer(adoption: Adoption, adopted: AdoptedStreamConsumer): void {
  adoption.notAdopted.push(...adopted.notAdopted);
  const args = adoption.declaration.args as { streamConsumer?: StreamConsumerArgs };
  // A stream rules out the lock table (declare.ts isLockTable), so the declaration is a table that has a consumer.
  if (!adopted.consumer || adoption.declaration.kind === "StateLockTable") return;
  args.streamConsumer = adopted.consumer;
  try {
    blueprintOf(adoption);
  } catch (error) {
    if (!(error instanceof BlueprintValidationError)) throw error;
    const own = error.problems.filter((p) => p.where.includes(".streamConsumer"));
    if (own.length === 0) return;
    delete args.streamConsumer;
    adoption.notAdopted.push({ what: `event source mapping ${adopted.consumer.importUuid ?? "(no id)"} -> ${adopted.consumer.functionArn}`,
      why: `the blueprint would not accept it as streamConsumer (${own.map((p) => `${p.where.replace(/^.*\.streamConsumer/, "streamConsumer")} ${p.message}`).join("; ")}); it stays as it is, unmanaged` });
  }
}
