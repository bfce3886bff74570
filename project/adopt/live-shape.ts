/**
 * The shapes adopt expects of the AWS API answers it reads (members as in the API references:
 * DynamoDB DescribeTable https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html,
 * DescribeContinuousBackups, DescribeTimeToLive, ListTagsOfResource, DescribeContributorInsights,
 * DescribeKinesisStreamingDestination; Application Auto Scaling DescribeScalableTargets /
 * DescribeScalingPolicies; KMS DescribeKey / GetKeyPolicy / GetKeyRotationStatus / ListResourceTags;
 * Lambda ListEventSourceMappings).
 * Only members adopt reads are listed. `checkLiveResponses` refuses the first answer that does not
 * fit, naming the call and the member (shape.ts), before any of it is mapped.
 */
import { BlueprintValidationError } from "../../model/errors";
import { any, arr, bool, checkShape, num, obj, Shape, str } from "./shape";
import { oneLine } from "./sanitise";

/** The answers as adopt --table gathers them (from-live.ts LiveResponses; structural here so the
 * shapes do not import the mapping that relies on them). */
interface Answers {
  table: unknown;
}
type TableLike = { TableName?: string; KeySchema?: KeyLike[]; AttributeDefinitions?: { AttributeName?: string }[];
  GlobalSecondaryIndexes?: { KeySchema?: KeyLike[] }[]; LocalSecondaryIndexes?: { KeySchema?: KeyLike[] }[] };
type KeyLike = { AttributeName?: string; KeyType?: string };
const keyElement = obj({ AttributeName: str(), KeyType: str(["HASH", "RANGE"]) }, ["AttributeName", "KeyType"]);
const keySchema = arr(keyElement);
const projection = obj({ ProjectionType: str(["ALL", "KEYS_ONLY", "INCLUDE"]), NonKeyAttributes: arr(str()) });
const throughput = obj({ ReadCapacityUnits: num, WriteCapacityUnits: num });
const onDemand = obj({ MaxReadRequestUnits: num, MaxWriteRequestUnits: num });

export const TABLE_DESCRIPTION: Shape = obj({
  TableName: str(),
  TableArn: str(),
  LatestStreamArn: str(),
  KeySchema: keySchema,
  AttributeDefinitions: arr(obj({ AttributeName: str(), AttributeType: str(["S", "N", "B"]) }, ["AttributeName", "AttributeType"])),
  BillingModeSummary: obj({ BillingMode: str(["PAY_PER_REQUEST", "PROVISIONED"]) }),
  ProvisionedThroughput: throughput,
  OnDemandThroughput: onDemand,
  GlobalSecondaryIndexes: arr(obj({ IndexName: str(), KeySchema: keySchema, Projection: projection, ProvisionedThroughput: throughput, OnDemandThroughput: onDemand },
    ["IndexName", "KeySchema"])),
  LocalSecondaryIndexes: arr(obj({ IndexName: str(), KeySchema: keySchema, Projection: projection }, ["IndexName", "KeySchema"])),
  StreamSpecification: obj({ StreamEnabled: bool, StreamViewType: str(["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"]) }),
  SSEDescription: obj({ Status: str(), SSEType: str(), KMSMasterKeyArn: str() }),
  TableClassSummary: obj({ TableClass: str(["STANDARD", "STANDARD_INFREQUENT_ACCESS"]) }),
  DeletionProtectionEnabled: bool,
  Replicas: arr(obj({ RegionName: str(), KMSMasterKeyId: str(), ReplicaStatus: str() }, ["RegionName"])),
  MultiRegionConsistency: str(["EVENTUAL", "STRONG"]),
  GlobalTableWitnesses: arr(obj({ RegionName: str(), WitnessStatus: str() }, ["RegionName"])),
}, ["TableName", "KeySchema", "AttributeDefinitions"]);

const tag = obj({ Key: str(), Value: str() }, ["Key"]);
const insights = obj({ TableName: str(), IndexName: str(), ContributorInsightsStatus: str(), ContributorInsightsMode: str(["ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"]) });

/** Each probe of LiveResponses: the call it came from and the shape of its value. */
const PROBES: { member: string; call: string; shape: Shape }[] = [
  { member: "continuousBackups", call: "DescribeContinuousBackups", shape: obj({ PointInTimeRecoveryDescription: obj({ PointInTimeRecoveryStatus: str(), RecoveryPeriodInDays: num }) }) },
  { member: "timeToLive", call: "DescribeTimeToLive", shape: obj({ TimeToLiveStatus: str(), AttributeName: str() }) },
  { member: "tags", call: "ListTagsOfResource", shape: arr(tag) },
  { member: "scalableTargets", call: "DescribeScalableTargets", shape: arr(obj({ ServiceNamespace: str(), ResourceId: str(), ScalableDimension: str(), MinCapacity: num, MaxCapacity: num })) },
  { member: "scalingPolicies", call: "DescribeScalingPolicies", shape: arr(obj({
    PolicyName: str(), ServiceNamespace: str(), ResourceId: str(), ScalableDimension: str(), PolicyType: str(),
    TargetTrackingScalingPolicyConfiguration: obj({
      TargetValue: num, ScaleInCooldown: num, ScaleOutCooldown: num, DisableScaleIn: bool, CustomizedMetricSpecification: any,
      PredefinedMetricSpecification: obj({ PredefinedMetricType: str(), ResourceLabel: str() }),
    }),
  })) },
  { member: "contributorInsights", call: "DescribeContributorInsights", shape: insights },
  { member: "indexContributorInsights", call: "DescribeContributorInsights (indexes)", shape: arr(insights) },
  { member: "kinesisDestinations", call: "DescribeKinesisStreamingDestination", shape: arr(obj({
    StreamArn: str(), DestinationStatus: str(), ApproximateCreationDateTimePrecision: str(["MILLISECOND", "MICROSECOND"]),
  })) },
  { member: "kmsKey", call: "kms:DescribeKey", shape: obj({ KeyId: str(), Arn: str(), KeyManager: str(), Description: str(), MultiRegion: bool }) },
  { member: "kmsKeyDetails", call: "kms:GetKeyPolicy/GetKeyRotationStatus/ListResourceTags", shape: obj({
    Policy: str(), KeyRotationEnabled: bool, RotationPeriodInDays: num, Tags: arr(obj({ TagKey: str(), TagValue: str() }, ["TagKey"])),
  }) },
  // Lambda ListEventSourceMappings (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html).
  { member: "eventSourceMappings", call: "lambda:ListEventSourceMappings", shape: arr(obj({
    UUID: str(), EventSourceArn: str(), FunctionArn: str(), BatchSize: num, StartingPosition: str(), MaximumRetryAttempts: num,
    BisectBatchOnFunctionError: bool, DestinationConfig: obj({ OnFailure: obj({ Destination: str() }) }),
    FilterCriteria: obj({ Filters: arr(obj({ Pattern: str() })) }),
  })) },
];

function refuse(table: string, call: string, problems: { member: string; expected: string; found: string }[]): never {
  throw new BlueprintValidationError(`dynamodb-blueprints adopt --table ${oneLine(table, 255)}`, problems.map((p) => ({
    where: `${call} ${oneLine(p.member, 200)}`, value: p.found, message: `is not what ${call} returns (expected ${p.expected})`,
    fix: "the endpoint's answer is not the AWS API's; check --endpoint (adopt reads only DynamoDB, Application Auto Scaling, KMS and Lambda answers)",
  })));
}

/** Throws (naming the call and member) unless every answer has the documented shape. */
export function checkLiveResponses(r: Answers, asked: string): void {
  const table = checkShape(r.table, TABLE_DESCRIPTION, "Table");
  if (table.length > 0) refuse(asked, "DescribeTable", table);
  const t = r.table as TableLike;
  const defined = new Set(t.AttributeDefinitions!.map((a) => a.AttributeName));
  const keyed: [string, typeof t.KeySchema][] = [["Table.KeySchema", t.KeySchema],
    ...(t.GlobalSecondaryIndexes ?? []).map((g, i) => [`Table.GlobalSecondaryIndexes[${i}].KeySchema`, g.KeySchema] as [string, typeof t.KeySchema]),
    ...(t.LocalSecondaryIndexes ?? []).map((l, i) => [`Table.LocalSecondaryIndexes[${i}].KeySchema`, l.KeySchema] as [string, typeof t.KeySchema])];
  const keyProblems = keyed.flatMap(([member, schema]) => [
    ...(schema!.some((k) => k.KeyType === "HASH") ? [] : [{ member, expected: "at least one HASH element", found: "none" }]),
    ...schema!.filter((k) => !defined.has(k.AttributeName)).map(() => ({ member, expected: "key attributes named in AttributeDefinitions", found: "an undefined attribute" })),
  ]);
  if (keyProblems.length > 0) refuse(asked, "DescribeTable", keyProblems);
  for (const probe of PROBES) {
    const p = (r as unknown as Record<string, { known: boolean; value?: unknown } | undefined>)[probe.member];
    if (!p?.known) continue;
    const problems = checkShape(p.value, probe.shape, probe.member);
    if (problems.length > 0) refuse(asked, probe.call, problems);
  }
}
