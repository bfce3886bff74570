/**
 * The pure model's vocabulary. Nothing here imports Pulumi: the Pulumi components, the HCL emitter,
 * the CLI and the local emulator all render these plain values, so they cannot drift apart.
 *
 * `T` stands for a value the model never inspects (a KMS key ARN or a tag value). The Pulumi side
 * instantiates it with `pulumi.Input<string>`; the Terraform side and the CLI with `string`.
 */

export const ATTRIBUTE_TYPES = ["S", "N", "B"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const BILLING_MODES = ["PAY_PER_REQUEST", "PROVISIONED"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export const PROJECTION_TYPES = ["ALL", "KEYS_ONLY", "INCLUDE"] as const;
export type ProjectionType = (typeof PROJECTION_TYPES)[number];

export const ENCRYPTION_MODES = ["AWS_OWNED", "AWS_MANAGED", "CUSTOMER_MANAGED"] as const;
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];

export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

export const TABLE_CLASSES = ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] as const;
export type TableClass = (typeof TABLE_CLASSES)[number];

/** A key attribute. Attribute definitions are derived from keys, so they can never disagree. */
export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface ScalingRange {
  min: number;
  max: number;
  /** Target utilisation in percent (20-90). Default 70. */
  targetUtilization?: number;
}

export interface AutoscalingArgs {
  read?: ScalingRange;
  write?: ScalingRange;
  /** Seconds. Default 60. */
  scaleInCooldown?: number;
  /** Seconds. Default 60. */
  scaleOutCooldown?: number;
}

export interface GlobalSecondaryIndexArgs {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projectionType?: ProjectionType;
  nonKeyAttributes?: string[];
  readCapacity?: number;
  writeCapacity?: number;
  autoscaling?: AutoscalingArgs;
}

export interface LocalSecondaryIndexArgs {
  name: string;
  sortKey: KeyAttribute;
  projectionType?: ProjectionType;
  nonKeyAttributes?: string[];
}

/** The arguments of the general `DynamoTable` blueprint (the article's reusable module). */
export interface TableArgs<T = string> {
  /** Physical table name. Defaults to the component name. */
  tableName?: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billingMode?: BillingMode;
  readCapacity?: number;
  writeCapacity?: number;
  autoscaling?: AutoscalingArgs;
  globalSecondaryIndexes?: GlobalSecondaryIndexArgs[];
  localSecondaryIndexes?: LocalSecondaryIndexArgs[];
  /** Default true. */
  pointInTimeRecovery?: boolean;
  /** 1-35, default 35. */
  recoveryPeriodInDays?: number;
  /** Default AWS_OWNED. */
  encryption?: EncryptionMode;
  /** With CUSTOMER_MANAGED: use this key instead of creating one. */
  kmsKeyArn?: T;
  deletionProtection?: boolean;
  /** Attribute holding the expiry time in epoch seconds (a Number). */
  ttlAttribute?: string;
  streamViewType?: StreamViewType;
  tableClass?: TableClass;
  tags?: Record<string, T>;
}

/** Lifecycle intent, the equivalent of Terraform `prevent_destroy` and a `removed { destroy = false }`. */
export interface Lifecycle {
  protect: boolean;
  retainOnDelete: boolean;
}

export interface ScalingPlan {
  dimension: "read" | "write";
  min: number;
  max: number;
  targetUtilization: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
}

export interface GlobalSecondaryIndexSpec {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projectionType: ProjectionType;
  nonKeyAttributes: string[];
  readCapacity?: number;
  writeCapacity?: number;
  scaling: ScalingPlan[];
}

export interface LocalSecondaryIndexSpec {
  name: string;
  sortKey: KeyAttribute;
  projectionType: ProjectionType;
  nonKeyAttributes: string[];
}

/** A fully defaulted, validated table: what every renderer consumes. */
export interface TableSpec<T = string> {
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
}
