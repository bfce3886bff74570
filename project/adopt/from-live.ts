/**
 * AWS API responses of one table -> TableFacts. Shapes are the DynamoDB API's (DescribeTable,
 * DescribeContinuousBackups, DescribeTimeToLive, ListTagsOfResource, DescribeContributorInsights,
 * DescribeKinesisStreamingDestination) so SDK responses fit as they are, and recorded responses can be
 * replayed in tests. A call that failed arrives as an unknown Probe and stays unknown.
 */
import type { AttributeType, GlobalSecondaryIndexArgs, KeyAttribute, LocalSecondaryIndexArgs, OnDemandThroughput, ProjectionType, StreamViewType, TableClass } from "../../model/types";
import { adoptScaling, ScalableTargetLike, ScalingPolicyLike } from "./scaling";
import { TableFacts, accountOfTableArn, componentName, declareTable, keepUnpassableKeyTags } from "./declare";
import { Adoption, NotAdopted, Probe, UnknownSetting, known, unknown } from "./types";
import type { ContributorInsightsMode } from "../../model/insights/types";
import type { TimestampPrecision } from "../../model/kinesis/types";
import { checkLiveResponses } from "./live-shape";
import { EventSourceMappingLike, adoptStreamConsumer, declareStreamConsumer } from "./stream-consumer";
import { oneLine } from "./sanitise";
import { BlueprintValidationError } from "../../model/errors";

interface KeyElement { AttributeName?: string; KeyType?: string }
interface ProjectionLike { ProjectionType?: string; NonKeyAttributes?: string[] }
interface Throughput { ReadCapacityUnits?: number; WriteCapacityUnits?: number }
interface OnDemandLike { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number }
export interface ContributorInsightsLike { IndexName?: string; ContributorInsightsStatus?: string; ContributorInsightsMode?: string }

export interface TableDescriptionLike {
  TableName?: string;
  TableArn?: string;
  /** The stream's ARN, which Lambda event source mappings name (EventSourceArn). */
  LatestStreamArn?: string;
  KeySchema?: KeyElement[];
  AttributeDefinitions?: { AttributeName?: string; AttributeType?: string }[];
  BillingModeSummary?: { BillingMode?: string };
  ProvisionedThroughput?: Throughput;
  OnDemandThroughput?: OnDemandLike;
  GlobalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeyElement[]; Projection?: ProjectionLike; ProvisionedThroughput?: Throughput; OnDemandThroughput?: OnDemandLike }[];
  LocalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeyElement[]; Projection?: ProjectionLike }[];
  StreamSpecification?: { StreamEnabled?: boolean; StreamViewType?: string };
  SSEDescription?: { Status?: string; SSEType?: string; KMSMasterKeyArn?: string };
  TableClassSummary?: { TableClass?: string };
  DeletionProtectionEnabled?: boolean;
  Replicas?: { RegionName?: string; KMSMasterKeyId?: string; ReplicaStatus?: string }[];
  /** Multi-Region consistency of a global table (AWS, 2025): STRONG is MRSC. */
  MultiRegionConsistency?: string;
  /** The witness Region of an MRSC table with one replica. */
  GlobalTableWitnesses?: { RegionName?: string; WitnessStatus?: string }[];
}

export interface LiveResponses {
  /** Region the table was read in (for the report). */
  region: string;
  table: TableDescriptionLike;
  continuousBackups: Probe<{ PointInTimeRecoveryDescription?: { PointInTimeRecoveryStatus?: string; RecoveryPeriodInDays?: number } }>;
  timeToLive: Probe<{ TimeToLiveStatus?: string; AttributeName?: string }>;
  tags: Probe<{ Key?: string; Value?: string }[]>;
  scalableTargets: Probe<ScalableTargetLike[]>;
  scalingPolicies: Probe<ScalingPolicyLike[]>;
  contributorInsights: Probe<ContributorInsightsLike>;
  /** DescribeContributorInsights of each GSI (absent: not asked, e.g. recorded responses of a table without GSIs). */
  indexContributorInsights?: Probe<ContributorInsightsLike[]>;
  kinesisDestinations: Probe<{ StreamArn?: string; DestinationStatus?: string; ApproximateCreationDateTimePrecision?: string }[]>;
  /** KMS DescribeKey of the table's key; absent when the table has no KMS encryption. */
  kmsKey?: Probe<KmsKeyMetadataLike>;
  /** GetKeyPolicy, GetKeyRotationStatus and ListResourceTags of a customer-managed key. */
  kmsKeyDetails?: Probe<KmsKeyDetailsLike>;
  /** Lambda ListEventSourceMappings of the table's stream; absent when the table has no stream (not asked). */
  eventSourceMappings?: Probe<EventSourceMappingLike[]>;
}

export interface KmsKeyMetadataLike {
  KeyId?: string;
  Arn?: string;
  KeyManager?: string;
  Description?: string;
  MultiRegion?: boolean;
}

export interface KmsKeyDetailsLike {
  Policy?: string;
  KeyRotationEnabled?: boolean;
  RotationPeriodInDays?: number;
  Tags?: { TagKey?: string; TagValue?: string }[];
}

function key(name: string | undefined, types: Map<string, string>): KeyAttribute {
  return { name: name!, type: types.get(name!) as AttributeType };
}

function keysOf(schema: KeyElement[] | undefined, types: Map<string, string>): { hash?: KeyAttribute; range?: KeyAttribute } {
  const hash = schema?.find((k) => k.KeyType === "HASH")?.AttributeName;
  const range = schema?.find((k) => k.KeyType === "RANGE")?.AttributeName;
  return { hash: hash ? key(hash, types) : undefined, range: range ? key(range, types) : undefined };
}

/** A GSI's key as the model states it: one attribute per key type, or (a multi-attribute key, up to four
 * per type, model/index-keys.ts) every HASH and every RANGE element in KeySchema order. */
function gsiKey(schema: KeyElement[], types: Map<string, string>): Pick<GlobalSecondaryIndexArgs, "partitionKey" | "partitionKeys" | "sortKey" | "sortKeys"> {
  const hash = schema.filter((k) => k.KeyType === "HASH").map((k) => key(k.AttributeName, types));
  const range = schema.filter((k) => k.KeyType === "RANGE").map((k) => key(k.AttributeName, types));
  if (hash.length <= 1 && range.length <= 1) return { partitionKey: hash[0], ...(range[0] ? { sortKey: range[0] } : {}) };
  return { partitionKeys: hash, ...(range.length > 0 ? { sortKeys: range } : {}) };
}

/** On-demand caps that are set: DynamoDB reports -1 for "no cap". */
export function onDemandCaps(o: OnDemandLike | undefined): OnDemandThroughput | undefined {
  const read = cap(o?.MaxReadRequestUnits);
  const write = cap(o?.MaxWriteRequestUnits);
  return read || write ? { ...(read ? { maxReadRequestUnits: read } : {}), ...(write ? { maxWriteRequestUnits: write } : {}) } : undefined;
}

function projection(p: ProjectionLike | undefined): { projectionType: ProjectionType; nonKeyAttributes?: string[] } {
  const type = (p?.ProjectionType ?? "ALL") as ProjectionType;
  return type === "INCLUDE" ? { projectionType: type, nonKeyAttributes: [...(p?.NonKeyAttributes ?? [])] } : { projectionType: type };
}

/** DynamoDB reports -1 for "no cap" on some tables; only positive caps are settings. */
const cap = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);

export function liveFacts(r: LiveResponses): TableFacts {
  const t = r.table;
  const types = new Map((t.AttributeDefinitions ?? []).map((a) => [a.AttributeName!, a.AttributeType!]));
  const { hash, range } = keysOf(t.KeySchema, types);
  // Tables created before billing-mode summaries existed are provisioned; DynamoDB omits the summary for them.
  const billingMode = t.BillingModeSummary?.BillingMode === "PAY_PER_REQUEST" ? "PAY_PER_REQUEST" : "PROVISIONED";
  const provisioned = billingMode === "PROVISIONED";
  const gsis: GlobalSecondaryIndexArgs[] = (t.GlobalSecondaryIndexes ?? []).map((g) => {
    const caps = provisioned ? undefined : onDemandCaps(g.OnDemandThroughput);
    return {
      name: g.IndexName!, ...gsiKey(g.KeySchema!, types), ...projection(g.Projection),
      ...(provisioned ? { readCapacity: g.ProvisionedThroughput?.ReadCapacityUnits, writeCapacity: g.ProvisionedThroughput?.WriteCapacityUnits } : {}),
      ...(caps ? { onDemandThroughput: caps } : {}),
    };
  });
  const lsis: LocalSecondaryIndexArgs[] = (t.LocalSecondaryIndexes ?? []).map((l) => ({
    name: l.IndexName!, sortKey: keysOf(l.KeySchema, types).range!, ...projection(l.Projection),
  }));
  const sse = t.SSEDescription;
  const kms = sse && (sse.Status === "ENABLED" || sse.Status === "UPDATING") && sse.SSEType === "KMS";
  const pitr = r.continuousBackups.known
    ? known(((d) => (d?.PointInTimeRecoveryStatus === "ENABLED"
      ? { enabled: true, recoveryPeriodInDays: d.RecoveryPeriodInDays } : { enabled: false }))(r.continuousBackups.value.PointInTimeRecoveryDescription))
    : unknown<{ enabled: boolean }>(r.continuousBackups.reason);
  const ttl = r.timeToLive.known
    ? known(["ENABLED", "ENABLING"].includes(r.timeToLive.value.TimeToLiveStatus ?? "") ? r.timeToLive.value.AttributeName : undefined)
    : unknown<string | undefined>(r.timeToLive.reason);
  const tags = r.tags.known
    ? known(Object.fromEntries(r.tags.value.map((tag) => [tag.Key!, tag.Value ?? ""])))
    : unknown<Record<string, string>>(r.tags.reason);
  const scaling = !r.scalableTargets.known ? unknown<never>(r.scalableTargets.reason)
    : !r.scalingPolicies.known ? unknown<never>(r.scalingPolicies.reason)
    : known(adoptScaling(t.TableName!, r.scalableTargets.value, r.scalingPolicies.value));
  const onDemand = provisioned ? undefined : onDemandCaps(t.OnDemandThroughput);
  // Multi-Region strong consistency is one table-wide mode (MultiRegionConsistency); the model states it per replica.
  const strong = t.MultiRegionConsistency === "STRONG";
  const witness = (t.GlobalTableWitnesses ?? [])[0]?.RegionName;
  return {
    tableName: t.TableName!,
    partitionKey: hash!,
    ...(range ? { sortKey: range } : {}),
    billingMode,
    ...(provisioned ? { readCapacity: t.ProvisionedThroughput?.ReadCapacityUnits, writeCapacity: t.ProvisionedThroughput?.WriteCapacityUnits } : {}),
    globalSecondaryIndexes: gsis,
    localSecondaryIndexes: lsis,
    pointInTimeRecovery: pitr,
    // DynamoDB always returns DeletionProtectionEnabled; an endpoint that omits it does not implement it.
    deletionProtection: t.DeletionProtectionEnabled === undefined
      ? unknown("DescribeTable returned no DeletionProtectionEnabled (the endpoint does not implement deletion protection)")
      : known(t.DeletionProtectionEnabled),
    // DescribeTable cannot tell the AWS-managed key from a customer-managed one (that takes kms:DescribeKey);
    // naming the key's ARN is exact for both, so the import shows no diff either way.
    encryption: kms ? { mode: "CUSTOMER_MANAGED", kmsKeyArn: sse!.KMSMasterKeyArn } : { mode: "AWS_OWNED" },
    ttlAttribute: ttl,
    ...(t.StreamSpecification?.StreamEnabled ? { streamViewType: t.StreamSpecification.StreamViewType as StreamViewType } : {}),
    // STANDARD is the default of DynamoDB and of the provider: declaring it or not makes no diff.
    ...(t.TableClassSummary?.TableClass && t.TableClassSummary.TableClass !== "STANDARD" ? { tableClass: t.TableClassSummary.TableClass as TableClass } : {}),
    tags,
    ...(onDemand ? { onDemandThroughput: onDemand } : {}),
    replicas: (t.Replicas ?? []).filter((rep) => rep.RegionName !== r.region).map((rep) => ({
      region: rep.RegionName!, ...(strong ? { consistencyMode: "STRONG" as const, importExisting: true } : {}), ...(rep.KMSMasterKeyId ? { kmsKeyArn: rep.KMSMasterKeyId } : {}),
    })),
    // The table is in the Region it was read in (its TableArn's); the model carries it to every child.
    region: r.region,
    ...(strong && witness ? { globalTableWitness: { regionName: witness } } : {}),
    scaling,
  };
}

/** `aws.kms.Key` arguments exactly as KMS describes the key. The deletion window is not a property KMS reports. */
export function liveKeyArgs(meta: KmsKeyMetadataLike, details: KmsKeyDetailsLike): Record<string, unknown> {
  const args: Record<string, unknown> = { description: meta.Description ?? "", enableKeyRotation: details.KeyRotationEnabled === true };
  if (details.KeyRotationEnabled && details.RotationPeriodInDays !== undefined) args.rotationPeriodInDays = details.RotationPeriodInDays;
  if (meta.MultiRegion) args.multiRegion = true;
  if (details.Policy) args.policy = details.Policy;
  const tags = Object.fromEntries((details.Tags ?? []).map((t) => [t.TagKey!, t.TagValue ?? ""]));
  if (Object.keys(tags).length > 0) args.tags = tags;
  return args;
}

const ON = ["ENABLED", "ENABLING"];
type Notes = { unknown: UnknownSetting[]; notAdopted: NotAdopted[] };

/**
 * Contributor Insights as the blueprint states it: on the table (DescribeContributorInsights) and on
 * the GSIs listed in `indexes` (the same call per index), with the mode AWS reports, imported by the
 * provider's id (which names the account, read from TableArn). The blueprint enables index insights
 * only together with the table's; anything else is listed, not approximated.
 */
function liveInsights(r: LiveResponses, notes: Notes): Pick<TableFacts, "contributorInsights"> {
  if (!r.contributorInsights.known) {
    notes.unknown.push({ setting: "contributorInsights", reason: r.contributorInsights.reason, effect: "not declared (it does not change the table import); if it is enabled it stays enabled, unmanaged" });
    return {};
  }
  const table = r.contributorInsights.value;
  const indexes = r.indexContributorInsights?.known ? r.indexContributorInsights.value : [];
  if (r.indexContributorInsights && !r.indexContributorInsights.known) {
    notes.unknown.push({ setting: "contributorInsights.indexes", reason: r.indexContributorInsights.reason, effect: "no index insights are declared (it does not change the table import)" });
  }
  const onIndexes = indexes.filter((i) => ON.includes(i.ContributorInsightsStatus ?? "") && i.IndexName).map((i) => i.IndexName!);
  if (!ON.includes(table.ContributorInsightsStatus ?? "")) {
    for (const name of onIndexes) {
      notes.notAdopted.push({ what: `Contributor Insights on index ${name}`, why: "the blueprint enables index insights only with the table's own; it stays enabled, unmanaged" });
    }
    return {};
  }
  const account = accountOfTableArn(r.table.TableArn);
  if (!account) {
    notes.notAdopted.push({ what: "Contributor Insights (enabled)", why: "TableArn names no account, which the import id needs; it stays enabled, unmanaged" });
    return {};
  }
  const modes = new Set([table, ...indexes.filter((i) => onIndexes.includes(i.IndexName!))].map((i) => i.ContributorInsightsMode ?? "ACCESSED_AND_THROTTLED_KEYS"));
  if (modes.size > 1) {
    notes.notAdopted.push({ what: "Contributor Insights (enabled)", why: "the table and its indexes use different modes, and the blueprint sets one; it stays as it is, unmanaged" });
    return {};
  }
  return { contributorInsights: { mode: [...modes][0] as ContributorInsightsMode, ...(onIndexes.length ? { indexes: onIndexes } : {}), importAccountId: account } };
}

/** The one Kinesis streaming destination the blueprint expresses (AWS allows one active per table). */
function liveKinesis(r: LiveResponses, notes: Notes): Pick<TableFacts, "kinesisStreamingDestination"> {
  if (!r.kinesisDestinations.known) {
    notes.unknown.push({ setting: "kinesisStreamingDestination", reason: r.kinesisDestinations.reason, effect: "not declared (it does not change the table import); an existing destination stays, unmanaged" });
    return {};
  }
  const active = r.kinesisDestinations.value.filter((d) => ["ACTIVE", "ENABLING", "UPDATING"].includes(d.DestinationStatus ?? ""));
  if (active.length !== 1) {
    for (const d of active) notes.notAdopted.push({ what: `Kinesis streaming destination ${d.StreamArn} (${d.DestinationStatus})`, why: "the blueprint expresses one destination; they stay as they are, unmanaged" });
    return {};
  }
  const d = active[0];
  return { kinesisStreamingDestination: {
    streamArn: d.StreamArn!, ...(d.ApproximateCreationDateTimePrecision ? { approximateCreationDateTimePrecision: d.ApproximateCreationDateTimePrecision as TimestampPrecision } : {}),
    importExisting: true,
  } };
}

/** A customer-managed key KMS fully described is imported next to the table; otherwise it is referenced by ARN. */
function adoptKey(r: LiveResponses, facts: TableFacts, adoption: Adoption): void {
  const arn = facts.encryption.mode === "CUSTOMER_MANAGED" ? facts.encryption.kmsKeyArn : undefined;
  if (!arn) return;
  const notRead = (reason: string, effect: string) => {
    adoption.unknown.push({ setting: "kmsKey", reason, effect });
    adoption.notAdopted.push({ what: `KMS key ${arn}`, why: "referenced by ARN, not imported" });
  };
  if (!r.kmsKey?.known) {
    return notRead(r.kmsKey?.reason ?? "no KMS call was made", "the key is referenced by ARN; whether it is AWS-managed or customer-managed is unknown");
  }
  if (!r.kmsKeyDetails?.known) return notRead(r.kmsKeyDetails?.reason ?? "no key details were read", "the key is referenced by ARN, not imported");
  const meta = r.kmsKey.value;
  adoption.kmsKey = { name: `${adoption.declaration.name}-key`, keyId: meta.KeyId ?? arn, arn, args: liveKeyArgs(meta, r.kmsKeyDetails.value) };
  keepUnpassableKeyTags(adoption);
  adoption.unknown.push({ setting: "kmsKey.deletionWindowInDays", reason: "KMS reports no deletion window until a deletion is scheduled",
    effect: "left out: the provider's default (30 days) applies if the key is ever scheduled for deletion" });
}

/** The stream's one Lambda consumer, filters included (stream-consumer.ts). */
function liveConsumer(r: LiveResponses, adoption: Adoption): void {
  const streamArn = r.table.LatestStreamArn;
  if (!r.eventSourceMappings || !streamArn || !r.table.StreamSpecification?.StreamEnabled) return;
  if (!r.eventSourceMappings.known) {
    adoption.unknown.push({ setting: "streamConsumer", reason: r.eventSourceMappings.reason,
      effect: "not declared (it does not change the table import); an existing event source mapping stays, unmanaged" });
    return;
  }
  declareStreamConsumer(adoption, adoptStreamConsumer(streamArn, r.eventSourceMappings.value));
}

/** `asked`: the table adopt was asked for; an answer about another table is refused (live-shape.ts). */
export function adoptLive(r: LiveResponses, asked = r.table.TableName ?? ""): Adoption {
  checkLiveResponses(r, asked);
  if (r.table.TableName !== asked) {
    throw new BlueprintValidationError(`dynamodb-blueprints adopt --table ${oneLine(asked, 255)}`, [{ where: "DescribeTable Table.TableName", value: "another table",
      message: "names a different table than the one asked for; adopting it would import the wrong table", fix: "check --endpoint and --table" }]);
  }
  let facts = liveFacts(r);
  // The AWS-managed key (alias aws/dynamodb) is AWS_MANAGED: declared without an ARN, as Terraform and Pulumi read it back.
  if (r.kmsKey?.known && r.kmsKey.value.KeyManager === "AWS" && facts.encryption.mode === "CUSTOMER_MANAGED") {
    facts = { ...facts, encryption: { mode: "AWS_MANAGED" } };
  }
  const notes = { unknown: [] as UnknownSetting[], notAdopted: [] as NotAdopted[] };
  facts = { ...facts, ...liveInsights(r, notes), ...liveKinesis(r, notes) };
  const adoption = declareTable(facts, componentName(facts.tableName), `table ${facts.tableName} (${r.region})`);
  adoption.unknown.push(...notes.unknown);
  adoption.notAdopted.push(...notes.notAdopted);
  adoptKey(r, facts, adoption);
  liveConsumer(r, adoption);
  if (facts.replicas.length > 0) {
    // DescribeTable names each replica's region and key only; the rest takes calls in the replica's region.
    adoption.unknown.push({ setting: "replicas[].pointInTimeRecovery/deletionProtection/propagateTags", reason: "DescribeTable does not report them per replica",
      effect: "left out: each replica follows the table's own settings and propagates tags (the blueprint defaults)" });
  }
  return adoption;
}
