/**
 * The pure model's vocabulary. Nothing here imports Pulumi: the Pulumi components, the HCL emitter,
 * the CLI and the local emulator all render these plain values, so they cannot drift apart.
 *
 * `T` stands for a value the model never inspects (a KMS key ARN or a tag value). The Pulumi side
 * instantiates it with `pulumi.Input<string>`; the Terraform side and the CLI with `string`.
 */

import type { GrantArgs, GrantSpec } from "./grants/types";
import type { ContributorInsightsArgs, ContributorInsightsSpec } from "./insights/types";
import type { KinesisDestinationArgs } from "./kinesis/types";
import type { AdvisorArgs } from "./advice/hint-types";

// Each union below has a same-named `as const` object declared before its type: that is the only enum shape
// the Node SDK's component analyzer turns into an enum for other languages (PulumiPlugin.yaml). The arrays stay
// the runtime source of truth; tests/components/schema.test.ts checks that both list the same values.
export const ATTRIBUTE_TYPES = ["S", "N", "B"] as const;
/** DynamoDB attribute types: S (string), N (number), B (binary). */
export const AttributeType = { S: "S", N: "N", B: "B" } as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const BILLING_MODES = ["PAY_PER_REQUEST", "PROVISIONED"] as const;
export const BillingMode = { PAY_PER_REQUEST: "PAY_PER_REQUEST", PROVISIONED: "PROVISIONED" } as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export const PROJECTION_TYPES = ["ALL", "KEYS_ONLY", "INCLUDE"] as const;
export const ProjectionType = { ALL: "ALL", KEYS_ONLY: "KEYS_ONLY", INCLUDE: "INCLUDE" } as const;
export type ProjectionType = (typeof PROJECTION_TYPES)[number];

export const ENCRYPTION_MODES = ["AWS_OWNED", "AWS_MANAGED", "CUSTOMER_MANAGED"] as const;
export const EncryptionMode = {
  AWS_OWNED: "AWS_OWNED", AWS_MANAGED: "AWS_MANAGED", CUSTOMER_MANAGED: "CUSTOMER_MANAGED",
} as const;
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];

export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;
export const StreamViewType = {
  KEYS_ONLY: "KEYS_ONLY", NEW_IMAGE: "NEW_IMAGE", OLD_IMAGE: "OLD_IMAGE", NEW_AND_OLD_IMAGES: "NEW_AND_OLD_IMAGES",
} as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

export const TABLE_CLASSES = ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] as const;
export const TableClass = {
  STANDARD: "STANDARD", STANDARD_INFREQUENT_ACCESS: "STANDARD_INFREQUENT_ACCESS",
} as const;
export type TableClass = (typeof TABLE_CLASSES)[number];

/** A key attribute. Attribute definitions are derived from keys, so they can never disagree. */
export interface KeyAttribute {
  /** Attribute name, e.g. `orderId`. */
  name: string;
  /** Attribute type: S (string), N (number) or B (binary). */
  type: AttributeType;
}

/** Target-tracking auto scaling bounds for one dimension (read or write). */
export interface ScalingRange {
  /** Minimum capacity units (>= 1). */
  min: number;
  /** Maximum capacity units (>= min). */
  max: number;
  /** Target utilisation in percent (20-90). Default 70. */
  targetUtilization?: number;
  /** Name of the target-tracking policy. Default `<table>[-<index>]-<read|write>-capacity-utilization`. */
  policyName?: string;
}

/** Auto scaling of provisioned capacity (PROVISIONED only); capacity drift is then ignored. */
export interface AutoscalingArgs {
  /** Scale read capacity within this range. */
  read?: ScalingRange;
  /** Scale write capacity within this range. */
  write?: ScalingRange;
  /** Seconds. Default 60. */
  scaleInCooldown?: number;
  /** Seconds. Default 60. */
  scaleOutCooldown?: number;
  /**
   * The scaling targets and policies already exist (an adopted table): import them (Pulumi `import`,
   * Terraform `import {}`) instead of creating them. Needs the table's `importFrom`. Default false.
   */
  importExisting?: boolean;
}

/** A global secondary index (at most 20 per table). */
export interface GlobalSecondaryIndexArgs {
  /** Index name, unique per table. */
  name: string;
  /** The index's partition key (or `partitionKeys` for a multi-attribute key). */
  partitionKey?: KeyAttribute;
  /** A multi-attribute partition key: 1-4 attributes, in order. Instead of `partitionKey`. */
  partitionKeys?: KeyAttribute[];
  /** The index's sort key (or `sortKeys` for a multi-attribute key). */
  sortKey?: KeyAttribute;
  /** A multi-attribute sort key: 1-4 attributes, in order. Instead of `sortKey`. */
  sortKeys?: KeyAttribute[];
  /** Attributes copied into the index. Default ALL. */
  projectionType?: ProjectionType;
  /** Projected non-key attributes; only with projectionType INCLUDE. */
  nonKeyAttributes?: string[];
  /** Read capacity units (PROVISIONED only, required there). */
  readCapacity?: number;
  /** Write capacity units (PROVISIONED only, required there). */
  writeCapacity?: number;
  /** Auto scaling of this index's capacity (PROVISIONED only). */
  autoscaling?: AutoscalingArgs;
  /** Pre-warmed throughput of this index (read >= 12000, write >= 4000 units/s); it can only be raised. */
  warmThroughput?: WarmThroughput;
  /** On-demand caps of this index (PAY_PER_REQUEST only): requests above them are throttled. */
  onDemandThroughput?: OnDemandThroughput;
}

/** A local secondary index (at most 5; creation time only; needs a table sort key). */
export interface LocalSecondaryIndexArgs {
  /** Index name, unique per table. */
  name: string;
  /** The index's sort key; the partition key is the table's. */
  sortKey: KeyAttribute;
  /** Attributes copied into the index. Default ALL. */
  projectionType?: ProjectionType;
  /** Projected non-key attributes; only with projectionType INCLUDE. */
  nonKeyAttributes?: string[];
}

export const STARTING_POSITIONS = ["LATEST", "TRIM_HORIZON"] as const;
export const StartingPosition = { LATEST: "LATEST", TRIM_HORIZON: "TRIM_HORIZON" } as const;
export type StartingPosition = (typeof STARTING_POSITIONS)[number];

/** Optional on-demand caps (`on_demand_throughput`). Only with PAY_PER_REQUEST. */
export interface OnDemandThroughput {
  /** Cap on read request units per second. */
  maxReadRequestUnits?: number;
  /** Cap on write request units per second. */
  maxWriteRequestUnits?: number;
}

/**
 * Warm throughput (`warm_throughput`): read and write units per second the table is pre-warmed to
 * serve at once. AWS minimums 12,000 read / 4,000 write units per second; it can only be raised.
 */
export interface WarmThroughput {
  /** Read units per second the table can serve at once (>= 12000). */
  readUnitsPerSecond?: number;
  /** Write units per second the table can serve at once (>= 4000). */
  writeUnitsPerSecond?: number;
}

export const IMPORT_INPUT_FORMATS = ["CSV", "DYNAMODB_JSON", "ION"] as const;
/** Format of the S3 data an import reads. */
export const ImportInputFormat = { CSV: "CSV", DYNAMODB_JSON: "DYNAMODB_JSON", ION: "ION" } as const;
export type ImportInputFormat = (typeof IMPORT_INPUT_FORMATS)[number];

export const IMPORT_COMPRESSION_TYPES = ["GZIP", "ZSTD", "NONE"] as const;
/** Compression of the S3 data an import reads. */
export const ImportCompressionType = { GZIP: "GZIP", ZSTD: "ZSTD", NONE: "NONE" } as const;
export type ImportCompressionType = (typeof IMPORT_COMPRESSION_TYPES)[number];

/**
 * Create the table from data in S3 (DynamoDB ImportTable; `import_table {}`). Creation only: on an
 * existing table it does nothing (the blueprint ignores later changes, see README "Import and restore").
 */
export interface ImportTableArgs {
  /** The S3 bucket holding the data. */
  bucket: string;
  /** The key prefix shared by the objects to import. */
  keyPrefix?: string;
  /** The account owning the bucket (12 digits), when it is not the table's. */
  bucketOwner?: string;
  /** CSV, DYNAMODB_JSON or ION. */
  inputFormat: ImportInputFormat;
  /** GZIP, ZSTD or NONE. Default: NONE. */
  inputCompressionType?: ImportCompressionType;
  /** CSV only: the field delimiter, one of , ; : | tab or space. Default comma. */
  csvDelimiter?: string;
  /** CSV only: the header names when the files have no header line. */
  csvHeaders?: string[];
}

/** CloudWatch alarms for a table (checklist step 8). */
export interface MonitoringArgs<T = string> {
  /** Notify this existing SNS topic. Without it the blueprint creates an encrypted topic. */
  alarmTopicArn?: T;
  /** Throttle events per period that raise the alarm. Default 1 (any throttling). */
  throttleThreshold?: number;
  /** System errors per period that raise the alarm. Default 1. */
  systemErrorThreshold?: number;
  /** Also alarm on the account-wide UserErrors metric (one table per stack is enough). Default false. */
  userErrors?: boolean;
  /** Percent of provisioned capacity (or of the on-demand cap) that raises the alarm. Default 80. */
  consumedCapacityPercent?: number;
  /** Replication latency in milliseconds that raises a replica's alarm. Default 60000. */
  replicationLatencyMs?: number;
  /** Seconds per evaluation period. Default 60. */
  periodSeconds?: number;
  /** Periods that must breach before alarming. Default 5. */
  evaluationPeriods?: number;
}

/** A Lambda function consuming the table's stream (`aws_lambda_event_source_mapping`). */
export interface StreamConsumerArgs<T = string> {
  /** ARN of the Lambda function that consumes the stream. */
  functionArn: T;
  /** 1-10000, default 100. */
  batchSize?: number;
  /** Default LATEST. */
  startingPosition?: StartingPosition;
  /** SQS queue or SNS topic receiving records that failed every retry. */
  onFailureDestinationArn?: T;
  /**
   * The function's execution role (name or ARN): it is granted stream read (and the table key where
   * needed). Without it the role must already have these permissions; `check` lists them.
   */
  roleName?: T;
  /** -1 (forever) to 10000. Default 3: a poison record must not block the shard for a day. */
  maximumRetryAttempts?: number;
  /** Default true: split a failing batch to isolate the bad record. */
  bisectBatchOnFunctionError?: boolean;
  /**
   * Lambda event filter patterns (JSON strings, at most 5): only records matching one of them invoke the
   * function, e.g. `JSON.stringify({ eventName: ["INSERT"] })`. Lambda discards the records no filter matches.
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
   */
  filters?: string[];
  /**
   * The UUID Lambda gave an existing event source mapping (`adopt` writes it): the mapping is imported
   * instead of created. It is the import id of `aws_lambda_event_source_mapping` in Terraform and of
   * `aws.lambda.EventSourceMapping` in Pulumi. Needs `importFrom` (the mapping reads an existing table's stream).
   */
  importUuid?: string;
}

export const CONSISTENCY_MODES = ["EVENTUAL", "STRONG"] as const;
/** Multi-Region consistency of a global table: EVENTUAL (MREC, the default) or STRONG (MRSC). */
export const ConsistencyMode = { EVENTUAL: "EVENTUAL", STRONG: "STRONG" } as const;
export type ConsistencyMode = (typeof CONSISTENCY_MODES)[number];

/** The witness Region of a multi-Region strongly consistent table with one replica (`global_table_witness`). */
export interface GlobalTableWitness {
  /** The witness Region: in the table's Region set, not a replica Region. */
  regionName: string;
}

/** A global-table replica (current model: `replica {}` on the table, not aws_dynamodb_global_table). */
export interface ReplicaArgs<T = string> {
  /** Region of the replica, e.g. `eu-west-1`. */
  region: string;
  /** EVENTUAL (default) or STRONG (multi-Region strong consistency); the same on every replica, fixed at creation. */
  consistencyMode?: ConsistencyMode;
  /** A key in the replica's region; required when the table uses a customer-managed key. */
  kmsKeyArn?: T;
  /** Default: the table's own setting. */
  pointInTimeRecovery?: boolean;
  /** Default: the table's own setting. */
  deletionProtection?: boolean;
  /** Default true. */
  propagateTags?: boolean;
  /**
   * The replica already exists (an adopted global table, `importFrom`): it is imported with the table,
   * not added. This is what lets an existing multi-Region strongly consistent table be adopted, since
   * AWS enables STRONG replicas only on an empty table. `adopt` sets it.
   */
  importExisting?: boolean;
}

/**
 * Every table argument, all optional: the overrides `OrdersTable` accepts. `TableArgs` makes the partition key
 * required. An explicit interface rather than `Partial<TableArgs>` because the component analyzer that infers
 * the multi-language schema loses the types and docs of mapped-type members.
 */
export interface TableOptions<T = string> {
  /** Physical table name. Defaults to the component name. */
  tableName?: string;
  /** The table's partition (hash) key. Prefer a high-cardinality attribute. */
  partitionKey?: KeyAttribute;
  /** The table's sort (range) key. */
  sortKey?: KeyAttribute;
  /** Default PAY_PER_REQUEST (on-demand). */
  billingMode?: BillingMode;
  /** Read capacity units (PROVISIONED only, required there). */
  readCapacity?: number;
  /** Write capacity units (PROVISIONED only, required there). */
  writeCapacity?: number;
  /** Auto scaling of the table's capacity (PROVISIONED only). */
  autoscaling?: AutoscalingArgs;
  /** Global secondary indexes (at most 20). */
  globalSecondaryIndexes?: GlobalSecondaryIndexArgs[];
  /** Local secondary indexes (at most 5; need a sort key). */
  localSecondaryIndexes?: LocalSecondaryIndexArgs[];
  /** Point-in-time recovery. Default true. */
  pointInTimeRecovery?: boolean;
  /** PITR window in days, 1-35, default 35. */
  recoveryPeriodInDays?: number;
  /** Server-side encryption. Default AWS_OWNED. */
  encryption?: EncryptionMode;
  /** With CUSTOMER_MANAGED: use this key instead of creating one. */
  kmsKeyArn?: T;
  /** AWS deletion protection (DeleteTable fails while it is on). Default false. */
  deletionProtection?: boolean;
  /** Attribute holding the expiry time in epoch seconds (a Number). */
  ttlAttribute?: string;
  /** Enables the table's stream with this view type. */
  streamViewType?: StreamViewType;
  /** STANDARD or STANDARD_INFREQUENT_ACCESS. Default: AWS's (STANDARD). */
  tableClass?: TableClass;
  /** Tags on the table and the resources created with it. */
  tags?: Record<string, T>;
  /** On-demand caps (PAY_PER_REQUEST only). */
  onDemandThroughput?: OnDemandThroughput;
  /** Pre-warmed throughput (read >= 12000, write >= 4000 units/s); it can only be raised. */
  warmThroughput?: WarmThroughput;
  /** CloudWatch alarms and their notification topic. */
  monitoring?: MonitoringArgs<T>;
  /** A Lambda consumer of the stream (needs streamViewType). */
  streamConsumer?: StreamConsumerArgs<T>;
  /** Global-table replicas in other regions (eventual consistency needs streamViewType NEW_AND_OLD_IMAGES; STRONG replicas need no stream). */
  replicas?: ReplicaArgs<T>[];
  /**
   * The table's Region (provider 6 / `@pulumi/aws` 7 per-resource `region`): the table and every Regional
   * child (its key, auto scaling, alarms and their topic, stream consumer, Contributor Insights, Kinesis
   * destination, resource policies) are created there, and the key policy's kms:ViaService names it.
   * Replicas must be in other Regions. Default: the provider's Region.
   */
  region?: string;
  /** Multi-Region strong consistency with one STRONG replica: the third Region, which only votes. */
  globalTableWitness?: GlobalTableWitness;
  /** Adopt an existing table of this name instead of creating one (must equal tableName). */
  importFrom?: string;
  /** Creation only: fill the new table from S3 data. Not with a restore. */
  importTable?: ImportTableArgs;
  /** Creation only: point-in-time restore of this table (same account and region). Not with restoreSourceTableArn. */
  restoreSourceName?: string;
  /** Creation only: point-in-time restore of the table with this ARN (needed across regions). */
  restoreSourceTableArn?: T;
  /** With a point-in-time restore: restore the latest restorable time. Exactly one of this and restoreDateTime. */
  restoreToLatestTime?: boolean;
  /** With a point-in-time restore: the UTC time to restore, e.g. "2026-11-01T08:00:00Z". */
  restoreDateTime?: string;
  /** Creation only: restore this on-demand backup (`arn:aws:dynamodb:<region>:<account>:table/<name>/backup/<id>`). */
  restoreBackupArn?: T;
  /** Least-privilege access for IAM roles: one inline policy per grant. */
  grants?: GrantArgs<T>[];
  /**
   * Resource-based policy on the table (JSON text, e.g. `JSON.stringify({ Version, Statement })`): who
   * may use the table beyond IAM policies, such as a role in another account. At most 20 KB; every
   * statement names a Principal and DynamoDB table or index actions. `check` FAILs a `*` principal,
   * `dynamodb:*` or `*`, NotAction, and another account without a Condition.
   */
  resourcePolicy?: T;
  /** Resource-based policy on the table's stream (JSON text; stream actions only; needs streamViewType). */
  streamResourcePolicy?: T;
  /** CloudWatch Contributor Insights (most accessed / throttled keys) on the table and chosen GSIs. */
  contributorInsights?: ContributorInsightsArgs;
  /** Also deliver every item change to this Kinesis data stream (same account and region; one per table). */
  kinesisStreamingDestination?: KinesisDestinationArgs<T>;
  /**
   * Escape hatch: further `aws_dynamodb_table` arguments by provider name, checked against the provider
   * schema; arguments the blueprint sets (`region` included: use `region`) are refused. See README "Escape hatch".
   */
  providerArguments?: Record<string, any>;
  /**
   * What `check`'s key and cost advisors cannot see (expected key cardinality, traffic). Changes no
   * resource and no Terraform; see docs/advisor.md.
   */
  advisor?: AdvisorArgs;
}

/** The arguments of the general `DynamoTable` blueprint (the article's reusable module). */
export interface TableArgs<T = string> extends TableOptions<T> {
  /** The table's partition (hash) key. Prefer a high-cardinality attribute. */
  partitionKey: KeyAttribute;
}

/** Lifecycle intent, the equivalent of Terraform `prevent_destroy` and a `removed { destroy = false }`. */
export interface Lifecycle {
  protect: boolean;
  retainOnDelete: boolean;
}

export interface ScalingPlan {
  dimension: "read" | "write";
  /** Set when the policy is not the blueprint's default name. */
  policyName?: string;
  /** Import the existing target and policy (adopted tables). */
  importExisting?: boolean;
  min: number;
  max: number;
  targetUtilization: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
}

export interface GlobalSecondaryIndexSpec {
  name: string;
  /** The (first) partition attribute. */
  partitionKey: KeyAttribute;
  /** The (first) sort attribute. */
  sortKey?: KeyAttribute;
  /** Every partition attribute, only for a multi-attribute key (model/index-keys.ts reads both forms). */
  partitionKeys?: KeyAttribute[];
  /** Every sort attribute, only for a multi-attribute key. */
  sortKeys?: KeyAttribute[];
  projectionType: ProjectionType;
  nonKeyAttributes: string[];
  readCapacity?: number;
  writeCapacity?: number;
  scaling: ScalingPlan[];
  warmThroughput?: WarmThroughput;
  onDemandThroughput?: OnDemandThroughput;
}

export interface LocalSecondaryIndexSpec {
  name: string;
  sortKey: KeyAttribute;
  projectionType: ProjectionType;
  nonKeyAttributes: string[];
}

export type MonitoringSpec<T = string> = Required<Omit<MonitoringArgs<T>, "alarmTopicArn">> & { alarmTopicArn?: T };
export type StreamConsumerSpec<T = string> = Required<Omit<StreamConsumerArgs<T>, "onFailureDestinationArn" | "roleName" | "filters" | "importUuid">> &
  { onFailureDestinationArn?: T; roleName?: T; filters?: string[]; importUuid?: string };
export type ReplicaSpec<T = string> = Required<Omit<ReplicaArgs<T>, "kmsKeyArn" | "consistencyMode" | "importExisting">> & { kmsKeyArn?: T; consistencyMode?: ConsistencyMode };

/** A fully defaulted, validated table: what every renderer consumes. How it is created, when not empty
 * (from S3 or a restore, model/creation-source.ts), is kept as given. */
export interface TableSpec<T = string> extends Pick<TableOptions<T>,
  "importTable" | "restoreSourceName" | "restoreSourceTableArn" | "restoreToLatestTime" | "restoreDateTime" | "restoreBackupArn"> {
  /** The component's logical name (Pulumi resource name, basis of Terraform resource names). */
  name: string;
  tableName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Derived from every key of the table and its indexes, sorted by name. */
  attributes: KeyAttribute[];
  billingMode: BillingMode;
  readCapacity?: number;
  writeCapacity?: number;
  scaling: ScalingPlan[];
  globalSecondaryIndexes: GlobalSecondaryIndexSpec[];
  localSecondaryIndexes: LocalSecondaryIndexSpec[];
  pointInTimeRecovery: boolean;
  recoveryPeriodInDays?: number;
  encryption: EncryptionMode;
  /** True when the blueprint creates its own customer-managed key. */
  createKmsKey: boolean;
  kmsKeyArn?: T;
  deletionProtection: boolean;
  ttlAttribute?: string;
  streamViewType?: StreamViewType;
  tableClass?: TableClass;
  tags: Record<string, T>;
  lifecycle: Lifecycle;
  onDemandThroughput?: OnDemandThroughput;
  warmThroughput?: WarmThroughput;
  monitoring?: MonitoringSpec<T>;
  streamConsumer?: StreamConsumerSpec<T>;
  replicas: ReplicaSpec<T>[];
  region?: string;
  globalTableWitness?: GlobalTableWitness;
  importFrom?: string;
  /** Validated `providerArguments` (model/provider-arguments.ts). */
  providerArguments?: Record<string, unknown>;
  /** Validated grants, including the stream consumer's role when given. */
  grants: GrantSpec<T>[];
  /** Resource-based policy of the table (JSON text). */
  resourcePolicy?: T;
  /** Resource-based policy of the table's stream (JSON text). */
  streamResourcePolicy?: T;
  contributorInsights?: ContributorInsightsSpec;
  kinesisStreamingDestination?: KinesisDestinationArgs<T>;
  /** The `advisor` argument as given (read by `check`, never rendered). */
  advisor?: AdvisorArgs;
}
