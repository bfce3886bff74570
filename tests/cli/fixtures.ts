/**
 * Hand-made recorded resources for checklist unit tests: a small, fully compliant production stack
 * (state bucket + lock table, a CMK-encrypted orders table, a provisioned auto scaled table, alarms)
 * that each test then breaks in exactly one way. Written by hand, not captured from a run, so the
 * checklist is judged against what the facts say a good stack looks like.
 */
import { ChecklistInput, RecordedResource } from "../../project/checklist";
import { parseStackConfig } from "../../project/stack-config";

const P = "dynamodb-blueprints:index:";
const urn = (type: string, name: string) => `urn:test::${type}::${name}`;

export function rec(type: string, name: string, inputs: Record<string, any>, parent?: RecordedResource, extra: Partial<RecordedResource> = {}): RecordedResource {
  const custom = !type.startsWith(P);
  return {
    type, name, custom, inputs, urn: urn(type, name), parentUrn: parent?.urn ?? "",
    protect: false, retainOnDelete: false, ignoreChanges: [], importId: "",
    ...(custom ? { id: `${name}-id`, outputs: { arn: `arn:aws:test:::${name}` } } : {}),
    ...extra,
  };
}

const kept = { protect: true, retainOnDelete: true };

export function goodResources(): RecordedResource[] {
  const backend = rec(`${P}TerraformStateBackend`, "state", {}, undefined, kept);
  const bucket = rec("aws:s3/bucket:Bucket", "state-bucket", { bucket: "acme-state", forceDestroy: false }, backend, kept);
  const lockComponent = rec(`${P}StateLockTable`, "state-locks", {}, backend, kept);
  const orders = rec(`${P}OrdersTable`, "orders", {}, undefined, kept);
  const key = rec("aws:kms/key:Key", "orders-key", { enableKeyRotation: true, deletionWindowInDays: 30 }, orders, kept);
  const traffic = rec(`${P}DynamoTable`, "high-traffic", {}, undefined, kept);
  const table = (name: string, inputs: Record<string, any>, parent: RecordedResource, extra: Partial<RecordedResource> = {}) =>
    rec("aws:dynamodb/table:Table", name, {
      billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
      deletionProtectionEnabled: true, ...inputs,
    }, parent, { ...kept, ...extra });
  const cmk = { serverSideEncryption: { enabled: true, kmsKeyArn: key.outputs!.arn } };
  const target = (d: "Read" | "Write") => rec("aws:appautoscaling/target:Target", `ht-${d}`, {
    resourceId: "table/ht-prod", scalableDimension: `dynamodb:table:${d}CapacityUnits`, serviceNamespace: "dynamodb", minCapacity: 10, maxCapacity: 500,
  }, traffic);
  const policy = (d: "Read" | "Write") => rec("aws:appautoscaling/policy:Policy", `ht-${d}-policy`, {
    resourceId: "table/ht-prod", scalableDimension: `dynamodb:table:${d}CapacityUnits`, serviceNamespace: "dynamodb",
    policyType: "TargetTrackingScaling", targetTrackingScalingPolicyConfiguration: { targetValue: 70 },
  }, traffic);
  const alarm = (table: string, metric: string, index?: string) => rec("aws:cloudwatch/metricAlarm:MetricAlarm", `${table}${index ? `-${index}` : ""}-${metric}`, {
    namespace: "AWS/DynamoDB", metricName: metric, dimensions: { TableName: table, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
  });
  return [
    backend, bucket,
    rec("aws:s3/bucketVersioning:BucketVersioning", "state-versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, backend),
    rec("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "state-sse", {
      bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, backend),
    rec("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "state-pab", {
      bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, backend),
    rec("aws:s3/bucketPolicy:BucketPolicy", "state-tls", {
      bucket: bucket.id,
      policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
    }, backend),
    lockComponent,
    table("locks", { name: "terraform-state-locks", hashKey: "LockID", attributes: [{ name: "LockID", type: "S" }] }, lockComponent),
    orders, key,
    table("orders", {
      name: "orders-prod", hashKey: "orderId", rangeKey: "createdAt", ...cmk,
      attributes: [{ name: "createdAt", type: "N" }, { name: "customerId", type: "S" }, { name: "orderId", type: "S" }],
      globalSecondaryIndexes: [{ name: "CustomerOrdersIndex", keySchemas: [{ attributeName: "customerId", keyType: "HASH" }], projectionType: "ALL" }],
    }, orders),
    traffic,
    table("high-traffic", {
      name: "ht-prod", hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PROVISIONED", readCapacity: 10, writeCapacity: 10, ...cmk,
    }, traffic, { ignoreChanges: ["readCapacity", "writeCapacity"] }),
    target("Read"), policy("Read"), target("Write"), policy("Write"),
    alarm("orders-prod", "ConsumedWriteCapacityUnits"), alarm("orders-prod", "ThrottledRequests"),
    alarm("orders-prod", "ConsumedWriteCapacityUnits", "CustomerOrdersIndex"), alarm("orders-prod", "WriteThrottleEvents", "CustomerOrdersIndex"),
    alarm("ht-prod", "ConsumedReadCapacityUnits"), alarm("ht-prod", "WriteThrottleEvents"),
  ];
}

export function config(values: Record<string, unknown> = {}) {
  return parseStackConfig("t", {
    "dynamodb-blueprints:environment": "prod", "dynamodb-blueprints:stateBucketName": "acme-state",
    "dynamodb-blueprints:protect": true, ...values,
  });
}

/**
 * A production input unless overridden: every resource protected and the stack declared production
 * (`dynamodb-blueprints:production: true`), so unprotecting one still judges it production.
 * `edit` breaks the good stack in place.
 */
export function input(edit: (r: RecordedResource[]) => void = () => {}, overrides: Partial<ChecklistInput> = {}): ChecklistInput {
  const resources = goodResources();
  edit(resources);
  return { stack: "prod", production: { stackWide: true, source: "Pulumi.prod.yaml" }, blueprints: [], resources, ...overrides };
}

/** A dev input: nothing protected, nothing declared production (after `edit`, which may protect some). */
export const devInput = (edit: (r: RecordedResource[]) => void = () => {}) =>
  input((r) => { r.forEach((x) => { x.protect = false; x.retainOnDelete = false; }); edit(r); }, { stack: "dev", production: { stackWide: false } });

export const find = (r: RecordedResource[], name: string, type = "aws:dynamodb/table:Table") => {
  const found = r.find((x) => x.name === name && x.type === type);
  if (!found) throw new Error(`fixture has no ${type} ${name}`);
  return found;
};
export const remove = (r: RecordedResource[], name: string) => r.splice(r.findIndex((x) => x.name === name), 1);
