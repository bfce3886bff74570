/**
 * Reads one live table with the AWS SDK: every call adopt needs, each answer kept as it is (the pure
 * mapping is project/adopt/from-live.ts). Only DescribeTable must succeed; any other call that fails
 * (not implemented by the endpoint, access denied, ...) becomes "unknown" with the reason, never a guess.
 *
 * Region and credentials come the usual AWS way (environment, shared config/profile, instance role).
 * `endpoint` is used for every call (DynamoDB, Application Auto Scaling, KMS, Lambda), as LocalStack-style
 * emulators serve them all on one port; dynalite answers the ones it lacks as unknown operations.
 * A loopback endpoint (the local emulator) gets dummy credentials, as local/client.ts explains.
 *
 * Nothing the endpoint does can keep adopt waiting or looping (issue 22 class 3): every call shares one
 * deadline (`timeoutMs`, the `--timeout` flag) enforced with an AbortSignal, on top of the HTTP
 * handler's connection and idle timeouts; every paginated call stops after MAX_PAGES pages and refuses
 * a NextToken/Marker it has already been given. DescribeTable's answer is checked before anything else
 * is asked: it must have the documented shape and name the table that was asked for (class 7).
 */
import {
  DescribeContinuousBackupsCommand, DescribeContributorInsightsCommand, DescribeKinesisStreamingDestinationCommand,
  DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTagsOfResourceCommand,
} from "@aws-sdk/client-dynamodb";
import {
  ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { LambdaClient, ListEventSourceMappingsCommand } from "@aws-sdk/client-lambda";
import { BlueprintValidationError } from "../../model/errors";
import { ContributorInsightsLike, KmsKeyDetailsLike, KmsKeyMetadataLike, LiveResponses, TableDescriptionLike } from "../../project/adopt/from-live";
import { checkShape } from "../../project/adopt/shape";
import { TABLE_DESCRIPTION } from "../../project/adopt/live-shape";
import { oneLine } from "../../project/adopt/sanitise";
import type { EventSourceMappingLike } from "../../project/adopt/stream-consumer";
import { Probe, known, unknown } from "../../project/adopt/types";
import { LOCAL_CREDENTIALS } from "../../local/server";

export interface ReadLiveOptions {
  region?: string;
  endpoint?: string;
  /** Deadline for reading everything, in milliseconds. Default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Pages of one paginated call: a table has at most 50 tags and a handful of scaling targets. */
export const MAX_PAGES = 200;

const isLoopback = (endpoint: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i.test(endpoint);

function clientConfig(options: ReadLiveOptions) {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  return {
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.endpoint && isLoopback(options.endpoint) ? { credentials: { ...LOCAL_CREDENTIALS }, region: region ?? "us-east-1" } : {}),
    maxAttempts: 1,
    // Connection and socket-idle limits of the Node HTTP handler; the AbortSignal below bounds the total.
    requestHandler: { connectionTimeout: Math.min(timeout(options), 10_000), requestTimeout: timeout(options) },
  };
}

const timeout = (options: ReadLiveOptions) => options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

/** Every message names the table adopt was asked for (a validated name) and only one-line text from outside. */
function fail(table: string, where: string, value: unknown, message: string, fix: string): never {
  throw new BlueprintValidationError(`dynamodb-blueprints adopt --table ${table}`, [{ where, value: oneLine(JSON.stringify(value) ?? "nothing", 120), message: oneLine(message, 600), fix }]);
}

/** The call's failure in one line: an endpoint's error text is outside text (sanitise.ts). */
const reason = (call: string, error: unknown) => {
  const e = error as { name?: string; message?: string };
  // dynalite answers calls it lacks with UnknownOperationException (as JSON for DynamoDB's protocol,
  // as XML for other services, which the SDK then fails to parse).
  if (e?.name === "UnknownOperationException" || /UnknownOp/.test(e?.message ?? "")) return `${call}: the endpoint does not implement it`;
  return oneLine(`${call} failed: ${e?.name ?? "Error"}${e?.message ? `: ${e.message}` : ""}`, 200);
};

/** The reading of one table: its deadline, shared by every call. */
class Session {
  readonly signal: AbortSignal;
  constructor(readonly table: string, readonly options: ReadLiveOptions) {
    this.signal = AbortSignal.timeout(timeout(options));
  }

  /** Throws the one timeout message once the deadline has passed. */
  checkDeadline(call: string): void {
    if (this.signal.aborted) {
      fail(this.table, call, this.options.endpoint ?? this.table, `got no complete answer within ${timeout(this.options) / 1000} s (the deadline of the whole adopt read)`,
        "check --endpoint / network access, or raise --timeout (seconds)");
    }
  }

  async probe<T>(call: string, run: () => Promise<T>): Promise<Probe<T>> {
    try {
      return known(await run());
    } catch (error) {
      if (error instanceof BlueprintValidationError) throw error;
      this.checkDeadline(call);
      return unknown(reason(call, error));
    }
  }

  /** Every page of a paginated call, at most MAX_PAGES, refusing a token it was already given (a loop). */
  async pages<T>(call: string, fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const out = await fetch(token);
      all.push(...out.items);
      token = out.next;
      if (token === undefined || token === "") return all;
      if (seen.has(token)) {
        fail(this.table, call, `page ${page}`, "returned a pagination token it had already returned (it would loop forever)", "check --endpoint: AWS never repeats a token");
      }
      if (page >= MAX_PAGES) {
        fail(this.table, call, `${page} pages`, `did not end within ${MAX_PAGES} pages`, "check --endpoint: one table's answer fits in a few pages");
      }
      seen.add(token);
    }
  }
}

/** Network-level refusals: the endpoint is not there at all (as opposed to an API error). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"].includes(code ?? "") ||
    /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test((error as Error)?.message ?? "");
}

/** DescribeTable's answer, refused unless it has the documented shape and names the table asked for. */
async function describeTable(session: Session, client: DynamoDBClient, name: string, options: ReadLiveOptions, region: string): Promise<TableDescriptionLike> {
  let table: unknown;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: session.signal })).Table;
  } catch (error) {
    session.checkDeadline("DescribeTable");
    const where = options.endpoint ? `endpoint ${options.endpoint}` : `region ${region}`;
    if ((error as Error)?.name === "ResourceNotFoundException") {
      fail(name, "--table", name, `no such table in ${where}`, "check the name (it is case-sensitive), --region and --endpoint");
    }
    if (isConnectionError(error)) {
      fail(name, "--endpoint", options.endpoint ?? region, `cannot connect (${reason("DescribeTable", error)})`,
        "start the local emulator (dynamodb-blueprints local --serve) or check --endpoint / network access");
    }
    fail(name, "DescribeTable", name, reason("DescribeTable", error),
      "check credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID), the region, and dynamodb:DescribeTable permission");
  }
  if (table === undefined || table === null) {
    fail(name, "DescribeTable Table", "nothing", "is missing from the answer", "check --endpoint: DynamoDB always returns the Table member");
  }
  const problems = checkShape(table, TABLE_DESCRIPTION, "Table");
  if (problems.length > 0) {
    throw new BlueprintValidationError(`dynamodb-blueprints adopt --table ${name}`, problems.map((p) => ({
      where: `DescribeTable ${oneLine(p.member, 200)}`, value: p.found, message: `is not what DescribeTable returns (expected ${p.expected})`,
      fix: "check --endpoint: the answer is not DynamoDB's",
    })));
  }
  const described = table as TableDescriptionLike;
  if (described.TableName !== name) {
    fail(name, "DescribeTable Table.TableName", "another table", `names a different table than --table ${name}; adopting it would import the wrong table`,
      "check --endpoint and --table; adopt only imports the table it was asked for");
  }
  return described;
}

/** The table's KMS key: DescribeKey, and for a customer-managed key its policy, rotation and tags. */
async function readKey(session: Session, kms: KMSClient, table: TableDescriptionLike): Promise<Pick<LiveResponses, "kmsKey" | "kmsKeyDetails">> {
  const arn = table.SSEDescription?.SSEType === "KMS" ? table.SSEDescription.KMSMasterKeyArn : undefined;
  if (!arn) return {};
  const abortSignal = session.signal;
  const kmsKey = await session.probe<KmsKeyMetadataLike>("kms:DescribeKey", async () => (await kms.send(new DescribeKeyCommand({ KeyId: arn }), { abortSignal })).KeyMetadata ?? {});
  if (!kmsKey.known || kmsKey.value.KeyManager !== "CUSTOMER") return { kmsKey };
  const kmsKeyDetails = await session.probe<KmsKeyDetailsLike>("kms:GetKeyPolicy/GetKeyRotationStatus/ListResourceTags", async () => {
    const [policy, rotation, tags] = await Promise.all([
      kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }), { abortSignal }),
      kms.send(new GetKeyRotationStatusCommand({ KeyId: arn }), { abortSignal }),
      session.pages("kms:ListResourceTags", async (token) => {
        const out = await kms.send(new ListResourceTagsCommand({ KeyId: arn, Marker: token }), { abortSignal });
        return { items: out.Tags ?? [], next: out.Truncated ? out.NextMarker : undefined };
      }),
    ]);
    return { Policy: policy.Policy, KeyRotationEnabled: rotation.KeyRotationEnabled, RotationPeriodInDays: rotation.RotationPeriodInDays, Tags: tags };
  });
  return { kmsKey, kmsKeyDetails };
}

/**
 * The event source mappings on the table's stream (its LatestStreamArn): Lambda ListEventSourceMappings
 * filtered by EventSourceArn, paged by Marker / NextMarker
 * (https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html). Absent (not asked)
 * when the table has no stream.
 */
async function readMappings(session: Session, lambda: LambdaClient, table: TableDescriptionLike): Promise<Pick<LiveResponses, "eventSourceMappings">> {
  const streamArn = table.StreamSpecification?.StreamEnabled ? table.LatestStreamArn : undefined;
  if (!streamArn) return {};
  const eventSourceMappings = await session.probe<EventSourceMappingLike[]>("lambda:ListEventSourceMappings", () => session.pages("lambda:ListEventSourceMappings", async (token) => {
    const out = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: streamArn, Marker: token }), { abortSignal: session.signal });
    return { items: out.EventSourceMappings ?? [], next: out.NextMarker };
  }));
  return { eventSourceMappings };
}

export async function readLiveTable(tableName: string, options: ReadLiveOptions = {}): Promise<LiveResponses> {
  const config = clientConfig(options);
  const dynamo = new DynamoDBClient(config);
  const scaling = new ApplicationAutoScalingClient(config);
  const kms = new KMSClient(config);
  const lambda = new LambdaClient(config);
  const session = new Session(tableName, options);
  const abortSignal = session.signal;
  try {
    let region: string;
    try {
      region = await dynamo.config.region();
    } catch {
      fail(tableName, "--region", undefined, "no AWS region is configured", "pass --region, or set AWS_REGION / a profile with a region");
    }
    const table = await describeTable(session, dynamo, tableName, options, region);
    const indexNames = (table.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName!);
    const resourceIds = [`table/${tableName}`, ...indexNames.map((i) => `table/${tableName}/index/${i}`)];
    const [continuousBackups, timeToLive, tags, scalableTargets, contributorInsights, indexContributorInsights, kinesisDestinations] = await Promise.all([
      session.probe("DescribeContinuousBackups", async () =>
        (await dynamo.send(new DescribeContinuousBackupsCommand({ TableName: tableName }), { abortSignal })).ContinuousBackupsDescription ?? {}),
      session.probe("DescribeTimeToLive", async () => (await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }), { abortSignal })).TimeToLiveDescription ?? {}),
      session.probe("ListTagsOfResource", () => session.pages("ListTagsOfResource", async (token) => {
        const out = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn, NextToken: token }), { abortSignal });
        return { items: out.Tags ?? [], next: out.NextToken };
      })),
      session.probe("DescribeScalableTargets", () => session.pages("DescribeScalableTargets", async (token) => {
        const out = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "dynamodb", ResourceIds: resourceIds, NextToken: token }), { abortSignal });
        return { items: out.ScalableTargets ?? [], next: out.NextToken };
      })),
      session.probe<ContributorInsightsLike>("DescribeContributorInsights", async () =>
        dynamo.send(new DescribeContributorInsightsCommand({ TableName: tableName }), { abortSignal })),
      // Contributor Insights is enabled per GSI too (DescribeContributorInsights with IndexName).
      session.probe<ContributorInsightsLike[]>("DescribeContributorInsights (indexes)", async () => Promise.all(indexNames.map(async (IndexName) =>
        dynamo.send(new DescribeContributorInsightsCommand({ TableName: tableName, IndexName }), { abortSignal })))),
      session.probe("DescribeKinesisStreamingDestination", async () =>
        (await dynamo.send(new DescribeKinesisStreamingDestinationCommand({ TableName: tableName }), { abortSignal })).KinesisDataStreamDestinations ?? []),
    ]);
    const scalingPolicies = await session.probe("DescribeScalingPolicies", async () => {
      const all = [];
      for (const resourceId of resourceIds) {
        all.push(...await session.pages("DescribeScalingPolicies", async (token) => {
          const out = await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: "dynamodb", ResourceId: resourceId, NextToken: token }), { abortSignal });
          return { items: out.ScalingPolicies ?? [], next: out.NextToken };
        }));
      }
      return all;
    });
    const keys = await readKey(session, kms, table);
    const mappings = await readMappings(session, lambda, table);
    return { region, table, continuousBackups, timeToLive, tags, scalableTargets, scalingPolicies, contributorInsights, indexContributorInsights, kinesisDestinations, ...keys, ...mappings };
  } finally {
    dynamo.destroy();
    scaling.destroy();
    kms.destroy();
    lambda.destroy();
  }
}
