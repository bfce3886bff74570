/**
 * Planned resources for the optional features: CloudWatch alarms with their SNS topic (checklist
 * step 8), a Lambda consumer of the stream, and the table arguments for replicas.
 */
import { MonitoringSpec, TableSpec } from "./types";
import { AlarmFactory, planIndexAlarms } from "./monitoring/index-alarms";
import { PlannedResource, Value, ref, terraformName } from "./resources";
import { effectiveCap } from "./table-fields";

/** Days before a deleted key is gone (the maximum: time to notice and cancel). */
export const KMS_DELETION_WINDOW_DAYS = 30;

/** DynamoDB's default per-table on-demand throughput quota, the bound when no cap is set. */
export const ON_DEMAND_TABLE_QUOTA = 40_000;
/** SystemErrors is published per operation; an alarm may sum at most 10 metrics. */
const OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems"];
const NAMESPACE = "AWS/DynamoDB";
const plain = { protect: false, retainOnDelete: false, ignoreChanges: [] as string[] };

/** Table arguments for replicas (merged into the table's own arguments). */
export function featureTableArgs(spec: TableSpec<unknown>): Record<string, Value> {
  const args: Record<string, Value> = {};
  if (spec.replicas.length > 0) {
    args.replicas = spec.replicas.map((r) => {
      const replica: Record<string, Value> = { regionName: r.region };
      if (r.consistencyMode !== undefined) replica.consistencyMode = r.consistencyMode;
      if (r.kmsKeyArn !== undefined) replica.kmsKeyArn = r.kmsKeyArn as Value;
      replica.pointInTimeRecovery = r.pointInTimeRecovery;
      replica.deletionProtectionEnabled = r.deletionProtection;
      replica.propagateTags = r.propagateTags;
      return replica;
    });
  }
  if (spec.globalTableWitness) args.globalTableWitness = { regionName: spec.globalTableWitness.regionName };
  return args;
}

/**
 * The alarm topic's key policy: the account administers the key (so it never becomes unmanageable),
 * and CloudWatch may use it to publish alarm notifications to the encrypted topic (AWS knowledge
 * center: "Why didn't I receive an SNS notification for my CloudWatch alarm trigger?").
 */
export function alarmTopicKeyPolicy(): Value {
  return keyPolicy({
    Sid: "CloudWatchPublishesAlarms",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
  });
}

/** The account root, resolved at deploy time. */
export const ACCOUNT_ROOT: Value = { $concat: ["arn:", { $data: "partition" }, ":iam::", { $data: "accountId" }, ":root"] };

/** A key policy: the account administers the key (so it never becomes unmanageable), plus `use`. */
export function keyPolicy(use: Value): Value {
  return {
    $json: {
      Version: "2012-10-17",
      Statement: [{ Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "kms:*", Resource: "*" }, use],
    },
  };
}

/** One alarm of the table's monitoring: named after the table, notifying the topic. */
function alarmFactory(spec: TableSpec<unknown>, m: MonitoringSpec<unknown>, topicArn: Value): AlarmFactory {
  return (suffix, description, args) => ({
    type: "aws_cloudwatch_metric_alarm", name: `${spec.name}-${suffix}`, tfName: terraformName(`${spec.name}_${suffix}`), role: "alarm",
    args: {
      name: `${spec.tableName}-${suffix}`,
      alarmDescription: description,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: m.evaluationPeriods,
      treatMissingData: "notBreaching",
      ...args,
      alarmActions: [topicArn],
      okActions: [topicArn],
      tags: { ...spec.tags } as Value,
    },
    options: plain,
  });
}

export function planMonitoring(spec: TableSpec<unknown>, table: PlannedResource): PlannedResource[] {
  const m = spec.monitoring;
  if (!m) return [];
  const resources: PlannedResource[] = [];
  let topicArn: Value = m.alarmTopicArn as Value;
  if (m.alarmTopicArn === undefined) {
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed `alias/aws/sns` key (its
    // policy cannot grant cloudwatch.amazonaws.com), so the topic gets a customer-managed key that
    // does; kept like the table's key, since the topic cannot be read without it.
    const key: PlannedResource = {
      type: "aws_kms_key", name: `${spec.name}-alarms-key`, tfName: terraformName(`${spec.name}_alarms`), role: "alarmKey",
      args: {
        description: `Encryption key for the alarm topic of table ${spec.tableName}`,
        deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
        enableKeyRotation: true,
        policy: alarmTopicKeyPolicy(),
        tags: { ...spec.tags } as Value,
      },
      options: { protect: spec.lifecycle.protect, retainOnDelete: spec.lifecycle.retainOnDelete, ignoreChanges: [] },
    };
    const topic: PlannedResource = {
      type: "aws_sns_topic", name: `${spec.name}-alarms`, tfName: terraformName(spec.name), role: "alarmTopic",
      // Subscribe people or chat to it.
      args: { name: `${spec.tableName}-alarms`, kmsMasterKeyId: ref(key, "arn"), tags: { ...spec.tags } as Value },
      options: plain,
    };
    resources.push(key, topic);
    topicArn = ref(topic, "arn");
  }
  const tableName = ref(table, "name");
  const alarm = alarmFactory(spec, m, topicArn);
  const simple = (metricName: string, statistic: string, threshold: number, dimensions: Record<string, Value>) => ({
    metricName, namespace: NAMESPACE, statistic, period: m.periodSeconds, threshold, dimensions,
  });
  for (const kind of ["Read", "Write"] as const) {
    resources.push(alarm(`${kind.toLowerCase()}-throttles`, `${kind} requests to ${spec.tableName} are being throttled.`,
      simple(`${kind}ThrottleEvents`, "Sum", m.throttleThreshold, { TableName: tableName })));
  }
  resources.push(alarm("system-errors", `DynamoDB returned server errors (HTTP 500) for ${spec.tableName}.`, {
    threshold: m.systemErrorThreshold,
    metricQueries: [
      { id: "errors", expression: `SUM([${OPERATIONS.map((_, i) => `m${i}`).join(", ")}])`, label: "SystemErrors (all operations)", returnData: true },
      ...OPERATIONS.map((operation, i) => ({
        id: `m${i}`, returnData: false,
        metric: { metricName: "SystemErrors", namespace: NAMESPACE, period: m.periodSeconds, stat: "Sum", dimensions: { TableName: tableName, Operation: operation } },
      })),
    ],
  }));
  if (m.userErrors) {
    resources.push(alarm("user-errors", "Requests in this account and region were rejected as invalid (HTTP 400). Account-wide metric.",
      simple("UserErrors", "Sum", m.systemErrorThreshold, {})));
  }
  for (const kind of ["Read", "Write"] as const) {
    const provisioned = spec.billingMode === "PROVISIONED";
    const cap = effectiveCap(kind === "Read" ? spec.onDemandThroughput?.maxReadRequestUnits : spec.onDemandThroughput?.maxWriteRequestUnits);
    const limit = provisioned ? "provisioned" : String(cap ?? ON_DEMAND_TABLE_QUOTA);
    const queries: Value[] = [
      { id: "consumed", returnData: false, metric: { metricName: `Consumed${kind}CapacityUnits`, namespace: NAMESPACE, period: m.periodSeconds, stat: "Sum", dimensions: { TableName: tableName } } },
    ];
    if (provisioned) {
      queries.push({ id: "provisioned", returnData: false, metric: { metricName: `Provisioned${kind}CapacityUnits`, namespace: NAMESPACE, period: m.periodSeconds, stat: "Average", dimensions: { TableName: tableName } } });
    }
    queries.unshift({ id: "utilization", expression: `100 * (consumed / ${m.periodSeconds}) / ${provisioned ? "provisioned" : limit}`, label: `${kind} capacity used (%)`, returnData: true });
    resources.push(alarm(`${kind.toLowerCase()}-capacity`, `${spec.tableName} uses over ${m.consumedCapacityPercent}% of its ${provisioned ? "provisioned" : cap ? "on-demand cap of" : "default on-demand quota of"}${provisioned ? "" : ` ${limit}`} ${kind.toLowerCase()} capacity.`, {
      threshold: m.consumedCapacityPercent, metricQueries: queries,
    }));
  }
  resources.push(...planIndexAlarms(spec, m, tableName, alarm));
  for (const replica of spec.replicas) {
    resources.push(alarm(`replication-latency-${replica.region}`, `Replication from ${spec.tableName} to ${replica.region} lags.`,
      simple("ReplicationLatency", "Average", m.replicationLatencyMs, { TableName: tableName, ReceivingRegion: replica.region })));
  }
  return resources;
}

export function planStreamConsumer(spec: TableSpec<unknown>, table: PlannedResource): PlannedResource[] {
  const c = spec.streamConsumer;
  if (!c) return [];
  const args: Record<string, Value> = {
    eventSourceArn: ref(table, "streamArn"),
    functionName: c.functionArn as Value,
    batchSize: c.batchSize,
    startingPosition: c.startingPosition,
    maximumRetryAttempts: c.maximumRetryAttempts,
    bisectBatchOnFunctionError: c.bisectBatchOnFunctionError,
  };
  if (c.onFailureDestinationArn !== undefined) args.destinationConfig = { onFailure: { destinationArn: c.onFailureDestinationArn as Value } };
  // Lambda event filtering (model/stream-filters.ts): `filter_criteria { filter { pattern } }` in Terraform.
  if (c.filters && c.filters.length > 0) args.filterCriteria = { filters: c.filters.map((pattern) => ({ pattern })) };
  return [{ type: "aws_lambda_event_source_mapping", name: `${spec.name}-stream-consumer`, tfName: terraformName(spec.name), role: "streamConsumer", args,
    // An adopted mapping (importUuid): its UUID is the import id in both tools (provider docs, lambda_event_source_mapping "Import").
    options: { ...plain, ...(c.importUuid && spec.importFrom ? { importId: c.importUuid } : {}) } }];
}
