/**
 * Table facts (read from the AWS API or a Terraform state) -> the blueprint declaration that matches
 * them exactly. The component kind is the most specific one whose fixed settings equal the table's:
 * `StateLockTable` (the article's lock table), `ProductionTable` (CMK, PITR, deletion protection),
 * else `DynamoTable`. A setting that could not be read is left to the blueprint default and reported.
 */
import type {
  EncryptionMode, GlobalSecondaryIndexArgs, GlobalTableWitness, KeyAttribute, LocalSecondaryIndexArgs, OnDemandThroughput, ReplicaArgs,
  StreamViewType, TableArgs, TableClass,
} from "../../model/types";
import type { ContributorInsightsArgs } from "../../model/insights/types";
import type { KinesisDestinationArgs } from "../../model/kinesis/types";
import { DEFAULT_LOCK_TABLE_NAME, StateLockTableArgs } from "../../model/blueprints";
import { TABLE_DEFAULTS } from "../../model/table";
import type { AdoptedScaling } from "./scaling";
import type { Adoption, NotAdopted, Probe, UnknownSetting } from "./types";

export interface TableFacts {
  tableName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
  readCapacity?: number;
  writeCapacity?: number;
  globalSecondaryIndexes: GlobalSecondaryIndexArgs[];
  localSecondaryIndexes: LocalSecondaryIndexArgs[];
  pointInTimeRecovery: Probe<{ enabled: boolean; recoveryPeriodInDays?: number }>;
  deletionProtection: Probe<boolean>;
  encryption: { mode: EncryptionMode; kmsKeyArn?: string };
  ttlAttribute: Probe<string | undefined>;
  streamViewType?: StreamViewType;
  tableClass?: TableClass;
  tags: Probe<Record<string, string>>;
  onDemandThroughput?: OnDemandThroughput;
  replicas: ReplicaArgs[];
  /** The table's own Region: stated when the model needs it (multi-Region strong consistency). */
  region?: string;
  globalTableWitness?: GlobalTableWitness;
  contributorInsights?: ContributorInsightsArgs;
  kinesisStreamingDestination?: KinesisDestinationArgs;
  scaling: Probe<AdoptedScaling>;
}

export { componentName } from "./sanitise";

/** The 12-digit account of a DynamoDB table ARN (`arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`), if it is one. */
export const accountOfTableArn = (arn: unknown): string | undefined =>
  (typeof arn === "string" ? /^arn:aws[a-z-]*:dynamodb:[^:]*:(\d{12}):table\//.exec(arn)?.[1] : undefined);

/**
 * The Pulumi SDK serialises inputs with `obj[k] = v` (@pulumi/pulumi runtime/rpc.ts, serializeAllKeys),
 * so a key named `__proto__` never reaches the engine. A KMS key tag of that name cannot be declared in
 * the Pulumi program: its tags are then imported under `ignoreChanges` (kept as they are, no diff) and
 * the fact is listed. The Terraform output declares the tag (HCL has no such trap).
 */
export function keepUnpassableKeyTags(adoption: Adoption): void {
  const tags = adoption.kmsKey?.args.tags;
  if (!adoption.kmsKey || typeof tags !== "object" || tags === null || !Object.hasOwn(tags, "__proto__")) return;
  adoption.kmsKey.ignoreChanges = ["tags"];
  adoption.notAdopted.push({ what: 'KMS key tag "__proto__" (Pulumi program)',
    why: "the Pulumi SDK drops an input named __proto__, so the key's tags are imported with ignoreChanges: [\"tags\"] and stay as they are; the Terraform output declares the tag" });
}

const LOCK_TAGS = { Purpose: "terraform-state-locking", Critical: "true" } as const;

function unknownList(facts: TableFacts): UnknownSetting[] {
  const list: UnknownSetting[] = [];
  const note = (setting: string, probe: Probe<unknown>, effect: string) => {
    if (!probe.known) list.push({ setting, reason: probe.reason, effect });
  };
  note("pointInTimeRecovery", facts.pointInTimeRecovery,
    `left out: the blueprint default (${TABLE_DEFAULTS.pointInTimeRecovery ? "enabled" : "disabled"}, ${TABLE_DEFAULTS.recoveryPeriodInDays} days) applies; set the live value before importing`);
  note("deletionProtection", facts.deletionProtection, `left out: the blueprint default (${TABLE_DEFAULTS.deletionProtection}) applies; set the live value before importing`);
  note("ttlAttribute", facts.ttlAttribute, "left out: no TTL is declared; add ttlAttribute if the table has one");
  note("tags", facts.tags, "left out: no tags are declared; the import would remove live tags the program does not declare");
  note("autoscaling", facts.scaling, "left out: no scaling is declared; existing scaling targets and policies stay unmanaged");
  return list;
}

function isLockTable(f: TableFacts, tags: Record<string, string> | undefined, scaled: boolean): boolean {
  const pitr = f.pointInTimeRecovery.known ? f.pointInTimeRecovery.value : undefined;
  return f.partitionKey.name === "LockID" && f.partitionKey.type === "S" && !f.sortKey && f.billingMode === "PAY_PER_REQUEST" &&
    f.globalSecondaryIndexes.length === 0 && f.localSecondaryIndexes.length === 0 && !scaled &&
    pitr?.enabled === true && (pitr.recoveryPeriodInDays ?? TABLE_DEFAULTS.recoveryPeriodInDays) === TABLE_DEFAULTS.recoveryPeriodInDays &&
    f.deletionProtection.known && f.ttlAttribute.known && f.ttlAttribute.value === undefined && !f.streamViewType && !f.tableClass &&
    !f.onDemandThroughput && f.replicas.length === 0 && !f.contributorInsights && !f.kinesisStreamingDestination &&
    tags !== undefined && tags.Purpose === LOCK_TAGS.Purpose && tags.Critical === LOCK_TAGS.Critical;
}

/** The declaration that imports the table exactly as `facts` describe it. */
export function declareTable(facts: TableFacts, name: string, source: string): Adoption {
  const notAdopted: NotAdopted[] = [];
  const tags = facts.tags.known ? facts.tags.value : undefined;
  const scaling = facts.scaling.known ? facts.scaling.value : undefined;
  if (scaling) notAdopted.push(...scaling.notAdopted);
  const scaled = scaling !== undefined && (scaling.table !== undefined || scaling.indexes.size > 0);
  const importFrom = facts.tableName;
  const base = { source, tableName: facts.tableName, unknown: unknownList(facts), notAdopted };

  if (isLockTable(facts, tags, scaled)) {
    const { Purpose: _p, Critical: _c, ...extra } = tags!;
    const args: StateLockTableArgs = {};
    if (facts.tableName !== DEFAULT_LOCK_TABLE_NAME) args.tableName = facts.tableName;
    if (facts.deletionProtection.known && facts.deletionProtection.value) args.deletionProtection = true;
    if (facts.encryption.mode !== "AWS_OWNED") args.encryption = facts.encryption.mode;
    if (facts.encryption.kmsKeyArn) args.kmsKeyArn = facts.encryption.kmsKeyArn;
    if (Object.keys(extra).length > 0) args.tags = extra;
    args.importFrom = importFrom;
    return { ...base, declaration: { kind: "StateLockTable", name, args, options: { protect: false, retainOnDelete: false } } };
  }

  const args: TableArgs = { tableName: facts.tableName, partitionKey: facts.partitionKey };
  if (facts.sortKey) args.sortKey = facts.sortKey;
  args.billingMode = facts.billingMode;
  if (facts.billingMode === "PROVISIONED") {
    args.readCapacity = facts.readCapacity;
    args.writeCapacity = facts.writeCapacity;
    if (scaling?.table) args.autoscaling = scaling.table;
  }
  if (facts.globalSecondaryIndexes.length > 0) {
    args.globalSecondaryIndexes = facts.globalSecondaryIndexes.map((g) => {
      const indexScaling = facts.billingMode === "PROVISIONED" ? scaling?.indexes.get(g.name) : undefined;
      return indexScaling ? { ...g, autoscaling: indexScaling } : g;
    });
  }
  if (facts.localSecondaryIndexes.length > 0) args.localSecondaryIndexes = facts.localSecondaryIndexes;
  const pitr = facts.pointInTimeRecovery.known ? facts.pointInTimeRecovery.value : undefined;
  if (pitr) {
    args.pointInTimeRecovery = pitr.enabled;
    if (pitr.enabled) args.recoveryPeriodInDays = pitr.recoveryPeriodInDays ?? TABLE_DEFAULTS.recoveryPeriodInDays;
  }
  args.encryption = facts.encryption.mode;
  if (facts.encryption.kmsKeyArn) args.kmsKeyArn = facts.encryption.kmsKeyArn;
  if (facts.deletionProtection.known) args.deletionProtection = facts.deletionProtection.value;
  if (facts.ttlAttribute.known && facts.ttlAttribute.value) args.ttlAttribute = facts.ttlAttribute.value;
  if (facts.streamViewType) args.streamViewType = facts.streamViewType;
  if (facts.tableClass) args.tableClass = facts.tableClass;
  if (facts.onDemandThroughput) args.onDemandThroughput = facts.onDemandThroughput;
  if (facts.replicas.length > 0) args.replicas = facts.replicas;
  if (facts.region) args.region = facts.region;
  if (facts.globalTableWitness) args.globalTableWitness = facts.globalTableWitness;
  if (facts.contributorInsights) args.contributorInsights = facts.contributorInsights;
  if (facts.kinesisStreamingDestination) args.kinesisStreamingDestination = facts.kinesisStreamingDestination;
  if (tags && Object.keys(tags).length > 0) args.tags = tags;
  args.importFrom = importFrom;

  const production = facts.encryption.mode === "CUSTOMER_MANAGED" && facts.encryption.kmsKeyArn !== undefined &&
    pitr?.enabled === true && facts.deletionProtection.known && facts.deletionProtection.value;
  if (production) {
    // Fixed by ProductionTable: stating them again would be noise.
    delete args.encryption;
    delete args.pointInTimeRecovery;
    delete args.deletionProtection;
    return { ...base, declaration: { kind: "ProductionTable", name, args, options: { protect: true, retainOnDelete: true } } };
  }
  return { ...base, declaration: { kind: "DynamoTable", name, args, options: { protect: false, retainOnDelete: false } } };
}
