/**
 * TableSpec -> DynamoDB CreateTable input, plus the honest list of what the local emulator does not do.
 *
 * The input is the complete request a real CreateTable would get (streams, SSE, table class, deletion
 * protection and tags included), so it can also be sent to DynamoDB Local or AWS. dynalite accepts
 * all of it but silently strips what it does not implement (its validator deletes unknown members):
 * those settings are what `notEmulated` lists, table by table, so nothing disappears unsaid.
 *
 * Where each TableSpec field goes:
 *   name, tableName, keys, attributes, indexes, billing, capacity  -> CreateTable, emulated
 *   tags                                                           -> Tags; dynalite drops them on
 *                                                                     CreateTable, deployLocal applies
 *                                                                     them with TagResource (emulated)
 *   streamViewType, encryption/kmsKeyArn, tableClass,
 *   deletionProtection                                             -> CreateTable, not emulated
 *   pointInTimeRecovery, recoveryPeriodInDays, ttlAttribute,
 *   scaling, createKmsKey                                          -> separate APIs/resources, not emulated
 *   lifecycle.protect                                              -> deployment-tool option, listed
 *   lifecycle.retainOnDelete                                       -> only matters when a stack forgets a
 *                                                                     table; nothing local forgets, not listed
 */
import type {
  CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement, LocalSecondaryIndex, Projection, SSESpecification, Tag,
} from "@aws-sdk/client-dynamodb";
import { KeyAttribute, ProjectionType, ScalingPlan, TableSpec } from "../model/types";

export function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const keys: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: "HASH" }];
  if (sortKey) keys.push({ AttributeName: sortKey.name, KeyType: "RANGE" });
  return keys;
}

function projection(type: ProjectionType, nonKeyAttributes: string[]): Projection {
  // DynamoDB rejects NonKeyAttributes unless the projection is INCLUDE.
  return type === "INCLUDE" ? { ProjectionType: type, NonKeyAttributes: [...nonKeyAttributes] } : { ProjectionType: type };
}

function throughput(what: string, read: number | undefined, write: number | undefined) {
  // resolveTableSpec guarantees both for PROVISIONED; a spec built by hand might not have them.
  if (read === undefined || write === undefined) throw new Error(`${what}: PROVISIONED billing needs read and write capacity`);
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

function sse(spec: TableSpec<unknown>): SSESpecification | undefined {
  switch (spec.encryption) {
    case "AWS_OWNED": return undefined; // DynamoDB's default: nothing to send
    case "AWS_MANAGED": return { Enabled: true, SSEType: "KMS" };
    case "CUSTOMER_MANAGED":
      // A key the blueprint creates has no ARN before deployment; without KMSMasterKeyId a real
      // DynamoDB would use the AWS-managed key instead, so fill it in before sending this to AWS.
      return { Enabled: true, SSEType: "KMS", ...(typeof spec.kmsKeyArn === "string" ? { KMSMasterKeyId: spec.kmsKeyArn } : {}) };
  }
}

/** Tags whose value is a plain string, sorted by key; the others (unresolved Pulumi outputs) are named. */
export function plainStringTags(tags: Record<string, unknown>): { tags: Tag[]; skipped: string[] } {
  const keys = Object.keys(tags).sort();
  return {
    tags: keys.filter((k) => typeof tags[k] === "string").map((k) => ({ Key: k, Value: tags[k] as string })),
    skipped: keys.filter((k) => typeof tags[k] !== "string"),
  };
}

export function createTableInput(spec: TableSpec<unknown>): CreateTableCommandInput {
  const provisioned = spec.billingMode === "PROVISIONED";
  const gsis: GlobalSecondaryIndex[] = spec.globalSecondaryIndexes.map((g) => ({
    IndexName: g.name,
    KeySchema: keySchema(g.partitionKey, g.sortKey),
    Projection: projection(g.projectionType, g.nonKeyAttributes),
    ...(provisioned ? { ProvisionedThroughput: throughput(`${spec.tableName} index ${g.name}`, g.readCapacity, g.writeCapacity) } : {}),
  }));
  const lsis: LocalSecondaryIndex[] = spec.localSecondaryIndexes.map((l) => ({
    IndexName: l.name,
    KeySchema: keySchema(spec.partitionKey, l.sortKey),
    Projection: projection(l.projectionType, l.nonKeyAttributes),
  }));
  const { tags } = plainStringTags(spec.tags);
  const input: CreateTableCommandInput = {
    TableName: spec.tableName,
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    AttributeDefinitions: spec.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    BillingMode: spec.billingMode,
  };
  // Optional members are only set when present, so the input reads like a hand-written request.
  if (provisioned) input.ProvisionedThroughput = throughput(spec.tableName, spec.readCapacity, spec.writeCapacity);
  if (gsis.length > 0) input.GlobalSecondaryIndexes = gsis;
  if (lsis.length > 0) input.LocalSecondaryIndexes = lsis;
  if (spec.streamViewType) input.StreamSpecification = { StreamEnabled: true, StreamViewType: spec.streamViewType };
  const encryption = sse(spec);
  if (encryption) input.SSESpecification = encryption;
  if (spec.tableClass) input.TableClass = spec.tableClass;
  if (spec.deletionProtection) input.DeletionProtectionEnabled = true;
  if (tags.length > 0) input.Tags = tags;
  return input;
}

function scalingLine(where: string, plan: ScalingPlan): string {
  return `${where}auto scaling of ${plan.dimension} capacity ${plan.min}-${plan.max} at ${plan.targetUtilization}%: ` +
    `no Application Auto Scaling locally; capacity stays at its initial value`;
}

/**
 * Settings of `spec` that the emulator does not implement, in a fixed order. A real deployment
 * (Pulumi or Terraform) applies them; a local run cannot show their effect.
 */
export function notEmulated(spec: TableSpec<unknown>): string[] {
  const lines: string[] = [];
  if (spec.billingMode === "PROVISIONED") {
    lines.push(`provisioned throughput (read ${spec.readCapacity}, write ${spec.writeCapacity}): recorded, never enforced (no throttling locally)`);
  }
  for (const plan of spec.scaling) lines.push(scalingLine("", plan));
  for (const gsi of spec.globalSecondaryIndexes) for (const plan of gsi.scaling) lines.push(scalingLine(`index ${gsi.name}: `, plan));
  if (spec.pointInTimeRecovery) {
    lines.push(`point-in-time recovery (${spec.recoveryPeriodInDays ?? 35} days): dynalite has no continuous backups`);
  }
  if (spec.encryption !== "AWS_OWNED") {
    const key = spec.encryption === "AWS_MANAGED" ? "the AWS-managed key aws/dynamodb"
      : spec.createKmsKey ? "a rotating customer-managed key the blueprint creates"
      : typeof spec.kmsKeyArn === "string" ? `key ${spec.kmsKeyArn}` : "a given customer-managed key";
    lines.push(`encryption ${spec.encryption} with ${key}: dynalite drops SSESpecification and has no KMS; items are stored unencrypted`);
  }
  if (spec.deletionProtection) lines.push("deletion protection: dynalite drops it; DeleteTable (and local --recreate) succeed anyway");
  if (spec.ttlAttribute) lines.push(`TTL on "${spec.ttlAttribute}": dynalite has no UpdateTimeToLive; items never expire`);
  if (spec.streamViewType) lines.push(`stream (${spec.streamViewType}): dynalite has no DynamoDB Streams; StreamSpecification is dropped`);
  if (spec.tableClass) lines.push(`table class ${spec.tableClass}: dynalite drops TableClass (it changes pricing only)`);
  if ((spec.grants ?? []).length > 0) {
    lines.push(`grants (${spec.grants.length} inline IAM ${spec.grants.length === 1 ? "policy" : "policies"}): dynalite has no IAM; any caller may do anything locally`);
  }
  for (const key of plainStringTags(spec.tags).skipped) {
    lines.push(`tag "${key}": its value is not a plain string (known only at deployment), so it is left out`);
  }
  if (spec.lifecycle.protect) {
    lines.push("protect (Pulumi protect / Terraform prevent_destroy): deployment-tool option; local --recreate does not honour it");
  }
  return lines;
}
