/**
 * The AWS API answers a table described by a model spec would give, typed with the SDKs' own output
 * shapes (@aws-sdk/client-dynamodb, -application-auto-scaling, -kms), written from the API references
 * and the model, independently of adopt's reader (project/adopt/from-live.ts), so a round trip through
 * adopt checks the reader against the API, not against itself:
 * - DescribeTable (TableDescription): KeySchema lists HASH then RANGE elements, a multi-attribute GSI
 *   key every attribute in order; on-demand tables report ProvisionedThroughput 0/0 and -1 for "no
 *   cap"; SSE is absent for the AWS-owned key; MultiRegionConsistency and GlobalTableWitnesses
 *   describe a global table (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 * - Application Auto Scaling ids `table/T[/index/I]`, dimensions `dynamodb:<table|index>:<Read|Write>CapacityUnits`.
 * - DescribeContributorInsights per table and GSI; DescribeKinesisStreamingDestination.
 * - Lambda ListEventSourceMappings of the stream (@aws-sdk/client-lambda): the consumer's mapping as
 *   Lambda describes one (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html):
 *   FunctionArn, DestinationConfig.OnFailure (empty without a destination), FilterCriteria only with filters,
 *   plus the members the blueprint leaves at Lambda's defaults.
 */
import { createHash } from "crypto";
import type {
  DescribeContinuousBackupsCommandOutput, DescribeContributorInsightsCommandOutput, DescribeTimeToLiveCommandOutput,
  KinesisDataStreamDestination, TableDescription, Tag,
} from "@aws-sdk/client-dynamodb";
import type { ScalableTarget, ScalingPolicy } from "@aws-sdk/client-application-auto-scaling";
import type { KeyMetadata } from "@aws-sdk/client-kms";
import type { ListEventSourceMappingsCommandOutput } from "@aws-sdk/client-lambda";
import type { LiveResponses } from "../../project/adopt/from-live";
import { known } from "../../project/adopt/types";
import type { ScalingPlan, TableSpec } from "../../model/types";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
/** The key the blueprint creates (CUSTOMER_MANAGED without kmsKeyArn), as KMS would name it. */
export const CREATED_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-4000-8000-000000000001`;
const AWS_MANAGED_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-4000-8000-0000000000aa`;

export const tableArn = (t: TableSpec) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${t.tableName}`;
/** The stream's ARN as DynamoDB names it (LatestStreamArn; the label is the stream's creation time). */
export const streamArnOf = (t: TableSpec) => `${tableArn(t)}/stream/2026-01-01T00:00:00.000`;
/** The UUID Lambda gave the table's consumer mapping: fixed per table, in UUID form. */
export const mappingUuidOf = (t: TableSpec) => createHash("sha256").update(t.tableName).digest("hex").slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
export const keyArnOf = (t: TableSpec) => (t.encryption === "CUSTOMER_MANAGED" ? (t.kmsKeyArn ?? CREATED_KEY_ARN) : t.encryption === "AWS_MANAGED" ? AWS_MANAGED_KEY_ARN : undefined);

const keySchema = (partition: { name: string }[], sort: { name: string }[]) => [
  ...partition.map((k) => ({ AttributeName: k.name, KeyType: "HASH" as const })),
  ...sort.map((k) => ({ AttributeName: k.name, KeyType: "RANGE" as const })),
];
const projection = (p: { projectionType: string; nonKeyAttributes: string[] }) =>
  ({ ProjectionType: p.projectionType as "ALL", ...(p.projectionType === "INCLUDE" ? { NonKeyAttributes: p.nonKeyAttributes } : {}) });
/** AWS reports -1 where no cap is set. */
const caps = (o: { maxReadRequestUnits?: number; maxWriteRequestUnits?: number } | undefined) =>
  ({ MaxReadRequestUnits: o?.maxReadRequestUnits ?? -1, MaxWriteRequestUnits: o?.maxWriteRequestUnits ?? -1 });

export function describeTable(t: TableSpec): TableDescription {
  const provisioned = t.billingMode === "PROVISIONED";
  const throughput = (r?: number, w?: number) => ({ ReadCapacityUnits: provisioned ? r : 0, WriteCapacityUnits: provisioned ? w : 0, NumberOfDecreasesToday: 0 });
  const keyArn = keyArnOf(t);
  const strong = t.replicas.some((r) => r.consistencyMode === "STRONG");
  return {
    TableName: t.tableName, TableArn: tableArn(t), TableStatus: "ACTIVE", CreationDateTime: new Date("2026-01-01T00:00:00Z"),
    AttributeDefinitions: t.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema([t.partitionKey], t.sortKey ? [t.sortKey] : []),
    BillingModeSummary: { BillingMode: t.billingMode },
    ProvisionedThroughput: throughput(t.readCapacity, t.writeCapacity),
    ...(provisioned ? {} : { OnDemandThroughput: caps(t.onDemandThroughput) }),
    ...(t.globalSecondaryIndexes.length ? { GlobalSecondaryIndexes: t.globalSecondaryIndexes.map((g) => ({
      IndexName: g.name, IndexStatus: "ACTIVE" as const,
      KeySchema: keySchema(g.partitionKeys ?? [g.partitionKey], g.sortKeys ?? (g.sortKey ? [g.sortKey] : [])),
      Projection: projection(g), ProvisionedThroughput: throughput(g.readCapacity, g.writeCapacity),
      ...(provisioned ? {} : { OnDemandThroughput: caps(g.onDemandThroughput) }),
    })) } : {}),
    ...(t.localSecondaryIndexes.length ? { LocalSecondaryIndexes: t.localSecondaryIndexes.map((l) => ({
      IndexName: l.name, KeySchema: keySchema([t.partitionKey], [l.sortKey]), Projection: projection(l),
    })) } : {}),
    ...(t.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: t.streamViewType }, LatestStreamArn: streamArnOf(t), LatestStreamLabel: "2026-01-01T00:00:00.000" } : {}),
    ...(keyArn ? { SSEDescription: { Status: "ENABLED" as const, SSEType: "KMS" as const, KMSMasterKeyArn: keyArn } } : {}),
    TableClassSummary: { TableClass: t.tableClass ?? "STANDARD" },
    DeletionProtectionEnabled: t.deletionProtection,
    ...(t.replicas.length ? {
      Replicas: t.replicas.map((r) => ({ RegionName: r.region, ReplicaStatus: "ACTIVE" as const, ...(r.kmsKeyArn ? { KMSMasterKeyId: r.kmsKeyArn } : {}) })),
      MultiRegionConsistency: strong ? "STRONG" as const : "EVENTUAL" as const,
    } : {}),
    ...(t.globalTableWitness ? { GlobalTableWitnesses: [{ RegionName: t.globalTableWitness.regionName, WitnessStatus: "ACTIVE" as const }] } : {}),
  };
}

const dimension = (index: boolean, d: "read" | "write") => `dynamodb:${index ? "index" : "table"}:${d === "read" ? "Read" : "Write"}CapacityUnits` as const;
const metric = (d: "read" | "write"): "DynamoDBReadCapacityUtilization" | "DynamoDBWriteCapacityUtilization" =>
  (d === "read" ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization");

function scaling(t: TableSpec): { targets: ScalableTarget[]; policies: ScalingPolicy[] } {
  const owners: [string | undefined, ScalingPlan[]][] = [[undefined, t.scaling], ...t.globalSecondaryIndexes.map((g) => [g.name, g.scaling] as [string, ScalingPlan[]])];
  const targets: ScalableTarget[] = [];
  const policies: ScalingPolicy[] = [];
  for (const [index, plans] of owners) {
    const resourceId = `table/${t.tableName}${index ? `/index/${index}` : ""}`;
    for (const p of plans) {
      const ScalableDimension = dimension(index !== undefined, p.dimension);
      targets.push({ ServiceNamespace: "dynamodb", ResourceId: resourceId, ScalableDimension, MinCapacity: p.min, MaxCapacity: p.max,
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/scaling`, CreationTime: new Date("2026-01-01T00:00:00Z") });
      const PolicyName = p.policyName ?? `${resourceId.replace(/\//g, "-")}-${p.dimension}`;
      policies.push({ PolicyName, PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:x:resource/dynamodb/${resourceId}:policyName/${PolicyName}`,
        ServiceNamespace: "dynamodb", ResourceId: resourceId, ScalableDimension, PolicyType: "TargetTrackingScaling", CreationTime: new Date("2026-01-01T00:00:00Z"),
        TargetTrackingScalingPolicyConfiguration: { TargetValue: p.targetUtilization, PredefinedMetricSpecification: { PredefinedMetricType: metric(p.dimension) },
          ScaleInCooldown: p.scaleInCooldown, ScaleOutCooldown: p.scaleOutCooldown, DisableScaleIn: false } });
    }
  }
  return { targets, policies };
}

/** ListEventSourceMappings filtered by the stream's ARN: the table's consumer, if it has one. */
export function listMappings(t: TableSpec): ListEventSourceMappingsCommandOutput {
  const c = t.streamConsumer;
  return { $metadata: {}, EventSourceMappings: c ? [{
    UUID: mappingUuidOf(t), EventSourceArn: streamArnOf(t), FunctionArn: c.functionArn, State: "Enabled", StateTransitionReason: "USER_INITIATED",
    LastModified: new Date("2026-01-01T00:00:00Z"), LastProcessingResult: "No records processed",
    BatchSize: c.batchSize, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, StartingPosition: c.startingPosition,
    MaximumRetryAttempts: c.maximumRetryAttempts, MaximumRecordAgeInSeconds: -1, BisectBatchOnFunctionError: c.bisectBatchOnFunctionError,
    DestinationConfig: { OnFailure: c.onFailureDestinationArn ? { Destination: c.onFailureDestinationArn } : {} },
    ...(c.filters ? { FilterCriteria: { Filters: c.filters.map((Pattern) => ({ Pattern })) } } : {}),
    FunctionResponseTypes: [], EventSourceMappingArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${mappingUuidOf(t)}`,
  }] : [] };
}

/** Every answer adopt --table reads, for a table exactly as the spec describes it. */
export function awsAnswers(t: TableSpec): LiveResponses {
  const continuous: DescribeContinuousBackupsCommandOutput["ContinuousBackupsDescription"] = {
    ContinuousBackupsStatus: "ENABLED",
    PointInTimeRecoveryDescription: t.pointInTimeRecovery
      ? { PointInTimeRecoveryStatus: "ENABLED", RecoveryPeriodInDays: t.recoveryPeriodInDays ?? 35 } : { PointInTimeRecoveryStatus: "DISABLED" },
  };
  const ttl: DescribeTimeToLiveCommandOutput["TimeToLiveDescription"] = t.ttlAttribute ? { TimeToLiveStatus: "ENABLED", AttributeName: t.ttlAttribute } : { TimeToLiveStatus: "DISABLED" };
  const tags: Tag[] = Object.entries(t.tags).map(([Key, Value]) => ({ Key, Value }));
  const ci = t.contributorInsights;
  const insights = (IndexName?: string): DescribeContributorInsightsCommandOutput => ({
    $metadata: {}, TableName: t.tableName, ...(IndexName ? { IndexName } : {}),
    ContributorInsightsStatus: ci && (!IndexName || ci.indexes.includes(IndexName)) ? "ENABLED" : "DISABLED",
    ...(ci ? { ContributorInsightsMode: ci.mode } : {}),
  });
  const kinesis: KinesisDataStreamDestination[] = t.kinesisStreamingDestination ? [{
    StreamArn: t.kinesisStreamingDestination.streamArn, DestinationStatus: "ACTIVE",
    ApproximateCreationDateTimePrecision: t.kinesisStreamingDestination.approximateCreationDateTimePrecision ?? "MILLISECOND",
  }] : [];
  const { targets, policies } = scaling(t);
  const keyArn = keyArnOf(t);
  const customer = t.encryption === "CUSTOMER_MANAGED";
  const key: KeyMetadata | undefined = keyArn ? { KeyId: keyArn.split("/").pop(), Arn: keyArn, KeyManager: customer ? "CUSTOMER" : "AWS",
    Description: customer ? `key of ${t.tableName}` : "Default key that protects my DynamoDB data", MultiRegion: false, Enabled: true } : undefined;
  return {
    region: REGION,
    table: describeTable(t),
    continuousBackups: known(continuous!),
    timeToLive: known(ttl!),
    tags: known(tags),
    scalableTargets: known(targets),
    scalingPolicies: known(policies),
    contributorInsights: known(insights()),
    indexContributorInsights: known(t.globalSecondaryIndexes.map((g) => insights(g.name))),
    kinesisDestinations: known(kinesis),
    ...(key ? { kmsKey: known(key) } : {}),
    ...(t.streamViewType ? { eventSourceMappings: known(listMappings(t).EventSourceMappings!) } : {}),
    ...(key && customer ? { kmsKeyDetails: known({ Policy: "{}", KeyRotationEnabled: true, RotationPeriodInDays: 365, Tags: [] }) } : {}),
  };
}
