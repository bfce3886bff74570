/**
 * Kinesis Data Streams destination arguments (pure data, no imports: model/types.ts refers to them).
 */
export const TIMESTAMP_PRECISIONS = ["MILLISECOND", "MICROSECOND"] as const;
/** Precision of the ApproximateCreationDateTime of each record. */
export const TimestampPrecision = { MILLISECOND: "MILLISECOND", MICROSECOND: "MICROSECOND" } as const;
export type TimestampPrecision = (typeof TIMESTAMP_PRECISIONS)[number];

/** A Kinesis data stream receiving the table's item changes (one per table). */
export interface KinesisDestinationArgs<T = string> {
  /** ARN of the Kinesis data stream, in the table's account and region. */
  streamArn: T;
  /** MILLISECOND (AWS's default) or MICROSECOND precision of each record's ApproximateCreationDateTime. */
  approximateCreationDateTimePrecision?: TimestampPrecision;
  /** The destination already exists on an adopted table (`importFrom`): import it instead of enabling it. `adopt` sets it. */
  importExisting?: boolean;
}
