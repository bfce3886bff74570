/**
 * Grants: least-privilege IAM access to one table for one role, the model's answer to CDK's
 * `table.grantReadData(fn)`. Pure data; planned as an `aws_iam_role_policy` per grant.
 */
export const ACCESS_LEVELS = ["read", "write", "readWrite", "streamRead", "custom"] as const;
/** What a grant allows: item reads, item writes, both, reading the stream, or a list of actions. */
export const AccessLevel = {
  read: "read", write: "write", readWrite: "readWrite", streamRead: "streamRead", custom: "custom",
} as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Access to the table for one IAM role (an inline policy on that role). */
export interface GrantArgs<T = string> {
  /**
   * The IAM role receiving the permissions: its name or its ARN. An ARN's role must be in the deploying
   * account and partition (Terraform's precondition and `pulumi up` refuse another one); grant another
   * account's role through `resourcePolicy`.
   */
  role: T;
  /** read, write, readWrite, streamRead or custom (with `actions`). */
  access: AccessLevel;
  /** With access `custom`: DynamoDB actions such as `dynamodb:GetItem` (the prefix may be left out). */
  actions?: string[];
  /** Allow `*` in actions and actions that only work on Resource "*". Default false. */
  allowWildcard?: boolean;
  /** Distinguishes grants on one table (letters, digits, _ - .). Default: `<role name>-<access>`. */
  name?: string;
}

/** A validated grant: what the planners read. */
export interface GrantSpec<T = string> {
  name: string;
  /** Role name (for an ARN, its name: a label only; `roleArn` decides the role, see ./role-arn.ts). */
  role: T;
  /** The role ARN as given: the policy goes to that role only in its own account and partition. */
  roleArn?: string;
  access: AccessLevel;
  /** `dynamodb:` actions, sorted, without duplicates. */
  actions: string[];
  allowWildcard: boolean;
  /** Set on the grant derived from `streamConsumer.roleName`. */
  forStreamConsumer?: boolean;
}

/** Item reads: what GetItem/BatchGetItem/Query/Scan callers (and transactions' condition checks) need. */
export const READ_ACTIONS = ["BatchGetItem", "ConditionCheckItem", "DescribeTable", "GetItem", "Query", "Scan"];
/** Item writes. */
export const WRITE_ACTIONS = ["BatchWriteItem", "DeleteItem", "PutItem", "UpdateItem"];
/**
 * Reading the table's stream (what a Lambda event source mapping's function role needs for a stream
 * ARN it is given). `ListStreams` is left out: the Service Authorization Reference lists no resource
 * type for it, so it is only granted on Resource "*" (the developer guide's "IAM policy to grant read
 * access for a DynamoDB stream only" example also lists it on `<table arn>/stream/*`); add it with a
 * custom grant and `allowWildcard` if a consumer really calls it.
 */
export const STREAM_ACTIONS = ["DescribeStream", "GetRecords", "GetShardIterator"];

/**
 * KMS actions a caller needs on a customer-managed table key, per kind of data access: DynamoDB uses
 * the key on the caller's behalf, so the caller's policy must allow it, and `kms:ViaService`
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service)
 * limits that to requests DynamoDB makes in the table's region. AWS-owned and AWS-managed
 * (aws/dynamodb) keys need nothing in the caller's policy. See "DynamoDB encryption at rest":
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
 */
export const KMS_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"];
export const KMS_WRITE_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];

export function presetActions(access: AccessLevel): string[] {
  const bare = access === "read" ? READ_ACTIONS : access === "write" ? WRITE_ACTIONS
    : access === "readWrite" ? [...READ_ACTIONS, ...WRITE_ACTIONS] : access === "streamRead" ? STREAM_ACTIONS : [];
  return [...new Set(bare)].sort().map((a) => `dynamodb:${a}`);
}
