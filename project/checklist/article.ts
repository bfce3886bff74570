/**
 * The seed article's "Implementation checklist", steps 1-8, as checks over what a stack registered.
 * Step 9 of the article ("run terraform plan") is the `plan` command itself.
 */
import { TABLE_DEFAULTS } from "../../model/defaults";
import { adviseKeys } from "../../model/advice/key-design";
import { breakEvenUtilization, estimateCost } from "../../model/advice/cost";
import { DEFAULT_PRICES, HOURS_PER_MONTH } from "../../model/advice/pricing";
import type { CheckItem, ChecklistInput, RecordedResource } from "./types";
import {
  COMPONENT_PREFIX, Finding, TYPES, count, counted, isLockTable, itemFrom, ofType, parentOf, policiesFor,
  scalingTargets, tableKeys, tableName,
} from "./inspect";
import { PRODUCTION_SETTING, componentLabel, isProduction } from "./production";
import { fixOn } from "./fix-text";

const tablesOf = (input: ChecklistInput) => ofType(input.resources, TYPES.table);
const where = (table: string, index?: string) => (index ? `${table} index ${index}` : table);

/** Step 1: tables come from the reusable module (a blueprint component), not hand-written resources. */
export function checkModules(input: ChecklistInput): CheckItem {
  const tables = tablesOf(input);
  const findings: Finding[] = tables.map((t) => {
    const parent = parentOf(input.resources, t);
    return parent && !parent.custom && parent.type.startsWith(COMPONENT_PREFIX)
      ? { status: "PASS", text: `${tableName(t)}: created by ${parent.type.slice(COMPONENT_PREFIX.length)} "${parent.name}"` }
      : { status: "WARN", text: `${tableName(t)}: registered ${parent ? `under ${parent.type} "${parent.name}"` : "at the top level"}, outside any blueprint component` };
  });
  if (tables.length === 0) findings.push({ status: "WARN", text: "the stack creates no DynamoDB table" });
  const outside = findings.filter((f) => f.status !== "PASS").length;
  return itemFrom({ id: "modules", step: 1, title: "Tables are built from reusable modules (blueprint components)" }, findings, {
    PASS: `${count(tables.length, "table")}, each created through a blueprint component.`,
    WARN: tables.length === 0 ? "No tables to check." : `${outside} of ${count(tables.length, "table")} ${outside === 1 ? "bypasses" : "bypass"} the blueprint components, so the model never validated them.`,
    FAIL: "",
  }, "declare tables with DynamoTable (or OrdersTable, ProductionTable, StateLockTable) instead of aws.dynamodb.Table");
}

/** Step 2: high-cardinality partition keys, judged by the key advisor for the table and every GSI. */
export function checkKeys(input: ChecklistInput): CheckItem {
  const findings: Finding[] = [];
  const fixes: string[] = [];
  for (const t of tablesOf(input)) {
    const name = tableName(t);
    const advice = adviseKeys({ table: name, ...tableKeys(t), keyHints: input.hints?.keys?.[name] });
    for (const a of advice) {
      if (a.severity === "info") continue;
      findings.push({ status: a.severity === "error" ? "FAIL" : "WARN", text: `${where(a.table, a.index)}: ${a.message}` });
      fixes.push(`${where(a.table, a.index)}: ${a.fix}`);
    }
    if (!advice.some((a) => a.severity !== "info")) {
      const keys = tableKeys(t);
      const names = [keys.partitionKey.name, ...keys.globalSecondaryIndexes.map((g) => `${(g.partitionKeys ?? [g.partitionKey]).map((k) => k.name).join(" + ")} (${g.name})`)];
      findings.push({ status: "PASS", text: `${name}: ${names.length === 1 ? "partition key" : "partition keys"} ${names.join(", ")} ${names.length === 1 ? "raises" : "raise"} no hot-partition concern` });
    }
  }
  const flagged = findings.filter((f) => f.status !== "PASS").length;
  return itemFrom({ id: "keys", step: 2, title: "High-cardinality partition keys (no hot partitions)" }, findings, {
    PASS: "Every table and GSI partition key looks high-cardinality.",
    WARN: `${counted(flagged, "partition key", "looks", "look")} low-cardinality: each value is served by one partition (1,000 WCU/s, 3,000 RCU/s).`,
    FAIL: "Stated traffic puts more load on one key value than a partition can serve.",
  }, fixes.length === 1 ? fixes[0] : fixes.join(" | "));
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/**
 * Step 3: PAY_PER_REQUEST unless a cost analysis proves otherwise. Decision: auto scaling alone does
 * not justify PROVISIONED (it bounds waste, it proves no saving), so a provisioned table passes only
 * when traffic figures are given and the cost advisor prices provisioned cheaper; otherwise WARN with
 * the break-even utilisation and what the minimum capacity costs while idle.
 */
export function checkBilling(input: ChecklistInput): CheckItem {
  const breakEven = breakEvenUtilization();
  const unjustified: RecordedResource[] = [];
  const targets = scalingTargets(input.resources);
  const findings: Finding[] = tablesOf(input).map((t): Finding => {
    const name = tableName(t);
    if (t.inputs.billingMode !== "PROVISIONED") return { status: "PASS", text: `${name}: ${t.inputs.billingMode ?? "PAY_PER_REQUEST"}` };
    const minOf = (d: "read" | "write") => targets.find((s) => s.table === name && !s.index && s.dimension === d)?.min ?? Number(t.inputs[`${d}Capacity`] ?? 0);
    const traffic = input.hints?.traffic?.[name];
    if (traffic) {
      const policy = targets.find((s) => s.table === name && !s.index);
      const target = policy ? policiesFor(input.resources, policy.resource)[0]?.inputs.targetTrackingScalingPolicyConfiguration?.targetValue : undefined;
      const estimate = estimateCost({
        pointInTimeRecovery: t.inputs.pointInTimeRecovery?.enabled === true,
        ...(typeof target === "number" ? { targetUtilization: target } : {}),
        ...traffic,
      });
      if (estimate.cheaper !== "PROVISIONED") unjustified.push(t);
      return estimate.cheaper === "PROVISIONED"
        ? { status: "PASS", text: `${name}: PROVISIONED, justified by the cost analysis: ${estimate.summary}` }
        : { status: "WARN", text: `${name}: PROVISIONED, but ${estimate.summary}` };
    }
    unjustified.push(t);
    const idle = minOf("write") * DEFAULT_PRICES.wcuHour * HOURS_PER_MONTH + minOf("read") * DEFAULT_PRICES.rcuHour * HOURS_PER_MONTH;
    return {
      status: "WARN",
      text: `${name}: PROVISIONED with no traffic figures, so no cost analysis justifies it. Provisioned only wins above ` +
        `${breakEven.writes.toFixed(1)}% sustained utilisation; the minimum ${minOf("write")} WCU + ${minOf("read")} RCU costs ${usd(idle)}/month even when idle`,
    };
  });
  const provisioned = findings.filter((f) => f.status !== "PASS").length;
  return itemFrom({ id: "billing", step: 3, title: "PAY_PER_REQUEST unless a cost analysis proves otherwise" }, findings, {
    PASS: "Every table is on-demand, or provisioned with a cost analysis in its favour.",
    WARN: `${counted(provisioned, "table", "uses", "use")} PROVISIONED without a cost analysis in its favour.`,
    FAIL: "",
  }, fixOn(input, unjustified, "billingMode: \"PAY_PER_REQUEST\"", "or declare the expected traffic, advisor: { traffic: { readsPerMonth, writesPerMonth, peakToAverage } }, and keep PROVISIONED only if the cost advisor prices it cheaper"));
}

/** Step 4: every provisioned capacity (table and each GSI, read and write) has a scaling target and policy. */
export function checkAutoscaling(input: ChecklistInput): CheckItem {
  const targets = scalingTargets(input.resources);
  const findings: Finding[] = [];
  for (const t of tablesOf(input).filter((x) => x.inputs.billingMode === "PROVISIONED")) {
    const name = tableName(t);
    const slots: { index?: string; capacity: Record<string, unknown> }[] = [
      { capacity: t.inputs },
      ...(t.inputs.globalSecondaryIndexes ?? []).map((g: any) => ({ index: String(g.name), capacity: g })),
    ];
    for (const slot of slots) {
      for (const d of ["read", "write"] as const) {
        const target = targets.find((s) => s.table === name && s.index === slot.index && s.dimension === d);
        const label = `${where(name, slot.index)} ${d}`;
        if (!target) findings.push({ status: "FAIL", text: `${label}: fixed at ${slot.capacity[`${d}Capacity`] ?? "?"} units, no auto scaling target` });
        else if (policiesFor(input.resources, target.resource).length === 0) {
          findings.push({ status: "FAIL", text: `${label}: target ${target.resource.name} has no target-tracking policy, so it never scales` });
        } else {
          const value = policiesFor(input.resources, target.resource)[0].inputs.targetTrackingScalingPolicyConfiguration?.targetValue;
          findings.push({ status: "PASS", text: `${label}: ${target.min}..${target.max} units, tracking ${value}% utilisation` });
        }
      }
    }
  }
  const missing = findings.filter((f) => f.status === "FAIL").length;
  return itemFrom({ id: "autoscaling", step: 4, title: "Auto scaling on every provisioned table and GSI" }, findings, {
    PASS: findings.length === 0 ? "No PROVISIONED tables: on-demand capacity needs no scaling." : "Every provisioned capacity has a target-tracking scaling policy.",
    WARN: "",
    FAIL: `${count(missing, "provisioned capacity")} cannot scale: a traffic spike above it is throttled.`,
  }, "give the table (and each GSI) autoscaling: { read: { min, max }, write: { min, max } } (target 70%), or switch to PAY_PER_REQUEST");
}

/** Step 5: point-in-time recovery; FAIL on a production table, WARN on others. */
export function checkPitr(input: ChecklistInput): CheckItem {
  const off: RecordedResource[] = [];
  const findings: Finding[] = tablesOf(input).map((t): Finding => {
    const pitr = t.inputs.pointInTimeRecovery;
    if (pitr?.enabled === true) return { status: "PASS", text: `${tableName(t)}: on, ${pitr.recoveryPeriodInDays ?? TABLE_DEFAULTS.recoveryPeriodInDays} days` };
    off.push(t);
    return { status: isProduction(input, t) ? "FAIL" : "WARN", text: `${tableName(t)}: off` };
  });
  const failed = findings.filter((f) => f.status === "FAIL").length;
  return itemFrom({ id: "pitr", step: 5, title: "Point-in-time recovery on production tables" }, findings, {
    PASS: "Every table has point-in-time recovery.",
    WARN: `${count(off.length, "table")} without point-in-time recovery (not declared production, so a warning).`,
    FAIL: `${count(failed, "production table")} without point-in-time recovery: an accidental write or delete cannot be undone.`,
  }, fixOn(input, off, "pointInTimeRecovery: true", "ProductionTable always has it; PITR costs $0.20 per GB-month"));
}

const STATEFUL: Record<string, string> = { [TYPES.table]: "table", [TYPES.kmsKey]: "KMS key", [TYPES.bucket]: "bucket" };
const label = (r: RecordedResource) =>
  `${STATEFUL[r.type]} ${r.type === TYPES.table ? tableName(r) : r.type === TYPES.bucket ? r.inputs.bucket ?? r.name : r.name}`;

/**
 * Step 6: protect (Terraform prevent_destroy) on production's stateful resources. Decision for other
 * stacks: PASS with "not protected by design", because dev is meant to be destroyable and a warning
 * there would make `--strict` useless for it. AWS deletion protection off in production is a WARN:
 * protect only stops this tool, not the console or another tool.
 */
export function checkProtection(input: ChecklistInput): CheckItem {
  const findings: Finding[] = [];
  const unprotected: RecordedResource[] = [];
  const unguarded: RecordedResource[] = [];
  let production = 0;
  for (const r of input.resources.filter((x) => x.custom && STATEFUL[x.type])) {
    if (!isProduction(input, r)) {
      findings.push({ status: "PASS", text: `${label(r)}: ${r.protect ? "protected" : "not protected by design (not declared production)"}` });
      continue;
    }
    production++;
    if (!r.protect) {
      unprotected.push(r);
      findings.push({ status: "FAIL", text: `${label(r)}: not protected: a destroy or a replacement deletes it` });
    } else findings.push({ status: "PASS", text: `${label(r)}: protect${r.retainOnDelete ? " + retainOnDelete" : ""}` });
    if (r.type === TYPES.table && r.inputs.deletionProtectionEnabled !== true) {
      unguarded.push(r);
      findings.push({ status: "WARN", text: `${label(r)}: AWS deletion protection off, so deleting it outside this stack still works` });
    }
  }
  const fixes = [
    ...(unprotected.length ? [fixOn(input, unprotected, "{ protect: true, retainOnDelete: true }", "its resource options (third constructor argument); or use ProductionTable", "pass")] : []),
    ...(unguarded.length ? [fixOn(input, unguarded, "deletionProtection: true")] : []),
  ];
  return itemFrom({ id: "protect", step: 6, title: "prevent_destroy / protect on production resources" }, findings, {
    PASS: production > 0 ? "Every production table, KMS key and bucket is protected; the others are destroyable by design." : "No table is declared production: stateful resources are destroyable by design.",
    WARN: "Everything production is protected, but some tables lack AWS deletion protection.",
    FAIL: `${count(unprotected.length, "production resource")} can be destroyed by one command.`,
  }, fixes.join("; "));
}

/** Step 7: a dedicated lock table, and the one each state backend points at exists. */
export function checkLockTable(input: ChecklistInput): CheckItem {
  const tables = tablesOf(input);
  const locks = tables.filter(isLockTable);
  const findings: Finding[] = locks.map((t) => ({ status: "PASS", text: `${tableName(t)}: LockID (S) key only, ${t.inputs.billingMode ?? "PAY_PER_REQUEST"}` }));
  for (const t of tables.filter((x) => x.inputs.hashKey === "LockID" && !isLockTable(x))) {
    findings.push({ status: "WARN", text: `${tableName(t)}: has a LockID key but other keys or indexes too, so it is not dedicated to locking` });
  }
  for (const b of input.blueprints) {
    if (b.kind !== "TerraformStateBackend" || !b.legacyLockTable) continue;
    const wanted = b.lockTable.table.tableName;
    if (!locks.some((t) => tableName(t) === wanted)) findings.push({ status: "WARN", text: `state backend "${b.name}" names lock table ${wanted}, which this stack does not create` });
  }
  if (locks.length === 0) findings.push({ status: "WARN", text: "no dedicated lock table in this stack" });
  return itemFrom({ id: "lock-table", step: 7, title: "A dedicated DynamoDB table for Terraform state locking" }, findings, {
    PASS: `${locks.map(tableName).join(", ")} locks the Terraform state (Terraform >= 1.11 also locks in S3 with use_lockfile).`,
    WARN: "Terraform < 1.11 and OpenTofu < 1.10 cannot lock this state safely (newer Terraform can use use_lockfile).",
    FAIL: "",
  }, "add a TerraformStateBackend (it creates the lock table) or a StateLockTable, and point backend.tf's dynamodb_table at it");
}

const CAPACITY_METRICS = ["ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"];
const ERROR_METRICS = ["ReadThrottleEvents", "WriteThrottleEvents", "ThrottledRequests", "SystemErrors", "UserErrors"];

/** The DynamoDB metrics an alarm watches, directly or through metric-math queries. */
function watched(alarm: RecordedResource): { metric: string; table?: string; index?: string }[] {
  const metrics = [alarm.inputs, ...(alarm.inputs.metricQueries ?? []).map((q: any) => q.metric).filter(Boolean)];
  return metrics
    .filter((m: any) => m.metricName && (m.namespace ?? "AWS/DynamoDB") === "AWS/DynamoDB")
    .map((m: any) => ({ metric: String(m.metricName), table: m.dimensions?.TableName, index: m.dimensions?.GlobalSecondaryIndexName }));
}

/**
 * Step 8: CloudWatch alarms on consumed capacity and on throttles/errors for every data table (lock
 * tables see a few requests per terraform run and are exempt). Looks for metric alarm resources, so
 * it turns PASS by itself once alarms are added to the blueprints.
 */
/** "2 tables lack ...", "1 index lacks ...", "1 table and 2 indexes lack ..." */
function lacking(warned: Finding[]): string {
  const indexes = warned.filter((f) => / index .*: no alarm/.test(f.text)).length;
  const tables = warned.length - indexes;
  const parts = [...(tables ? [count(tables, "table")] : []), ...(indexes ? [`${indexes} ${indexes === 1 ? "index" : "indexes"}`] : [])];
  return `${parts.join(" and ")} ${warned.length === 1 ? "lacks" : "lack"} capacity or throttle alarms.`;
}

function indexAlarmFindings(table: string, indexes: string[], watching: { metric: string; index?: string }[]): Finding[] {
  return indexes.map((index): Finding => {
    const onIndex = watching.filter((m) => m.index === index);
    const missing = [
      ...(onIndex.some((m) => CAPACITY_METRICS.includes(m.metric)) ? [] : ["consumed capacity"]),
      ...(onIndex.some((m) => ERROR_METRICS.includes(m.metric)) ? [] : ["throttles"]),
    ];
    return missing.length === 0
      ? { status: "PASS", text: `${table} index ${index}: alarms on ${[...new Set(onIndex.map((m) => m.metric))].sort().join(", ")}` }
      : { status: "WARN", text: `${table} index ${index}: no alarm on ${missing.join(" or ")} (dimension GlobalSecondaryIndexName)` };
  });
}

export function checkMonitoring(input: ChecklistInput): CheckItem {
  const alarms = ofType(input.resources, TYPES.metricAlarm);
  const findings: Finding[] = [];
  const unmonitored: RecordedResource[] = [];
  for (const t of tablesOf(input)) {
    const name = tableName(t);
    if (isLockTable(t)) {
      findings.push({ status: "PASS", text: `${name}: lock table, a few requests per terraform run, not monitored by design` });
      continue;
    }
    const component = parentOf(input.resources, t);
    const watching = alarms.flatMap((a) => watched(a).filter((m) => m.table === name || (!m.table && component && a.parentUrn === component.urn)));
    // A GSI's metrics carry GlobalSecondaryIndexName: they count for that index, not for the table.
    const mine = watching.filter((m) => m.index === undefined);
    const missing = [
      ...(mine.some((m) => CAPACITY_METRICS.includes(m.metric)) ? [] : ["consumed capacity"]),
      ...(mine.some((m) => ERROR_METRICS.includes(m.metric)) ? [] : ["throttles/errors"]),
    ];
    if (missing.length > 0) unmonitored.push(t);
    findings.push(missing.length === 0
      ? { status: "PASS", text: `${name}: alarms on ${[...new Set(mine.map((m) => m.metric))].sort().join(", ")}` }
      : { status: "WARN", text: `${name}: no alarm on ${missing.join(" or ")}` });
    // Once a table is monitored, each GSI needs its own throttle and capacity alarms.
    if (watching.length > 0) findings.push(...indexAlarmFindings(name, (t.inputs.globalSecondaryIndexes ?? []).map((g: any) => String(g.name)), watching));
  }
  return itemFrom({ id: "monitoring", step: 8, title: "Monitoring of consumed capacity and throttles" }, findings, {
    PASS: "Every data table (and each of its GSIs) has alarms on consumed capacity and on throttles.",
    WARN: alarms.length === 0
      ? "No CloudWatch alarms in this stack: throttling or runaway capacity would go unnoticed."
      : lacking(findings.filter((f) => f.status === "WARN")),
    FAIL: "",
  }, fixOn(input, unmonitored, "monitoring: {}", "adds CloudWatch alarms on ConsumedRead/WriteCapacityUnits, Read/WriteThrottleEvents and SystemErrors with an SNS topic, per GSI too"));
}
