/**
 * Reads one live table with the AWS SDK: every call adopt needs, each answer kept as it is (the pure
 * mapping is project/adopt/from-live.ts). Only DescribeTable must succeed; any other call that fails
 * (not implemented by the endpoint, access denied, ...) becomes "unknown" with the reason, never a guess.
 *
 * Region and credentials come the usual AWS way (environment, shared config/profile, instance role).
 * `endpoint` is used for every call (DynamoDB, Application Auto Scaling, KMS), as LocalStack-style
 * emulators serve them all on one port; dynalite answers the ones it lacks as unknown operations.
 * A loopback endpoint (the local emulator) gets dummy credentials, as local/client.ts explains.
 */
import {
  DescribeContinuousBackupsCommand, DescribeContributorInsightsCommand, DescribeKinesisStreamingDestinationCommand,
  DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTagsOfResourceCommand,
} from "@aws-sdk/client-dynamodb";
import {
  ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { BlueprintValidationError } from "../../model/errors";
import { KmsKeyDetailsLike, KmsKeyMetadataLike, LiveResponses, TableDescriptionLike } from "../../project/adopt/from-live";
import { Probe, known, unknown } from "../../project/adopt/types";
import { LOCAL_CREDENTIALS } from "../../local/server";

export interface ReadLiveOptions {
  region?: string;
  endpoint?: string;
}

const isLoopback = (endpoint: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i.test(endpoint);

function clientConfig(options: ReadLiveOptions) {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  return {
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.endpoint && isLoopback(options.endpoint) ? { credentials: { ...LOCAL_CREDENTIALS }, region: region ?? "us-east-1" } : {}),
    maxAttempts: 1,
  };
}

function fail(table: string, where: string, value: unknown, message: string, fix: string): never {
  throw new BlueprintValidationError(`dynamodb-blueprints adopt --table ${table}`, [{ where, value: JSON.stringify(value), message, fix }]);
}

const reason = (call: string, error: unknown) => {
  const e = error as { name?: string; message?: string };
  // dynalite answers calls it lacks with UnknownOperationException (as JSON for DynamoDB's protocol,
  // as XML for other services, which the SDK then fails to parse).
  if (e?.name === "UnknownOperationException" || /UnknownOp/.test(e?.message ?? "")) return `${call}: the endpoint does not implement it`;
  return `${call} failed: ${e?.name ?? "Error"}${e?.message ? `: ${e.message.split("\n")[0]}` : ""}`;
};

async function probe<T>(call: string, run: () => Promise<T>): Promise<Probe<T>> {
  try {
    return known(await run());
  } catch (error) {
    return unknown(reason(call, error));
  }
}

/** Network-level refusals: the endpoint is not there at all (as opposed to an API error). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"].includes(code ?? "") ||
    /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test((error as Error)?.message ?? "");
}

async function describeTable(client: DynamoDBClient, name: string, options: ReadLiveOptions, region: string): Promise<TableDescriptionLike> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
  } catch (error) {
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
}

async function pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

/** The table's KMS key: DescribeKey, and for a customer-managed key its policy, rotation and tags. */
async function readKey(kms: KMSClient, table: TableDescriptionLike): Promise<Pick<LiveResponses, "kmsKey" | "kmsKeyDetails">> {
  const arn = table.SSEDescription?.SSEType === "KMS" ? table.SSEDescription.KMSMasterKeyArn : undefined;
  if (!arn) return {};
  const kmsKey = await probe<KmsKeyMetadataLike>("kms:DescribeKey", async () => (await kms.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata ?? {});
  if (!kmsKey.known || kmsKey.value.KeyManager !== "CUSTOMER") return { kmsKey };
  const kmsKeyDetails = await probe<KmsKeyDetailsLike>("kms:GetKeyPolicy/GetKeyRotationStatus/ListResourceTags", async () => {
    const [policy, rotation, tags] = await Promise.all([
      kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" })),
      kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })),
      pages(async (token) => {
        const out = await kms.send(new ListResourceTagsCommand({ KeyId: arn, Marker: token }));
        return { items: out.Tags ?? [], next: out.Truncated ? out.NextMarker : undefined };
      }),
    ]);
    return { Policy: policy.Policy, KeyRotationEnabled: rotation.KeyRotationEnabled, RotationPeriodInDays: rotation.RotationPeriodInDays, Tags: tags };
  });
  return { kmsKey, kmsKeyDetails };
}

export async function readLiveTable(tableName: string, options: ReadLiveOptions = {}): Promise<LiveResponses> {
  const config = clientConfig(options);
  const dynamo = new DynamoDBClient(config);
  const scaling = new ApplicationAutoScalingClient(config);
  const kms = new KMSClient(config);
  try {
    let region: string;
    try {
      region = await dynamo.config.region();
    } catch {
      fail(tableName, "--region", undefined, "no AWS region is configured", "pass --region, or set AWS_REGION / a profile with a region");
    }
    const table = await describeTable(dynamo, tableName, options, region);
    const resourceIds = [`table/${tableName}`, ...(table.GlobalSecondaryIndexes ?? []).map((g) => `table/${tableName}/index/${g.IndexName}`)];
    const [continuousBackups, timeToLive, tags, scalableTargets, contributorInsights, kinesisDestinations] = await Promise.all([
      probe("DescribeContinuousBackups", async () => (await dynamo.send(new DescribeContinuousBackupsCommand({ TableName: tableName }))).ContinuousBackupsDescription ?? {}),
      probe("DescribeTimeToLive", async () => (await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription ?? {}),
      probe("ListTagsOfResource", () => pages(async (token) => {
        const out = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn, NextToken: token }));
        return { items: out.Tags ?? [], next: out.NextToken };
      })),
      probe("DescribeScalableTargets", () => pages(async (token) => {
        const out = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "dynamodb", ResourceIds: resourceIds, NextToken: token }));
        return { items: out.ScalableTargets ?? [], next: out.NextToken };
      })),
      probe("DescribeContributorInsights", async () => dynamo.send(new DescribeContributorInsightsCommand({ TableName: tableName }))),
      probe("DescribeKinesisStreamingDestination", async () =>
        (await dynamo.send(new DescribeKinesisStreamingDestinationCommand({ TableName: tableName }))).KinesisDataStreamDestinations ?? []),
    ]);
    const scalingPolicies = await probe("DescribeScalingPolicies", async () => {
      const all = [];
      for (const resourceId of resourceIds) {
        all.push(...await pages(async (token) => {
          const out = await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: "dynamodb", ResourceId: resourceId, NextToken: token }));
          return { items: out.ScalingPolicies ?? [], next: out.NextToken };
        }));
      }
      return all;
    });
    const keys = await readKey(kms, table);
    return { region, table, continuousBackups, timeToLive, tags, scalableTargets, scalingPolicies, contributorInsights, kinesisDestinations, ...keys };
  } finally {
    dynamo.destroy();
    scaling.destroy();
    kms.destroy();
  }
}
