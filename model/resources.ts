/**
 * The provider-neutral resource plan: what a blueprint creates, as plain data. The Pulumi renderer
 * turns each entry into an `@pulumi/aws` resource, the HCL emitter into a `resource` block. Argument
 * shapes follow the Pulumi (bridged) names; `RESOURCE_TYPES` holds the bridge back to Terraform.
 */

/** A reference to another planned resource's attribute (`aws_kms_key.x.arn` / `key.arn`). */
export interface Ref {
  $ref: string;
  attribute: string;
}
/** String interpolation of literals and references: "table/${aws_dynamodb_table.x.name}". */
export interface Concat {
  $concat: (string | Ref | DataRef)[];
}
/** A JSON document that may contain references (`jsonencode(...)` / `pulumi.jsonStringify`). */
export interface JsonDoc {
  $json: Value;
}
/** The caller's account, partition or region, resolved at deploy time. */
export interface DataRef {
  $data: "accountId" | "partition" | "region";
}

/**
 * A grant's role given as an ARN (model/grants/role-arn.ts): the role's name for the IAM API, only
 * when the deploying account and partition are the ARN's; refused (Terraform) or left an ARN (Pulumi) otherwise.
 */
export interface RoleArnRef {
  $roleArn: string;
}

export type Value =
  | string | number | boolean | null
  | Ref | Concat | JsonDoc | DataRef | RoleArnRef
  | Value[]
  | { [key: string]: Value };

export type ResourceType =
  | "aws_dynamodb_table"
  | "aws_kms_key"
  | "aws_appautoscaling_target"
  | "aws_appautoscaling_policy"
  | "aws_s3_bucket"
  | "aws_s3_bucket_versioning"
  | "aws_s3_bucket_server_side_encryption_configuration"
  | "aws_s3_bucket_public_access_block"
  | "aws_s3_bucket_ownership_controls"
  | "aws_s3_bucket_policy"
  | "aws_sns_topic"
  | "aws_cloudwatch_metric_alarm"
  | "aws_lambda_event_source_mapping"
  | "aws_iam_role_policy"
  | "aws_dynamodb_resource_policy"
  | "aws_dynamodb_contributor_insights"
  | "aws_dynamodb_kinesis_streaming_destination";

/** How a nested Pulumi argument maps to Terraform: a block (repeated or single) with nested blocks. */
export interface BlockShape {
  tf: string;
  repeated: boolean;
  blocks?: Record<string, BlockShape>;
  /** Attributes the bridge did not name by the camelCase rule (a set `header_list` is Pulumi `headerLists`). */
  renames?: Record<string, string>;
}

export interface ResourceTypeInfo {
  pulumiType: string;
  /** Pulumi argument name -> Terraform block, for arguments that are blocks rather than attributes. */
  blocks: Record<string, BlockShape>;
}

export const RESOURCE_TYPES: Record<ResourceType, ResourceTypeInfo> = {
  aws_dynamodb_table: {
    pulumiType: "aws:dynamodb/table:Table",
    blocks: {
      attributes: { tf: "attribute", repeated: true },
      globalSecondaryIndexes: {
        tf: "global_secondary_index", repeated: true,
        blocks: {
          keySchemas: { tf: "key_schema", repeated: true },
          warmThroughput: { tf: "warm_throughput", repeated: false },
          onDemandThroughput: { tf: "on_demand_throughput", repeated: false },
        },
      },
      localSecondaryIndexes: { tf: "local_secondary_index", repeated: true },
      replicas: { tf: "replica", repeated: true },
      globalTableWitness: { tf: "global_table_witness", repeated: false },
      importTable: {
        tf: "import_table", repeated: false,
        blocks: {
          s3BucketSource: { tf: "s3_bucket_source", repeated: false },
          inputFormatOptions: { tf: "input_format_options", repeated: false, blocks: { csv: { tf: "csv", repeated: false, renames: { headerLists: "header_list" } } } },
        },
      },
      serverSideEncryption: { tf: "server_side_encryption", repeated: false },
      // The scalar fields' blocks (ttl, point_in_time_recovery, ...) come from the field table: blockShapes().
    },
  },
  aws_kms_key: { pulumiType: "aws:kms/key:Key", blocks: {} },
  aws_appautoscaling_target: { pulumiType: "aws:appautoscaling/target:Target", blocks: {} },
  aws_appautoscaling_policy: {
    pulumiType: "aws:appautoscaling/policy:Policy",
    blocks: {
      targetTrackingScalingPolicyConfiguration: {
        tf: "target_tracking_scaling_policy_configuration", repeated: false,
        blocks: { predefinedMetricSpecification: { tf: "predefined_metric_specification", repeated: false } },
      },
    },
  },
  aws_s3_bucket: { pulumiType: "aws:s3/bucket:Bucket", blocks: {} },
  aws_s3_bucket_versioning: {
    pulumiType: "aws:s3/bucketVersioning:BucketVersioning",
    blocks: { versioningConfiguration: { tf: "versioning_configuration", repeated: false } },
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    pulumiType: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    blocks: {
      rules: {
        tf: "rule", repeated: true,
        blocks: { applyServerSideEncryptionByDefault: { tf: "apply_server_side_encryption_by_default", repeated: false } },
      },
    },
  },
  aws_s3_bucket_public_access_block: { pulumiType: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", blocks: {} },
  aws_s3_bucket_ownership_controls: {
    pulumiType: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    blocks: { rule: { tf: "rule", repeated: false } },
  },
  aws_s3_bucket_policy: { pulumiType: "aws:s3/bucketPolicy:BucketPolicy", blocks: {} },
  aws_sns_topic: { pulumiType: "aws:sns/topic:Topic", blocks: {} },
  aws_cloudwatch_metric_alarm: {
    pulumiType: "aws:cloudwatch/metricAlarm:MetricAlarm",
    blocks: { metricQueries: { tf: "metric_query", repeated: true, blocks: { metric: { tf: "metric", repeated: false } } } },
  },
  aws_lambda_event_source_mapping: {
    pulumiType: "aws:lambda/eventSourceMapping:EventSourceMapping",
    blocks: {
      destinationConfig: {
        tf: "destination_config", repeated: false,
        blocks: { onFailure: { tf: "on_failure", repeated: false } },
      },
      filterCriteria: {
        tf: "filter_criteria", repeated: false,
        blocks: { filters: { tf: "filter", repeated: true } },
      },
    },
  },
  aws_iam_role_policy: { pulumiType: "aws:iam/rolePolicy:RolePolicy", blocks: {} },
  aws_dynamodb_resource_policy: { pulumiType: "aws:dynamodb/resourcePolicy:ResourcePolicy", blocks: {} },
  aws_dynamodb_contributor_insights: { pulumiType: "aws:dynamodb/contributorInsights:ContributorInsights", blocks: {} },
  aws_dynamodb_kinesis_streaming_destination: { pulumiType: "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", blocks: {} },
};

export interface ResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
  /** Pulumi property paths (`readCapacity`, `globalSecondaryIndexes`). */
  ignoreChanges: string[];
  /** Adopt this existing physical resource (Pulumi `import`, Terraform `import {}` block). */
  importId?: string;
}

/**
 * What a planned resource is for within its blueprint. A blueprint plans at most one `table`, one
 * `kmsKey` (the table's own key), one `bucket` and one `alarmKey`/`alarmTopic`; the others repeat.
 */
export type ResourceRole =
  | "table" | "kmsKey" | "scalingTarget" | "scalingPolicy"
  | "alarmKey" | "alarmTopic" | "alarm" | "streamConsumer" | "grant"
  | "replicaScalingTarget" | "replicaScalingPolicy" | "contributorInsights" | "kinesisDestination" | "resourcePolicy" | "streamResourcePolicy"
  | "bucket" | "bucketVersioning" | "bucketEncryption" | "bucketPublicAccessBlock" | "bucketOwnership" | "bucketPolicy";

/** The blueprint's resource that plays `role` (the first, for roles that repeat). */
export function withRole(resources: readonly PlannedResource[], role: ResourceRole): PlannedResource | undefined {
  return resources.find((r) => r.role === role);
}

export interface PlannedResource {
  type: ResourceType;
  /** Pulumi logical name, unique within the stack for its type. */
  name: string;
  /** Terraform resource name (an identifier), unique within the stack for its type. */
  tfName: string;
  /** Pulumi-shaped arguments (camelCase, repeated blocks as arrays). */
  args: Record<string, Value>;
  options: ResourceOptions;
  /** What the resource is for: renderers pick a blueprint's outputs by role, never by name. */
  role: ResourceRole;
  /** A comment carried into the HCL (why the resource exists, what `retainOnDelete` means there). */
  comment?: string;
}

export const ref = (resource: PlannedResource | string, attribute: string): Ref => ({
  $ref: typeof resource === "string" ? resource : resource.name,
  attribute,
});

export function isRef(v: unknown): v is Ref {
  return typeof v === "object" && v !== null && "$ref" in v;
}
export function isConcat(v: unknown): v is Concat {
  return typeof v === "object" && v !== null && "$concat" in v;
}
export function isJsonDoc(v: unknown): v is JsonDoc {
  return typeof v === "object" && v !== null && "$json" in v;
}
export function isRoleArnRef(v: unknown): v is RoleArnRef {
  return typeof v === "object" && v !== null && "$roleArn" in v;
}
export function isDataRef(v: unknown): v is DataRef {
  return typeof v === "object" && v !== null && "$data" in v;
}

/** camelCase -> snake_case, the bridge's rule for attribute names. */
export function snakeCase(name: string): string {
  // Argument and attribute names: a few dozen distinct ones, asked for by every resource rendered.
  let snake = SNAKE_CASE.get(name);
  if (snake === undefined) {
    snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
    if (SNAKE_CASE.size < 10_000) SNAKE_CASE.set(name, snake);
  }
  return snake;
}
const SNAKE_CASE = new Map<string, string>();

/** A deterministic Terraform identifier for any logical name. */
export function terraformName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
