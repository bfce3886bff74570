/**
 * The Terraform state backend: a private, versioned, encrypted, TLS-only S3 bucket and the article's
 * lock table. Planned as plain resources so Pulumi and the HCL emitter create the same thing.
 */
import { REGION_PATTERN } from "./rules";
import { EncryptionMode, Lifecycle } from "./types";
import { Problem, ProblemList } from "./errors";
import { checkTags, checkUnknownKeys } from "./validate";
import { DEFAULT_LOCK_TABLE_NAME, StateLockTableArgs, TableBlueprint, stateLockTable } from "./blueprints";
import { NO_LIFECYCLE } from "./table";
import { PlannedResource, Value, ref, terraformName } from "./resources";
import { snapshotArgs } from "./snapshot";

export interface TerraformStateBackendArgs<T = string> {
  /** S3 bucket holding the state (globally unique, 3-63 lowercase letters, digits, '-' and '.'). */
  bucketName: string;
  /** Object key of the state file, per environment: `production/infrastructure.tfstate`. */
  stateKey?: string;
  /**
   * Region of the bucket and the lock table, written into backend.tf. Default: the provider's region at
   * deploy time (us-east-1 in HCL). backend.tf names one Region for both, so both are created in it.
   */
  region?: string;
  /** Name of the lock table. Default `terraform-state-locks`. */
  lockTableName?: string;
  /** AWS deletion protection on the lock table. Default true: it guards everyone's state. */
  lockTableDeletionProtection?: boolean;
  /** Encryption of the lock table. Default AWS_OWNED. */
  lockTableEncryption?: EncryptionMode;
  /** Also emit the legacy `dynamodb_table` lock for Terraform < 1.11 / OpenTofu < 1.10. Default true. */
  legacyLockTable?: boolean;
  /** Tags on the bucket and the lock table. */
  tags?: Record<string, T>;
}

export interface StateBackendBlueprint<T = string> {
  kind: "TerraformStateBackend";
  name: string;
  bucketName: string;
  stateKey: string;
  region?: string;
  lockTable: TableBlueprint<T>;
  legacyLockTable: boolean;
  tags: Record<string, T>;
  lifecycle: Lifecycle;
  /** As on a table blueprint (model/blueprints.ts): why the HCL would differ from what Pulumi registers. */
  unrenderable?: Problem[];
}

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 bucket naming rules; exported so the stack config can name its own key in the error. */
export const isBucketName = (name: unknown): boolean =>
  typeof name === "string" && BUCKET_PATTERN.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
const KNOWN = ["bucketName", "stateKey", "region", "lockTableName", "lockTableDeletionProtection", "lockTableEncryption", "legacyLockTable", "tags"];

export function stateBackend<T>(name: string, args: TerraformStateBackendArgs<T>, lifecycle: Lifecycle = NO_LIFECYCLE): StateBackendBlueprint<T> {
  const subject = `TerraformStateBackend "${name}"`;
  args = snapshotArgs(subject, args); // read once: see model/snapshot.ts
  const problems = new ProblemList();
  if (typeof args !== "object" || args === null) {
    problems.add(subject, args, "needs an args object", `pass { bucketName: "my-company-terraform-state" }`);
    problems.throwIfAny(subject);
  }
  checkUnknownKeys(problems, subject, args, KNOWN);
  if (!isBucketName(args.bucketName)) {
    problems.add(`${subject}.bucketName`, args.bucketName, "is not a valid S3 bucket name",
      "use 3-63 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
  }
  const stateKey = args.stateKey ?? "infrastructure.tfstate";
  if (typeof stateKey !== "string" || stateKey.length === 0 || stateKey.startsWith("/") || stateKey.endsWith("/")) {
    problems.add(`${subject}.stateKey`, stateKey, "is not a usable S3 object key", `use a path like "production/infrastructure.tfstate"`);
  }
  if (args.region !== undefined && !REGION_PATTERN.test(args.region)) {
    problems.add(`${subject}.region`, args.region, "is not an AWS region name", `use e.g. "us-east-1"`);
  }
  checkTags(problems, `${subject}.tags`, args.tags);
  problems.throwIfAny(subject);
  const tags = { ...(args.tags ?? {}) } as Record<string, T>;
  return {
    kind: "TerraformStateBackend",
    name,
    bucketName: args.bucketName,
    stateKey,
    region: args.region,
    legacyLockTable: args.legacyLockTable ?? true,
    tags,
    lifecycle: { ...lifecycle },
    lockTable: stateLockTable(lockTableName(name), lockTableArgs(args), lifecycle),
  };
}

export const lockTableName = (backendName: string) => `${backendName}-locks`;

/** The backend's lock table: the article's StateLockTable, with AWS deletion protection. */
export function lockTableArgs<T>(args: TerraformStateBackendArgs<T>): StateLockTableArgs<T> {
  return {
    tableName: args.lockTableName ?? DEFAULT_LOCK_TABLE_NAME,
    // The lock table guards the state of everything else: AWS refuses to delete it by accident.
    deletionProtection: args.lockTableDeletionProtection ?? true,
    encryption: args.lockTableEncryption,
    tags: { ...(args.tags ?? {}) },
    ...(args.region !== undefined ? { region: args.region } : {}),
  };
}

/** Bucket and its hardening, in dependency order. The lock table is planned by its own blueprint. */
export function planStateBucket(spec: StateBackendBlueprint<unknown>): PlannedResource[] {
  const base = spec.name;
  const tf = terraformName(base);
  // backend.tf's `region` is where Terraform looks for the bucket: create it there (provider 6 per-resource `region`).
  const inRegion: Record<string, Value> = spec.region !== undefined ? { region: spec.region } : {};
  const stateful = { protect: spec.lifecycle.protect, retainOnDelete: spec.lifecycle.retainOnDelete, ignoreChanges: [] };
  const plain = { protect: false, retainOnDelete: false, ignoreChanges: [] };
  const bucket: PlannedResource = {
    type: "aws_s3_bucket", name: `${base}-bucket`, tfName: tf, role: "bucket",
    // forceDestroy stays false: deleting a bucket that still holds state must fail.
    args: { bucket: spec.bucketName, forceDestroy: false, ...inRegion, tags: { ...spec.tags } as Value },
    options: stateful,
  };
  const id = ref(bucket, "id");
  const arn = ref(bucket, "arn");
  return [
    bucket,
    {
      type: "aws_s3_bucket_versioning", name: `${base}-versioning`, tfName: tf, role: "bucketVersioning",
      args: { bucket: id, versioningConfiguration: { status: "Enabled" }, ...inRegion }, options: plain,
    },
    {
      type: "aws_s3_bucket_server_side_encryption_configuration", name: `${base}-encryption`, tfName: tf, role: "bucketEncryption",
      args: { bucket: id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }], ...inRegion },
      options: plain,
    },
    {
      type: "aws_s3_bucket_public_access_block", name: `${base}-public-access`, tfName: tf, role: "bucketPublicAccessBlock",
      args: { bucket: id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...inRegion },
      options: plain,
    },
    {
      type: "aws_s3_bucket_ownership_controls", name: `${base}-ownership`, tfName: tf, role: "bucketOwnership",
      args: { bucket: id, rule: { objectOwnership: "BucketOwnerEnforced" }, ...inRegion }, options: plain,
    },
    {
      type: "aws_s3_bucket_policy", name: `${base}-tls-only`, tfName: tf, role: "bucketPolicy",
      args: {
        bucket: id,
        ...inRegion,
        policy: {
          $json: {
            Version: "2012-10-17",
            Statement: [{
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [arn, { $concat: [arn, "/*"] }],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }],
          },
        },
      },
      options: plain,
    },
  ];
}
