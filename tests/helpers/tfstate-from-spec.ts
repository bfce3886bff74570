/**
 * A Terraform state (format version 4) holding the resources a model spec's table is made of, each
 * instance written with EVERY attribute and block the provider schema declares for its type
 * (terraform/schema/aws-6.66.0.json): the values the provider would store for this table, `null` for an
 * unset attribute and `[]` for an absent block, as `terraform state pull` shows them. The attribute list
 * comes from the schema, not from a hand list, so a round trip through adopt meets every attribute a
 * real state has. A value for a name the schema lacks is a test bug and throws.
 */
import { PROVIDER_SCHEMA, SchemaBlock } from "../../terraform/provider-schema";
import type { TableSpec } from "../../model/types";
import { ACCOUNT, REGION, keyArnOf, mappingUuidOf, streamArnOf, tableArn } from "./aws-answers";

type Values = Record<string, unknown>;

function fill(block: SchemaBlock, values: Values, where: string): Values {
  for (const name of Object.keys(values)) {
    if (!block.attributes[name] && !block.blocks[name]) throw new Error(`${where}.${name} is not in the provider schema`);
  }
  const out: Values = {};
  for (const name of Object.keys(block.attributes)) out[name] = values[name] ?? null;
  for (const [name, nested] of Object.entries(block.blocks)) {
    out[name] = ((values[name] as Values[] | undefined) ?? []).map((v, i) => fill(nested.block, v, `${where}.${name}[${i}]`));
  }
  return out;
}

const instance = (type: string, values: Values) => ({ schema_version: 0, attributes: fill(PROVIDER_SCHEMA.resources[type], values, type), sensitive_attributes: [] });
const resource = (type: string, name: string, values: Values) =>
  ({ mode: "managed", type, name, provider: "provider[\"registry.terraform.io/hashicorp/aws\"]", instances: [instance(type, values)] });

function tableValues(t: TableSpec): Values {
  const provisioned = t.billingMode === "PROVISIONED";
  const keyArn = keyArnOf(t);
  const caps = (o: TableSpec["onDemandThroughput"]) => (o ? [{ max_read_request_units: o.maxReadRequestUnits ?? 0, max_write_request_units: o.maxWriteRequestUnits ?? 0 }] : []);
  const strong = t.replicas.some((r) => r.consistencyMode === "STRONG");
  return {
    id: t.tableName, name: t.tableName, arn: tableArn(t), region: REGION,
    hash_key: t.partitionKey.name, range_key: t.sortKey?.name ?? null,
    billing_mode: t.billingMode, read_capacity: provisioned ? t.readCapacity : 0, write_capacity: provisioned ? t.writeCapacity : 0,
    attribute: t.attributes.map((a) => ({ name: a.name, type: a.type })),
    global_secondary_index: t.globalSecondaryIndexes.map((g) => {
      const partition = g.partitionKeys ?? [g.partitionKey];
      const sort = g.sortKeys ?? (g.sortKey ? [g.sortKey] : []);
      return {
        name: g.name, projection_type: g.projectionType, non_key_attributes: g.projectionType === "INCLUDE" ? g.nonKeyAttributes : [],
        read_capacity: provisioned ? g.readCapacity : 0, write_capacity: provisioned ? g.writeCapacity : 0,
        key_schema: [...partition.map((k) => ({ attribute_name: k.name, key_type: "HASH" })), ...sort.map((k) => ({ attribute_name: k.name, key_type: "RANGE" }))],
        on_demand_throughput: caps(g.onDemandThroughput),
      };
    }),
    local_secondary_index: t.localSecondaryIndexes.map((l) => ({ name: l.name, range_key: l.sortKey.name, projection_type: l.projectionType,
      non_key_attributes: l.projectionType === "INCLUDE" ? l.nonKeyAttributes : [] })),
    point_in_time_recovery: [{ enabled: t.pointInTimeRecovery, recovery_period_in_days: t.pointInTimeRecovery ? (t.recoveryPeriodInDays ?? 35) : 0 }],
    server_side_encryption: keyArn ? [{ enabled: true, kms_key_arn: keyArn }] : [],
    ttl: [{ enabled: t.ttlAttribute !== undefined, attribute_name: t.ttlAttribute ?? "" }],
    stream_enabled: t.streamViewType !== undefined, stream_view_type: t.streamViewType ?? "", stream_arn: t.streamViewType ? streamArnOf(t) : "",
    stream_label: t.streamViewType ? "2026-01-01T00:00:00.000" : "",
    table_class: t.tableClass ?? "STANDARD", deletion_protection_enabled: t.deletionProtection,
    tags: { ...t.tags }, tags_all: { ...t.tags },
    on_demand_throughput: provisioned ? [] : caps(t.onDemandThroughput),
    replica: t.replicas.map((r) => ({ region_name: r.region, kms_key_arn: r.kmsKeyArn ?? null, point_in_time_recovery: r.pointInTimeRecovery,
      deletion_protection_enabled: r.deletionProtection, propagate_tags: r.propagateTags, consistency_mode: strong ? "STRONG" : "EVENTUAL" })),
    global_table_witness: t.globalTableWitness ? [{ region_name: t.globalTableWitness.regionName }] : [],
  };
}

/** The state of these tables: each table, its scaling targets and policies, its created key, insights and Kinesis destination. */
export function stateOf(tables: TableSpec[]): string {
  const resources: unknown[] = [];
  for (const t of tables) {
    const name = t.name.replace(/[^A-Za-z0-9_]/g, "_");
    resources.push(resource("aws_dynamodb_table", name, tableValues(t)));
    const owners: [string | undefined, TableSpec["scaling"]][] = [[undefined, t.scaling], ...t.globalSecondaryIndexes.map((g) => [g.name, g.scaling] as [string, TableSpec["scaling"]])];
    for (const [index, plans] of owners) {
      for (const p of plans) {
        const resourceId = `table/${t.tableName}${index ? `/index/${index}` : ""}`;
        const dim = `dynamodb:${index ? "index" : "table"}:${p.dimension === "read" ? "Read" : "Write"}CapacityUnits`;
        const rname = `${name}_${index ?? "table"}_${p.dimension}`;
        resources.push(resource("aws_appautoscaling_target", rname, { id: resourceId, service_namespace: "dynamodb", resource_id: resourceId, scalable_dimension: dim,
          min_capacity: p.min, max_capacity: p.max, region: REGION }));
        resources.push(resource("aws_appautoscaling_policy", rname, { id: rname, name: p.policyName ?? rname, policy_type: "TargetTrackingScaling", service_namespace: "dynamodb",
          resource_id: resourceId, scalable_dimension: dim, region: REGION,
          target_tracking_scaling_policy_configuration: [{ target_value: p.targetUtilization, scale_in_cooldown: p.scaleInCooldown, scale_out_cooldown: p.scaleOutCooldown,
            disable_scale_in: false, predefined_metric_specification: [{ predefined_metric_type: p.dimension === "read" ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization" }] }] }));
      }
    }
    if (t.createKmsKey) {
      const arn = keyArnOf(t)!;
      resources.push(resource("aws_kms_key", `${name}_key`, { arn, id: arn.split("/").pop(), key_id: arn.split("/").pop(), description: `key of ${t.tableName}`,
        deletion_window_in_days: 30, enable_key_rotation: true, rotation_period_in_days: 365, multi_region: false, policy: "{}", tags: {}, region: REGION }));
    }
    if (t.contributorInsights) {
      for (const index of [undefined, ...t.contributorInsights.indexes]) {
        resources.push(resource("aws_dynamodb_contributor_insights", `${name}_${index ?? "table"}`, {
          id: `name:${t.tableName}/index:${index ?? ""}/${ACCOUNT}`, table_name: t.tableName, index_name: index ?? null, mode: t.contributorInsights.mode, region: REGION }));
      }
    }
    if (t.kinesisStreamingDestination) {
      const k = t.kinesisStreamingDestination;
      resources.push(resource("aws_dynamodb_kinesis_streaming_destination", name, { id: `${t.tableName},${k.streamArn}`, table_name: t.tableName, stream_arn: k.streamArn,
        approximate_creation_date_time_precision: k.approximateCreationDateTimePrecision ?? "MILLISECOND", region: REGION }));
    }
    if (t.streamConsumer) {
      // The provider stores function_name as configured and function_arn as Lambda reads it back.
      const c = t.streamConsumer;
      const uuid = mappingUuidOf(t);
      resources.push(resource("aws_lambda_event_source_mapping", `${name}_consumer`, {
        id: uuid, uuid, arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${uuid}`, region: REGION, event_source_arn: streamArnOf(t),
        function_name: c.functionArn, function_arn: c.functionArn, enabled: true, state: "Enabled", batch_size: c.batchSize, starting_position: c.startingPosition,
        maximum_retry_attempts: c.maximumRetryAttempts, bisect_batch_on_function_error: c.bisectBatchOnFunctionError, parallelization_factor: 1,
        maximum_record_age_in_seconds: -1, maximum_batching_window_in_seconds: 0, tags: {}, tags_all: {},
        destination_config: c.onFailureDestinationArn ? [{ on_failure: [{ destination_arn: c.onFailureDestinationArn }] }] : [],
        filter_criteria: c.filters ? [{ filter: c.filters.map((pattern) => ({ pattern })) }] : [],
      }));
    }
  }
  return JSON.stringify({ version: 4, terraform_version: "1.9.8", serial: 1, lineage: "00000000-0000-4000-8000-000000000000", outputs: {}, resources });
}
