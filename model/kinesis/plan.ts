/**
 * Kinesis Data Streams for DynamoDB (`aws_dynamodb_kinesis_streaming_destination`, Pulumi
 * `aws.dynamodb.KinesisStreamingDestination`): every item change of the table, also delivered to a
 * Kinesis data stream (longer retention and more consumers than a DynamoDB stream). The provider's
 * documentation: the stream "must exist in the same account and region as the DynamoDB table", and
 * "there can only be one Kinesis streaming destination for a given DynamoDB table". Timestamp
 * precision: API EnableKinesisStreamingConfiguration, ApproximateCreationDateTimePrecision.
 */
import type { TableArgs, TableSpec } from "../types";
import { ProblemList, choiceFix } from "../errors";
import { REGION_PATTERN, checkUnknownKeys } from "../rules";
import { PlannedResource, Value, ref, terraformName } from "../resources";
import { TIMESTAMP_PRECISIONS } from "./types";

export * from "./types";

export const KINESIS_DESTINATION_ROLE = "kinesisDestination";
const KEYS = ["streamArn", "approximateCreationDateTimePrecision", "importExisting"];
const STREAM_ARN = new RegExp(`^arn:aws[a-z-]*:kinesis:(${REGION_PATTERN.source.slice(1, -1)}):(\\d{12}):stream/[A-Za-z0-9_.-]{1,128}$`);

export function validateKinesisDestination(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const k = args.kinesisStreamingDestination;
  if (k === undefined) return;
  const at = `${where}.kinesisStreamingDestination`;
  if (typeof k !== "object" || k === null || Array.isArray(k)) {
    problems.add(at, k, "must be an object", `write kinesisStreamingDestination: { streamArn: "arn:aws:kinesis:<region>:<account>:stream/<name>" }`);
    return;
  }
  checkUnknownKeys(problems, at, k, KEYS);
  if (k.streamArn === undefined || k.streamArn === null || k.streamArn === "") {
    problems.add(`${at}.streamArn`, k.streamArn, "is required", "give the Kinesis data stream's ARN, arn:aws:kinesis:<region>:<account>:stream/<name>");
  } else if (typeof k.streamArn === "string") {
    const m = STREAM_ARN.exec(k.streamArn);
    if (!m) {
      problems.add(`${at}.streamArn`, k.streamArn, "is not a Kinesis data stream ARN", "use arn:aws:kinesis:<region>:<account>:stream/<name>");
    } else if (typeof args.region === "string" && m[1] !== args.region) {
      problems.add(`${at}.streamArn`, k.streamArn, `is in ${m[1]}, not in the table's region ${args.region}`, `use a stream in ${args.region} (DynamoDB streams only to its own region)`);
    }
  }
  if (k.importExisting !== undefined && typeof k.importExisting !== "boolean") {
    problems.add(`${at}.importExisting`, k.importExisting, "must be true or false", "write importExisting: true, or omit it");
  } else if (k.importExisting === true && args.importFrom === undefined) {
    problems.add(`${at}.importExisting`, true, "imports the destination of a table that is not imported", "set importFrom as well, or remove importExisting");
  }
  const p = k.approximateCreationDateTimePrecision;
  if (p !== undefined && !TIMESTAMP_PRECISIONS.includes(p)) {
    problems.add(`${at}.approximateCreationDateTimePrecision`, p, "is not a timestamp precision", choiceFix(p, TIMESTAMP_PRECISIONS));
  }
}

export function planKinesisDestination(spec: TableSpec<unknown>, table: PlannedResource): PlannedResource[] {
  const k = spec.kinesisStreamingDestination;
  if (!k) return [];
  return [{
    type: "aws_dynamodb_kinesis_streaming_destination",
    name: `${spec.name}-kinesis`,
    tfName: terraformName(spec.name),
    role: KINESIS_DESTINATION_ROLE,
    args: {
      streamArn: k.streamArn as Value,
      tableName: ref(table, "name"),
      ...(k.approximateCreationDateTimePrecision ? { approximateCreationDateTimePrecision: k.approximateCreationDateTimePrecision } : {}),
    },
    // The provider's id is TABLE,STREAM_ARN (terraform-provider-aws kinesis_streaming_destination.go, FlattenResourceId).
    options: { protect: false, retainOnDelete: false, ignoreChanges: [],
      ...(k.importExisting && spec.importFrom && typeof k.streamArn === "string" ? { importId: `${spec.importFrom},${k.streamArn}` } : {}) },
  }];
}
