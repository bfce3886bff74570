/**
 * Reading recorded resources: which are tables, which scaling targets belong to which table or index,
 * which key encrypts a table. Shared by the checklist and the CLI's plan view so both read a stack
 * the same way. Everything works on Pulumi type tokens and resolved inputs, never on our own names,
 * so resources another engineer adds (alarms, hand-written tables) are judged like ours.
 */
import { RESOURCE_TYPES } from "../../model/resources";
import { PROJECT } from "../stack-config";
import type { KeyDef } from "../../model/advice/key-design";
import type { CheckItem, CheckStatus, RecordedResource } from "./types";

export const TYPES = {
  table: RESOURCE_TYPES.aws_dynamodb_table.pulumiType,
  kmsKey: RESOURCE_TYPES.aws_kms_key.pulumiType,
  scalingTarget: RESOURCE_TYPES.aws_appautoscaling_target.pulumiType,
  scalingPolicy: RESOURCE_TYPES.aws_appautoscaling_policy.pulumiType,
  bucket: RESOURCE_TYPES.aws_s3_bucket.pulumiType,
  bucketVersioning: RESOURCE_TYPES.aws_s3_bucket_versioning.pulumiType,
  bucketEncryption: RESOURCE_TYPES.aws_s3_bucket_server_side_encryption_configuration.pulumiType,
  bucketPublicAccess: RESOURCE_TYPES.aws_s3_bucket_public_access_block.pulumiType,
  bucketOwnership: RESOURCE_TYPES.aws_s3_bucket_ownership_controls.pulumiType,
  bucketPolicy: RESOURCE_TYPES.aws_s3_bucket_policy.pulumiType,
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** Type token prefix of this package's components (`dynamodb-blueprints:index:OrdersTable`). */
export const COMPONENT_PREFIX = `${PROJECT}:index:`;

/**
 * Answers computed once per recorded-resource list. The plan view and the checklist ask the same
 * questions (resources of a type, scaling targets, a target's policies) for every table; answering
 * each by scanning the list made a 1,000-table program quadratic (bench/cli). Keyed by the list and
 * its length, so a list that grows is looked at afresh; the answers are frozen, being shared.
 */
const perList = new WeakMap<readonly RecordedResource[], { length: number; answers: Map<string, unknown> }>();
export function once<T>(resources: readonly RecordedResource[], question: string, answer: () => T): T {
  let entry = perList.get(resources);
  if (!entry || entry.length !== resources.length) perList.set(resources, entry = { length: resources.length, answers: new Map() });
  if (!entry.answers.has(question)) entry.answers.set(question, answer());
  return entry.answers.get(question) as T;
}

export const ofType = (resources: RecordedResource[], type: string): RecordedResource[] =>
  once(resources, `type ${type}`, () => Object.freeze(resources.filter((r) => r.type === type)) as RecordedResource[]);

/**
 * Pulumi's wire marker for a secret (`{ [SIG]: SECRET, value }`). Under mocks a secret Output arrives
 * wrapped like this, and the wrapper sits on the whole top-level input holding it (all tags, all
 * replicas). Readers would either print the value or trip over the wrapper (`replicas.map`).
 */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_MARK = "1b47061264138c4ac30d75fd1eb44270";
export const SECRET_TEXT = "[secret]";
const isSecretWrapper = (v: unknown): v is { value: unknown } =>
  typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_MARK;

/** Unwrap secrets keeping their shape, every string inside replaced by "[secret]", so settings still read right. */
export function redactSecrets(value: unknown, hidden = false): unknown {
  if (isSecretWrapper(value)) return redactSecrets(value.value, true);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, hidden));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, hidden)]));
  }
  return hidden && typeof value === "string" ? SECRET_TEXT : value;
}

/** A recorded resource safe to read and print: for the checklist and the plan view. */
export const redactRecord = (r: RecordedResource): RecordedResource =>
  ({ ...r, inputs: redactSecrets(r.inputs) as Record<string, any>, ...(r.outputs ? { outputs: redactSecrets(r.outputs) as Record<string, any> } : {}) });

/** The physical table name (what AWS and the scaling resource ids use). */
export const tableName = (table: RecordedResource): string => String(table.inputs.name ?? table.name);

export function parentOf(resources: RecordedResource[], r: RecordedResource): RecordedResource | undefined {
  return r.parentUrn ? resources.find((p) => p.urn === r.parentUrn) : undefined;
}

export interface TableKeys {
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  globalSecondaryIndexes: { name: string; partitionKey: KeyDef; sortKey?: KeyDef; partitionKeys?: KeyDef[] }[];
}

/** Keys of a recorded table with their types, from `attributes`; GSIs in `keySchemas` or legacy form. */
export function tableKeys(table: RecordedResource): TableKeys {
  const types = new Map<string, KeyDef["type"]>(
    (table.inputs.attributes ?? []).map((a: { name: string; type: KeyDef["type"] }) => [a.name, a.type]),
  );
  const key = (name: string | undefined): KeyDef | undefined => (name ? { name, type: types.get(name) ?? "S" } : undefined);
  const gsis = (table.inputs.globalSecondaryIndexes ?? []).map((g: any) => {
    const schema: { attributeName: string; keyType: string }[] = g.keySchemas ?? [];
    const hashes = schema.filter((k) => k.keyType === "HASH").map((k) => k.attributeName);
    const hash = hashes[0] ?? g.hashKey;
    const range = schema.find((k) => k.keyType === "RANGE")?.attributeName ?? g.rangeKey;
    // A multi-attribute key (model/index-keys.ts) is judged whole by the key advisor.
    return { name: String(g.name), partitionKey: key(hash)!, sortKey: key(range), ...(hashes.length > 1 ? { partitionKeys: hashes.map((h) => key(h)!) } : {}) };
  });
  return { partitionKey: key(table.inputs.hashKey)!, sortKey: key(table.inputs.rangeKey), globalSecondaryIndexes: gsis };
}

export interface ScalingTarget {
  resource: RecordedResource;
  table: string;
  index?: string;
  dimension: "read" | "write";
  min: number;
  max: number;
}

/** Every DynamoDB scaling target, parsed from `table/NAME[/index/INDEX]` and its dimension. */
export function scalingTargets(resources: RecordedResource[]): ScalingTarget[] {
  return once(resources, "scaling targets", () => Object.freeze(parseScalingTargets(resources)) as ScalingTarget[]);
}

/** The scaling targets of one table, or of one of its indexes. */
export function scalingTargetsOf(resources: RecordedResource[], table: string, index?: string): ScalingTarget[] {
  const byTable = once(resources, "scaling targets by table", () => {
    const map = new Map<string, ScalingTarget[]>();
    for (const t of scalingTargets(resources)) {
      const key = `${t.table}\0${t.index ?? ""}`;
      map.set(key, [...(map.get(key) ?? []), t]);
    }
    return map;
  });
  return byTable.get(`${table}\0${index ?? ""}`) ?? [];
}

function parseScalingTargets(resources: RecordedResource[]): ScalingTarget[] {
  return ofType(resources, TYPES.scalingTarget).flatMap((r) => {
    const id = /^table\/([^/]+)(?:\/index\/([^/]+))?$/.exec(String(r.inputs.resourceId ?? ""));
    const dim = /^dynamodb:(table|index):(Read|Write)CapacityUnits$/.exec(String(r.inputs.scalableDimension ?? ""));
    if (r.inputs.serviceNamespace !== "dynamodb" || !id || !dim) return [];
    return [{
      resource: r, table: id[1], index: id[2], dimension: dim[2] === "Read" ? "read" as const : "write" as const,
      min: Number(r.inputs.minCapacity), max: Number(r.inputs.maxCapacity),
    }];
  });
}

/** The target-tracking policies acting on a target (same resource id and dimension). */
export function policiesFor(resources: RecordedResource[], target: RecordedResource): RecordedResource[] {
  const byTarget = once(resources, "target-tracking policies by target", () => {
    const map = new Map<string, RecordedResource[]>();
    for (const p of ofType(resources, TYPES.scalingPolicy)) {
      if (p.inputs.policyType !== "TargetTrackingScaling") continue;
      const key = JSON.stringify([p.inputs.resourceId, p.inputs.scalableDimension]);
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return map;
  });
  return byTarget.get(JSON.stringify([target.inputs.resourceId, target.inputs.scalableDimension])) ?? [];
}

/**
 * A dedicated Terraform lock table: exactly the `LockID` string key and nothing else. A table that
 * also stores data under other keys is not dedicated: a lock row could be lost to its clean-ups.
 */
export function isLockTable(table: RecordedResource): boolean {
  const attributes = table.inputs.attributes ?? [];
  return table.inputs.hashKey === "LockID" && !table.inputs.rangeKey && attributes.length === 1 &&
    attributes[0].type === "S" && (table.inputs.globalSecondaryIndexes ?? []).length === 0;
}

export type Encryption =
  | { mode: "AWS_OWNED" }
  | { mode: "AWS_MANAGED" }
  | { mode: "CUSTOMER_MANAGED"; keyArn: string; key?: RecordedResource };

/** How a table is encrypted at rest, and the recorded KMS key behind a CMK ARN when it is ours. */
export function encryptionOf(resources: RecordedResource[], table: RecordedResource): Encryption {
  const sse = table.inputs.serverSideEncryption;
  if (!sse || sse.enabled !== true) return { mode: "AWS_OWNED" };
  if (!sse.kmsKeyArn) return { mode: "AWS_MANAGED" };
  const key = ofType(resources, TYPES.kmsKey).find((k) => k.outputs?.arn === sse.kmsKeyArn);
  return { mode: "CUSTOMER_MANAGED", keyArn: String(sse.kmsKeyArn), key };
}

const RANK: Record<CheckStatus, number> = { PASS: 0, WARN: 1, FAIL: 2 };

export interface Finding {
  status: CheckStatus;
  text: string;
}

/**
 * Build an item from per-resource findings: the worst finding sets the status; `reasons` gives the
 * sentence for each status, `fix` is shown unless everything passes.
 */
export function itemFrom(
  base: Pick<CheckItem, "id" | "title"> & { step?: number },
  findings: Finding[],
  reasons: Record<CheckStatus, string>,
  fix: string,
): CheckItem {
  const status = findings.reduce<CheckStatus>((w, f) => (RANK[f.status] > RANK[w] ? f.status : w), "PASS");
  return {
    id: base.id,
    ...(base.step !== undefined ? { step: base.step } : {}),
    title: base.title,
    status,
    reason: reasons[status],
    ...(status === "PASS" ? {} : { fix }),
    details: findings.map((f) => `${f.status} ${f.text}`),
  };
}

/** "1 table", "3 tables". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
/** "1 table uses", "3 tables use": the verb agrees with the count. */
export const counted = (n: number, noun: string, verb: string, verbPlural: string) => `${count(n, noun)} ${n === 1 ? verb : verbPlural}`;
