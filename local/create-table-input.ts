/**
 * TableSpec -> DynamoDB CreateTable input, plus the honest list of what the local emulator does not do.
 *
 * The input is the complete request a real CreateTable would get (streams, SSE, table class, deletion
 * protection and tags included), so it can also be sent to DynamoDB Local or AWS. dynalite accepts
 * all of it but silently strips what it does not implement (its validator deletes unknown members):
 * those settings are what `notEmulated` lists, table by table, so nothing disappears unsaid.
 *
 * Where each TableSpec field goes:
 *   name, tableName, keys, attributes, indexes                     -> CreateTable, emulated (an index with a
 *                                                                     multi-attribute key is not: emulatorInput)
 *   the field table's scalar arguments (model/table-fields.ts)     -> each entry's `local`: the CreateTable
 *                                                                     members it sets and/or its "not
 *                                                                     emulated" line (billing and capacity
 *                                                                     and tags are emulated; tags through
 *                                                                     TagResource in deployLocal)
 *   encryption/kmsKeyArn                                           -> CreateTable, not emulated
 *   scaling, createKmsKey, grants                                  -> separate APIs/resources, not emulated
 *   lifecycle.protect                                              -> deployment-tool option, listed
 *   lifecycle.retainOnDelete                                       -> only matters when a stack forgets a
 *                                                                     table; nothing local forgets, not listed
 */
import type {
  CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement, LocalSecondaryIndex, Projection, SSESpecification,
} from "@aws-sdk/client-dynamodb";
import { KeyAttribute, ProjectionType, ScalingPlan, TableSpec } from "../model/types";
import { indexKeys, isMultiAttribute, keySchemaElements } from "../model/index-keys";
import { creationSourceText } from "../model/creation-source";
import { FieldArg, GSI_BLOCKS, TABLE_FIELDS, apiMembers, plainStringTags, throughput } from "../model/table-fields";
import { featureLines } from "./not-emulated-features";

export { plainStringTags };

export function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const keys: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: "HASH" }];
  if (sortKey) keys.push({ AttributeName: sortKey.name, KeyType: "RANGE" });
  return keys;
}

function projection(type: ProjectionType, nonKeyAttributes: string[]): Projection {
  // DynamoDB rejects NonKeyAttributes unless the projection is INCLUDE.
  return type === "INCLUDE" ? { ProjectionType: type, NonKeyAttributes: [...nonKeyAttributes] } : { ProjectionType: type };
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

export function createTableInput(spec: TableSpec<unknown>): CreateTableCommandInput {
  const provisioned = spec.billingMode === "PROVISIONED";
  const gsis: GlobalSecondaryIndex[] = spec.globalSecondaryIndexes.map((g) => ({
    IndexName: g.name,
    KeySchema: keySchemaElements(indexKeys(g)).map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
    Projection: projection(g.projectionType, g.nonKeyAttributes),
    ...(provisioned ? { ProvisionedThroughput: throughput(`${spec.tableName} index ${g.name}`, g.readCapacity, g.writeCapacity) } : {}),
    ...Object.fromEntries(GSI_BLOCKS.filter((b) => g[b.arg]).map((b) => [b.api, apiMembers(g[b.arg])])),
  }));
  const lsis: LocalSecondaryIndex[] = spec.localSecondaryIndexes.map((l) => ({
    IndexName: l.name,
    KeySchema: keySchema(spec.partitionKey, l.sortKey),
    Projection: projection(l.projectionType, l.nonKeyAttributes),
  }));
  const input: CreateTableCommandInput = {
    TableName: spec.tableName,
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    AttributeDefinitions: spec.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
  };
  // Optional members are only set when present, so the input reads like a hand-written request.
  if (gsis.length > 0) input.GlobalSecondaryIndexes = gsis;
  if (lsis.length > 0) input.LocalSecondaryIndexes = lsis;
  const encryption = sse(spec);
  if (encryption) input.SSESpecification = encryption;
  for (const field of TABLE_FIELDS) Object.assign(input, field.local.createTable?.input(spec));
  return input;
}

/**
 * The request dynalite can take: it allows one partition and one sort attribute per index, so an
 * index with a multi-attribute key is left out (with the attribute definitions only it used);
 * notEmulated says so. Everything else is the request AWS would get.
 */
export function emulatorInput(input: CreateTableCommandInput): CreateTableCommandInput {
  const single = (input.GlobalSecondaryIndexes ?? []).filter((g) => (g.KeySchema ?? []).length <= 2 &&
    (g.KeySchema ?? []).filter((k) => k.KeyType === "HASH").length === 1);
  if (single.length === (input.GlobalSecondaryIndexes ?? []).length) return input;
  const used = new Set([...input.KeySchema ?? [], ...single.flatMap((g) => g.KeySchema ?? []), ...(input.LocalSecondaryIndexes ?? []).flatMap((l) => l.KeySchema ?? [])]
    .map((k) => k.AttributeName));
  const { GlobalSecondaryIndexes: _, ...rest } = input;
  return { ...rest, AttributeDefinitions: (input.AttributeDefinitions ?? []).filter((a) => used.has(a.AttributeName)), ...(single.length ? { GlobalSecondaryIndexes: single } : {}) };
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
  const fieldLines = (args: readonly FieldArg[]) => {
    for (const field of TABLE_FIELDS) {
      const line = args.includes(field.arg) ? field.local.notEmulated?.(spec) : undefined;
      if (line !== undefined && !lines.includes(line)) lines.push(line); // two fields may share a line (PITR and its window)
    }
  };
  fieldLines(["billingMode", "readCapacity", "writeCapacity"]);
  for (const plan of spec.scaling) lines.push(scalingLine("", plan));
  for (const gsi of spec.globalSecondaryIndexes) for (const plan of gsi.scaling) lines.push(scalingLine(`index ${gsi.name}: `, plan));
  fieldLines(["pointInTimeRecovery", "recoveryPeriodInDays"]);
  if (spec.encryption !== "AWS_OWNED") {
    const key = spec.encryption === "AWS_MANAGED" ? "the AWS-managed key aws/dynamodb"
      : spec.createKmsKey ? "a rotating customer-managed key the blueprint creates"
      : typeof spec.kmsKeyArn === "string" ? `key ${spec.kmsKeyArn}` : "a given customer-managed key";
    lines.push(`encryption ${spec.encryption} with ${key}: dynalite drops SSESpecification and has no KMS; items are stored unencrypted`);
  }
  for (const gsi of spec.globalSecondaryIndexes) {
    const keys = indexKeys(gsi);
    if (isMultiAttribute(keys)) {
      lines.push(`index ${gsi.name}: multi-attribute key (partition ${keys.partition.map((k) => k.name).join(" + ")}` +
        `${keys.sort.length ? `, sort ${keys.sort.map((k) => k.name).join(" + ")}` : ""}): dynalite allows one partition and one sort attribute per index, so this index is not created locally`);
    }
    for (const block of GSI_BLOCKS) if (gsi[block.arg]) lines.push(`index ${gsi.name}: ${block.notEmulated}`);
  }
  fieldLines(TABLE_FIELDS.map((f) => f.arg).filter((a) => !["billingMode", "readCapacity", "writeCapacity", "pointInTimeRecovery", "recoveryPeriodInDays"].includes(a)));
  if (spec.replicas.some((r) => r.consistencyMode === "STRONG")) {
    lines.push(`multi-Region strong consistency (${[spec.region ?? "this Region", ...spec.replicas.map((r) => r.region)].join(", ")}` +
      `${spec.globalTableWitness ? `, witness ${spec.globalTableWitness.regionName}` : ""}): dynalite is one Region with no replicas`);
  }
  // The feature registry's local column for `region` (model/feature-registry/table.ts).
  if (spec.region !== undefined) lines.push(`region ${spec.region}: dynalite is one endpoint; the table and its children are created there whatever their Region`);
  const extra = Object.keys(spec.providerArguments ?? {});
  if (extra.length) lines.push(`providerArguments (${extra.join(", ")}): passed to Pulumi and Terraform only; the emulator does not apply them`);
  const source = creationSourceText(spec);
  if (source) lines.push(`created from a ${source}: dynalite has no ImportTable or restore calls; the table is created empty`);
  if ((spec.grants ?? []).length > 0) {
    lines.push(`grants (${spec.grants.length} inline IAM ${spec.grants.length === 1 ? "policy" : "policies"}): dynalite has no IAM; any caller may do anything locally`);
  }
  lines.push(...featureLines(spec));
  for (const key of plainStringTags(spec.tags).skipped) {
    lines.push(`tag "${key}": its value is not a plain string (known only at deployment), so it is left out`);
  }
  if (spec.lifecycle.protect) {
    lines.push("protect (Pulumi protect / Terraform prevent_destroy): deployment-tool option; local --recreate does not honour it");
  }
  return lines;
}
