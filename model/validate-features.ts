/**
 * Validation of the optional features beyond the article's snippets: monitoring,
 * a stream consumer, global-table replicas and adopting an existing table.
 */
import { citeRule } from "./aws-rules";
import { ReplicaArgs, STARTING_POSITIONS, TableArgs } from "./types";
import { ProblemList, choiceFix } from "./errors";
import { REGION_PATTERN, TABLE_NAME_PATTERN, checkRange, checkUnknownKeys, isIntBetween as isInt } from "./rules";
import { checkRole, validateGrants } from "./grants/validate";
import { validateResourcePolicies } from "./resource-policy/plan";
import { validateContributorInsights } from "./insights/plan";
import { validateKinesisDestination } from "./kinesis/plan";
import { validateProvisionedReplicas } from "./global-tables/validate";
import { checkStreamFilters } from "./stream-filters";

export { REGION_PATTERN };

/** Lambda's event source mapping id: a UUID (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html, UUID). */
const MAPPING_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkImportUuid(problems: ProblemList, at: string, uuid: unknown, tableImported: boolean): void {
  if (uuid === undefined) return;
  if (typeof uuid !== "string" || !MAPPING_UUID.test(uuid)) {
    problems.add(at, uuid, "is not an event source mapping UUID", "write the mapping's UUID as Lambda lists it (aws lambda list-event-source-mappings), or omit importUuid");
  } else if (!tableImported) {
    problems.add(at, uuid, "imports the consumer of a table that is not imported", "set importFrom as well, or remove importUuid");
  }
}

export function validateFeatures(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const m = args.monitoring;
  if (m !== undefined) {
    if (typeof m !== "object" || m === null) {
      problems.add(`${where}.monitoring`, m, "must be an object", "write monitoring: {} for the defaults");
    } else {
      checkUnknownKeys(problems, `${where}.monitoring`, m, ["alarmTopicArn", "throttleThreshold", "systemErrorThreshold", "userErrors",
        "consumedCapacityPercent", "replicationLatencyMs", "periodSeconds", "evaluationPeriods"]);
      checkRange(problems, `${where}.monitoring.throttleThreshold`, m.throttleThreshold, 1, 1_000_000, "use 1 to be told about any throttling");
      checkRange(problems, `${where}.monitoring.systemErrorThreshold`, m.systemErrorThreshold, 1, 1_000_000, "use 1");
      checkRange(problems, `${where}.monitoring.consumedCapacityPercent`, m.consumedCapacityPercent, 1, 100, "use 80");
      checkRange(problems, `${where}.monitoring.replicationLatencyMs`, m.replicationLatencyMs, 1, 86_400_000, "use 60000 (one minute)");
      checkRange(problems, `${where}.monitoring.evaluationPeriods`, m.evaluationPeriods, 1, 100, "use 5");
      if (m.periodSeconds !== undefined && !(isInt(m.periodSeconds, 60, 86_400) && m.periodSeconds % 60 === 0)) {
        problems.add(`${where}.monitoring.periodSeconds`, m.periodSeconds, "must be a multiple of 60 seconds (DynamoDB publishes one-minute metrics)", "use 60");
      }
    }
  }

  const c = args.streamConsumer;
  if (c !== undefined) {
    checkUnknownKeys(problems, `${where}.streamConsumer`, c, ["functionArn", "batchSize", "startingPosition", "onFailureDestinationArn",
      "maximumRetryAttempts", "bisectBatchOnFunctionError", "roleName", "filters", "importUuid"]);
    checkStreamFilters(problems, `${where}.streamConsumer`, c.filters);
    checkImportUuid(problems, `${where}.streamConsumer.importUuid`, c.importUuid, args.importFrom !== undefined);
    if (c.roleName !== undefined) checkRole(problems, `${where}.streamConsumer`, c.roleName, "roleName");
    if (!args.streamViewType) {
      problems.add(`${where}.streamConsumer`, "(a consumer)", "needs the table's stream", `set streamViewType, e.g. "NEW_AND_OLD_IMAGES"`);
    }
    if (c.functionArn === undefined || (typeof c.functionArn === "string" && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:.+$/.test(c.functionArn))) {
      problems.add(`${where}.streamConsumer.functionArn`, c.functionArn, "is not a Lambda function ARN", "use arn:aws:lambda:<region>:<account>:function:<name>");
    }
    checkRange(problems, `${where}.streamConsumer.batchSize`, c.batchSize, 1, 10_000, "use 100");
    checkRange(problems, `${where}.streamConsumer.maximumRetryAttempts`, c.maximumRetryAttempts, -1, 10_000, "use 3 so a poison record cannot block its shard");
    if (c.startingPosition !== undefined && !STARTING_POSITIONS.includes(c.startingPosition)) {
      problems.add(`${where}.streamConsumer.startingPosition`, c.startingPosition, "is not a stream starting position", choiceFix(c.startingPosition, STARTING_POSITIONS));
    }
    if (typeof c.onFailureDestinationArn === "string" && !/^arn:aws[a-z-]*:(sqs|sns):/.test(c.onFailureDestinationArn)) {
      problems.add(`${where}.streamConsumer.onFailureDestinationArn`, c.onFailureDestinationArn, "must be an SQS queue or SNS topic ARN", "use arn:aws:sqs:<region>:<account>:<queue>");
    }
  }

  validateGrants(problems, where, args.grants, args.streamViewType !== undefined);
  validateResourcePolicies(problems, where, args);
  validateContributorInsights(problems, where, args);
  validateKinesisDestination(problems, where, args);
  validateProvisionedReplicas(problems, where, args);

  if (args.region !== undefined && (typeof args.region !== "string" || !REGION_PATTERN.test(args.region))) {
    problems.add(`${where}.region`, args.region, "is not an AWS region name", `use e.g. "us-east-1"`);
  } else if (args.region !== undefined) {
    // ARNs given as text name their Region: the table's key and its stream's Lambda consumer must be in the table's.
    const regionOf = (arn: unknown) => (typeof arn === "string" ? /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(arn)?.[1] : undefined);
    const elsewhere = (arn: unknown) => regionOf(arn) !== undefined && regionOf(arn) !== args.region;
    if (elsewhere(args.kmsKeyArn)) {
      problems.add(`${where}.kmsKeyArn`, args.kmsKeyArn, `is a key in ${regionOf(args.kmsKeyArn)}, not in the table's Region ${args.region} (${citeRule("replica.key")})`,
        `use a key ARN of the form arn:aws:kms:${args.region}:<account>:key/<id>`);
    }
    if (elsewhere(c?.functionArn)) {
      problems.add(`${where}.streamConsumer.functionArn`, c!.functionArn, `is a function in ${regionOf(c!.functionArn)}, not in the table's Region ${args.region} (${citeRule("lambda.stream-region")})`,
        `use a function in ${args.region}`);
    }
  }
  const replicas = args.replicas;
  if (replicas !== undefined) {
    if (!Array.isArray(replicas)) {
      problems.add(`${where}.replicas`, replicas, "must be a list", `write [{ region: "eu-west-1" }]`);
    } else {
      // MREC replicates through the stream; MRSC does not need one (citeRule("stream.replicas") names the AWS page).
      const mrsc = replicas.length > 0 && replicas.every((r) => r?.consistencyMode === "STRONG");
      if (replicas.length > 0 && !mrsc && args.streamViewType !== "NEW_AND_OLD_IMAGES") {
        problems.add(`${where}.streamViewType`, args.streamViewType, `must be NEW_AND_OLD_IMAGES for global-table replicas with eventual consistency (${citeRule("stream.replicas")})`,
          `set streamViewType "NEW_AND_OLD_IMAGES" (multi-Region strong consistency, consistencyMode "STRONG", needs no stream)`);
      }
      const seen = new Set<string>();
      replicas.forEach((r: ReplicaArgs<unknown>, i) => {
        const at = `${where}.replicas[${i}]`;
        checkUnknownKeys(problems, at, r ?? {}, ["region", "consistencyMode", "kmsKeyArn", "pointInTimeRecovery", "deletionProtection", "propagateTags", "importExisting"]);
        if (r?.importExisting !== undefined && typeof r.importExisting !== "boolean") {
          problems.add(`${at}.importExisting`, r.importExisting, "must be true or false", "write importExisting: true, or omit it");
        } else if (r?.importExisting === true && args.importFrom === undefined) {
          problems.add(`${at}.importExisting`, true, "imports a replica of a table that is not imported", "set importFrom as well, or remove importExisting");
        }
        if (typeof r?.region !== "string" || !REGION_PATTERN.test(r.region)) {
          problems.add(`${at}.region`, r?.region, "is not an AWS region name", `use e.g. "eu-west-1"`);
          return;
        }
        if (seen.has(r.region)) problems.add(`${at}.region`, r.region, "is listed twice", "list each replica region once");
        if (r.region === args.region) problems.add(`${at}.region`, r.region, `is the table's own Region (${citeRule("replica.region")})`, "replicate to a different Region");
        seen.add(r.region);
        if (args.encryption === "CUSTOMER_MANAGED" && r.kmsKeyArn === undefined) {
          problems.add(`${at}.kmsKeyArn`, undefined, "is required: a customer-managed key cannot be used outside its region",
            `give a key ARN in ${r.region}`);
        }
        if (typeof r.kmsKeyArn === "string" && !r.kmsKeyArn.includes(`:kms:${r.region}:`)) {
          problems.add(`${at}.kmsKeyArn`, r.kmsKeyArn, `is not a key in ${r.region}`, `use a key ARN of the form arn:aws:kms:${r.region}:<account>:key/<id>`);
        }
      });
    }
  }

  if (args.importFrom !== undefined) {
    const name = args.tableName;
    if (typeof args.importFrom !== "string" || !TABLE_NAME_PATTERN.test(args.importFrom)) {
      problems.add(`${where}.importFrom`, args.importFrom, "is not a table name", "give the existing table's name");
    } else if (name !== undefined && name !== args.importFrom) {
      problems.add(`${where}.importFrom`, args.importFrom, `differs from tableName "${name}": an import adopts the table as it is named`,
        `set tableName "${args.importFrom}" (or omit it)`);
    }
  }
}
