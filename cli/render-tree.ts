/**
 * The `plan` view: recorded resources as a `pulumi preview`-like tree, each node with the settings
 * that decide cost, safety and performance. One data structure feeds both the text and `--json`, so
 * the two cannot disagree; objects are built in a fixed key order so the JSON is stable.
 */
import { TABLE_DEFAULTS } from "../model/defaults";
import { creationSourceText } from "../model/creation-source";
import type { RecordedResource } from "../project/checklist/types";
import { TYPES, encryptionOf, policiesFor, redactRecord, scalingTargetsOf, tableKeys, tableName } from "../project/checklist/inspect";
import { accessToTable } from "../project/checklist/access";
import { resourcePolicySettings } from "./render-features";

export interface PlanNode {
  op: "create";
  type: string;
  name: string;
  urn: string;
  component: boolean;
  options: { protect: boolean; retainOnDelete: boolean; ignoreChanges: string[]; import?: string };
  settings: Record<string, unknown>;
  children: PlanNode[];
}

const keyText = (k?: { name: string; type: string }) => (k ? `${k.name} (${k.type})` : undefined);

function scalingOf(all: RecordedResource[], table: string, index?: string): Record<string, unknown> | undefined {
  const found = [...scalingTargetsOf(all, table, index)];
  if (found.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const s of found.sort((a, b) => a.dimension.localeCompare(b.dimension))) {
    const target = policiesFor(all, s.resource)[0]?.inputs.targetTrackingScalingPolicyConfiguration?.targetValue;
    out[s.dimension] = { min: s.min, max: s.max, targetUtilization: target ?? null };
  }
  return out;
}

const capacityOf = (x: Record<string, any>) =>
  x.readCapacity !== undefined || x.writeCapacity !== undefined ? { read: x.readCapacity ?? null, write: x.writeCapacity ?? null } : undefined;

/** A multi-attribute key's attributes of one kind, `a (S) + b (N)`; undefined for a single attribute. */
function schemaKeys(g: any, kind: "HASH" | "RANGE", table: Record<string, any>): string | undefined {
  const names: string[] = (g.keySchemas ?? []).filter((k: any) => k.keyType === kind).map((k: any) => k.attributeName);
  if (names.length < 2) return undefined;
  const types = new Map((table.attributes ?? []).map((a: any) => [a.name, a.type]));
  return names.map((n) => `${n} (${types.get(n) ?? "S"})`).join(" + ");
}

/** Drop undefined entries, keeping insertion order. */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function tableSettings(all: RecordedResource[], t: RecordedResource): Record<string, unknown> {
  const i = t.inputs;
  const name = tableName(t);
  const keys = tableKeys(t);
  const enc = encryptionOf(all, t);
  return compact({
    tableName: name,
    keys: compact({ partition: keyText(keys.partitionKey), sort: keyText(keys.sortKey) }),
    billingMode: i.billingMode ?? "PAY_PER_REQUEST",
    capacity: capacityOf(i),
    scaling: scalingOf(all, name),
    globalSecondaryIndexes: (i.globalSecondaryIndexes ?? []).map((g: any, n: number) => compact({
      name: g.name,
      partition: schemaKeys(g, "HASH", i) ?? keyText(keys.globalSecondaryIndexes[n].partitionKey),
      sort: schemaKeys(g, "RANGE", i) ?? keyText(keys.globalSecondaryIndexes[n].sortKey),
      projection: g.projectionType,
      capacity: capacityOf(g),
      scaling: scalingOf(all, name, g.name),
      onDemandThroughput: g.onDemandThroughput,
      warmThroughput: g.warmThroughput,
    })),
    localSecondaryIndexes: i.localSecondaryIndexes?.map((l: any) => ({ name: l.name, sort: l.rangeKey, projection: l.projectionType })),
    pointInTimeRecovery: i.pointInTimeRecovery?.enabled === true ? { enabled: true, days: i.pointInTimeRecovery.recoveryPeriodInDays ?? TABLE_DEFAULTS.recoveryPeriodInDays } : { enabled: false },
    encryption: enc.mode === "CUSTOMER_MANAGED" ? { mode: enc.mode, key: enc.key?.name ?? enc.keyArn } : { mode: enc.mode },
    deletionProtection: i.deletionProtectionEnabled === true,
    stream: i.streamEnabled ? { enabled: true, viewType: i.streamViewType } : { enabled: false },
    ttl: i.ttl?.enabled ? { enabled: true, attribute: i.ttl.attributeName } : { enabled: false },
    tableClass: i.tableClass,
    onDemandThroughput: i.onDemandThroughput,
    globalTableWitness: i.globalTableWitness?.regionName,
    createdFrom: creationSourceText({ ...i, importTable: i.importTable && { ...i.importTable, ...i.importTable.s3BucketSource } }) ?? undefined,
    replicas: i.replicas?.map((r: any) => compact({
      region: r.regionName, consistency: r.consistencyMode, pitr: r.pointInTimeRecovery, deletionProtection: r.deletionProtectionEnabled, kmsKey: r.kmsKeyArn ? "customer-managed" : undefined,
    })),
    // Who can do what: every IAM policy of the stack reaching the table, evaluated action by action.
    access: (() => {
      const access = accessToTable(all, t).map((a) => compact({
        principal: a.principal, policy: a.policy, table: a.table, index: a.index.length ? a.index : undefined, stream: a.stream.length ? a.stream : undefined,
      }));
      return access.length ? access : undefined;
    })(),
  });
}

/** The settings worth reading in a preview, per resource type; unknown types show none. */
export function settingsOf(all: RecordedResource[], r: RecordedResource): Record<string, unknown> {
  const i = r.inputs;
  switch (r.type) {
    case TYPES.table: return tableSettings(all, r);
    case TYPES.kmsKey: return { keyRotation: i.enableKeyRotation === true, deletionWindowInDays: i.deletionWindowInDays ?? 30 };
    case TYPES.scalingTarget: return { resourceId: i.resourceId, dimension: i.scalableDimension, min: i.minCapacity, max: i.maxCapacity };
    case TYPES.scalingPolicy: {
      const c = i.targetTrackingScalingPolicyConfiguration ?? {};
      return compact({ metric: c.predefinedMetricSpecification?.predefinedMetricType, targetUtilization: c.targetValue,
        scaleInCooldown: c.scaleInCooldown, scaleOutCooldown: c.scaleOutCooldown });
    }
    case TYPES.bucket: return { bucket: i.bucket, forceDestroy: i.forceDestroy === true };
    case TYPES.bucketVersioning: return { status: i.versioningConfiguration?.status };
    case TYPES.bucketEncryption: return { algorithm: i.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm, bucketKey: i.rules?.[0]?.bucketKeyEnabled === true };
    case TYPES.bucketPublicAccess:
      return { blockPublicAcls: i.blockPublicAcls, blockPublicPolicy: i.blockPublicPolicy, ignorePublicAcls: i.ignorePublicAcls, restrictPublicBuckets: i.restrictPublicBuckets };
    case TYPES.bucketOwnership: return { objectOwnership: i.rule?.objectOwnership };
    case TYPES.bucketPolicy: {
      let sids: string[] = [];
      try { sids = (JSON.parse(i.policy).Statement ?? []).map((s: any) => s.Sid ?? s.Effect); } catch { /* not JSON: show nothing */ }
      return { statements: sids };
    }
    case TYPES.metricAlarm: return compact({
      metric: i.metricName ?? i.metricQueries?.find((q: any) => q.returnData)?.expression, threshold: i.threshold, comparison: i.comparisonOperator,
    });
    case "aws:sns/topic:Topic": return compact({ topic: i.name, encryptedWith: i.kmsMasterKeyId });
    case "aws:iam/rolePolicy:RolePolicy": {
      let sids: string[] = [];
      try { sids = (JSON.parse(i.policy).Statement ?? []).map((s: any) => s.Sid ?? s.Effect); } catch { /* not JSON: show nothing */ }
      return { role: i.role, statements: sids };
    }
    case "aws:dynamodb/resourcePolicy:ResourcePolicy": return resourcePolicySettings(i);
    case "aws:dynamodb/contributorInsights:ContributorInsights": return compact({ table: i.tableName, index: i.indexName, mode: i.mode });
    case "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination": return compact({ table: i.tableName, stream: i.streamArn, precision: i.approximateCreationDateTimePrecision });
    case "aws:lambda/eventSourceMapping:EventSourceMapping": return compact({
      function: i.functionName, batchSize: i.batchSize, startingPosition: i.startingPosition, maximumRetryAttempts: i.maximumRetryAttempts,
      onFailure: i.destinationConfig?.onFailure?.destinationArn,
    });
    default: return {};
  }
}

/** Recorded resources as a forest (parent -> children), in the order they were recorded. */
export function buildTree(recorded: RecordedResource[]): PlanNode[] {
  // Secrets masked first: a wrapped secret must be neither printed nor misread (e.g. as "AWS owned key").
  const all = recorded.map(redactRecord);
  const nodes = new Map<string, PlanNode>();
  for (const r of all) {
    nodes.set(r.urn, {
      op: "create", type: r.type, name: r.name, urn: r.urn, component: !r.custom,
      options: { protect: r.protect, retainOnDelete: r.retainOnDelete, ignoreChanges: [...r.ignoreChanges], ...(r.importId ? { import: r.importId } : {}) },
      settings: settingsOf(all, r),
      children: [],
    });
  }
  const roots: PlanNode[] = [];
  for (const r of all) {
    const parent = nodes.get(r.parentUrn);
    (parent ? parent.children : roots).push(nodes.get(r.urn)!);
  }
  return roots;
}

function markers(n: PlanNode): string {
  return [
    n.options.protect ? "[protect]" : "",
    n.options.retainOnDelete ? "[retain]" : "",
    n.options.ignoreChanges.length ? `ignoreChanges=[${n.options.ignoreChanges.join(", ")}]` : "",
    n.options.import ? `[import=${n.options.import}]` : "",
  ].filter(Boolean).join(" ");
}

const range = (s: any) => `${s.min}..${s.max}${s.targetUtilization != null ? ` @${s.targetUtilization}%` : ""}`;
const scalingText = (s: any) => Object.entries(s).map(([d, v]) => `${d} ${range(v)}`).join(", ");
/** `read 100 / write 50`, leaving out a dimension that is not set. */
const unitsText = (read?: number, write?: number) => [read !== undefined ? `read ${read}` : "", write !== undefined ? `write ${write}` : ""].filter(Boolean).join(" / ");
const onOff = (b: unknown) => (b ? "on" : "off");
const ENCRYPTION: Record<string, string> = { AWS_OWNED: "AWS owned key", AWS_MANAGED: "AWS managed key (aws/dynamodb)", CUSTOMER_MANAGED: "customer-managed key" };

/** One line per setting a reader checks in a preview. */
export function settingLines(type: string, s: Record<string, any>): string[] {
  if (type !== TYPES.table) {
    // Other resources have a handful of scalar settings: one line reads best.
    const parts = Object.entries(s).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(" ") : v}`);
    return parts.length ? [parts.join(", ")] : [];
  }
  const lines = [
    `table: ${s.tableName}${s.tableClass ? ` (${s.tableClass})` : ""}`,
    `keys: partition ${s.keys.partition}${s.keys.sort ? `, sort ${s.keys.sort}` : ""}`,
    `billing: ${s.billingMode}${s.capacity ? `, capacity read ${s.capacity.read} / write ${s.capacity.write}` : ""}${s.scaling ? `, scaling ${scalingText(s.scaling)}` : ""}`,
  ];
  for (const g of s.globalSecondaryIndexes) {
    lines.push(`gsi ${g.name}: partition ${g.partition}${g.sort ? `, sort ${g.sort}` : ""}, projection ${g.projection}` +
      `${g.capacity ? `, capacity read ${g.capacity.read} / write ${g.capacity.write}` : ""}${g.scaling ? `, scaling ${scalingText(g.scaling)}` : ""}` +
      `${g.onDemandThroughput ? `, on-demand cap ${unitsText(g.onDemandThroughput.maxReadRequestUnits, g.onDemandThroughput.maxWriteRequestUnits)}` : ""}` +
      `${g.warmThroughput ? `, warm ${unitsText(g.warmThroughput.readUnitsPerSecond, g.warmThroughput.writeUnitsPerSecond)}` : ""}`);
  }
  for (const l of s.localSecondaryIndexes ?? []) lines.push(`lsi ${l.name}: sort ${l.sort}, projection ${l.projection}`);
  lines.push(
    `pitr: ${s.pointInTimeRecovery.enabled ? `on (${s.pointInTimeRecovery.days} days)` : "off"}`,
    `encryption: ${ENCRYPTION[s.encryption.mode]}${s.encryption.key ? ` ${s.encryption.key}` : ""}`,
    `deletion protection: ${onOff(s.deletionProtection)}`,
    `stream: ${s.stream.enabled ? s.stream.viewType : "off"}, ttl: ${s.ttl.enabled ? s.ttl.attribute : "off"}`,
  );
  if (s.replicas?.length) {
    const strong = s.replicas.some((r: any) => r.consistency === "STRONG");
    lines.push(`replicas: ${s.replicas.map((r: any) => r.region).join(", ")} (${strong ? "multi-Region strong consistency" : "eventual consistency"}` +
      `${s.globalTableWitness ? `, witness ${s.globalTableWitness}` : ""})`);
  }
  if (s.createdFrom) lines.push(`created from: ${s.createdFrom} (creation only; later changes are ignored)`);
  for (const a of s.access ?? []) {
    const on = (what: string, actions?: string[]) => (actions?.length ? [`${what} ${actions.join(" ")}`] : []);
    lines.push(`access: ${a.principal} (${a.policy}): ${[...on("table", a.table), ...on("index", a.index), ...on("stream", a.stream)].join("; ")}`);
  }
  return lines;
}

/** The tree as text: `+ type name [markers]`, settings beneath, children indented by four spaces. */
export function renderTree(nodes: PlanNode[], depth = 0): string[] {
  const pad = "    ".repeat(depth);
  return nodes.flatMap((n) => {
    const mark = markers(n);
    return [
      `${pad}+ ${n.type} ${n.name}${mark ? `  ${mark}` : ""}`,
      ...settingLines(n.type, n.settings).map((l) => `${pad}      ${l}`),
      ...renderTree(n.children, depth + 1),
    ];
  });
}
