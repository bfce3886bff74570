/**
 * A Terraform state file (format version 4, Terraform >= 0.12) -> one adoption per `aws_dynamodb_table`
 * instance, with its Application Auto Scaling targets and policies, its customer-managed KMS key, its
 * Contributor Insights, its Kinesis destination and the Lambda event source mapping on its stream.
 * Every other resource is listed as not understood, never dropped silently.
 *
 * State v4 layout (Terraform's internal/states/statefile/version4.go): `{ version: 4, terraform_version,
 * serial, lineage, outputs, resources: [{ module?, mode, type, name, provider, instances: [{ index_key?,
 * schema_version, attributes }] }] }`; attributes are the provider schema's, nested blocks as arrays.
 */
import { BlueprintValidationError, Problem } from "../../model/errors";
import type { AttributeType, EncryptionMode, GlobalSecondaryIndexArgs, KeyAttribute, LocalSecondaryIndexArgs, ProjectionType, StreamViewType, TableClass } from "../../model/types";
import { adoptScaling, ScalableTargetLike, ScalingPolicyLike } from "./scaling";
import { TableFacts, accountOfTableArn, componentName, declareTable, keepUnpassableKeyTags } from "./declare";
import { AdoptedKmsKey, Adoption, NotAdopted, known } from "./types";
import type { ContributorInsightsMode } from "../../model/insights/types";
import type { TimestampPrecision } from "../../model/kinesis/types";
import { arr, checkShape, kindOf, obj, Shape, str } from "./shape";
import { oneLine } from "./sanitise";
import { STATE_SHAPES } from "./tfstate-shape";
import { EventSourceMappingLike, adoptStreamConsumer, declareStreamConsumer } from "./stream-consumer";

/** A state v4 resource (Terraform internal/states/statefile/version4.go), as far as adopt reads it. */
const RESOURCE: Shape = obj({
  module: str(), mode: str(["managed", "data"]), type: str(), name: str(),
  instances: arr(obj({ index_key: { kind: "any" }, attributes: obj({}) }, ["attributes"])),
}, ["type", "name", "instances"]);

type Attrs = Record<string, any>;

export interface StateInstance {
  /** Terraform address, e.g. `module.db.aws_dynamodb_table.orders["eu"]`. */
  address: string;
  type: string;
  name: string;
  mode: string;
  attributes: Attrs;
}

export interface UnderstoodState {
  adoptions: Adoption[];
  /** Resources that are none of the above (or not attached to an adopted table). */
  notUnderstood: { address: string; why: string }[];
}

function fail(file: string, problems: Problem[]): never {
  throw new BlueprintValidationError(`dynamodb-blueprints adopt --from-tfstate ${file}`, problems);
}

/** Parse and check the envelope; a foreign or malformed file fails here, before anything else happens. */
export function parseStateFile(file: string, text: string): StateInstance[] {
  let state: any;
  try {
    state = JSON.parse(text);
  } catch {
    // Never the text, nor JSON.parse's message (which quotes it): a wrong file can hold secrets (class 5).
    fail(file, [{ where: file, value: `${text.length} characters`, message: "is not JSON, so not a Terraform state file (its contents are not shown)",
      fix: "pass the state file itself: `terraform state pull > terraform.tfstate`" }]);
  }
  if (typeof state !== "object" || state === null || Array.isArray(state) || !("version" in state) || !("lineage" in state || "terraform_version" in state)) {
    fail(file, [{ where: file, value: typeof state === "object" && state && !Array.isArray(state) ? `an object with ${Object.keys(state).length} members` : kindOf(state),
      message: "is not a Terraform state file (no version / terraform_version / lineage)",
      fix: "pass a Terraform state: `terraform state pull > terraform.tfstate`; a Pulumi or CloudFormation export is not one" }]);
  }
  if (state.version !== 4) {
    fail(file, [{ where: `${file} version`, value: typeof state.version === "number" ? String(state.version) : kindOf(state.version), message: "is not state format version 4",
      fix: "run `terraform state pull` with Terraform >= 0.12, which writes version 4" }]);
  }
  if (!Array.isArray(state.resources)) {
    fail(file, [{ where: `${file} resources`, value: kindOf(state.resources), message: "must be an array", fix: "pass an unmodified state file" }]);
  }
  const instances: StateInstance[] = [];
  for (const [i, r] of state.resources.entries()) {
    // Only the member's name and kind are shown, never its value: attributes can hold passwords (class 5).
    const problems = checkShape(r, RESOURCE, `resources[${i}]`);
    if (problems.length > 0) {
      fail(file, problems.map((p) => ({ where: `${file} ${oneLine(p.member, 200)}`, value: p.found, message: `is not a state v4 resource member (expected ${p.expected})`, fix: "pass an unmodified state file" })));
    }
    const base = `${r.module ? `${r.module}.` : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
    for (const inst of r.instances) {
      if (inst.index_key !== undefined && typeof inst.index_key !== "string" && typeof inst.index_key !== "number") {
        fail(file, [{ where: `${file} ${oneLine(base)} index_key`, value: kindOf(inst.index_key), message: "must be a string or a number", fix: "pass an unmodified state file" }]);
      }
      const key = inst.index_key === undefined ? "" : typeof inst.index_key === "number" ? `[${inst.index_key}]` : `[${JSON.stringify(inst.index_key)}]`;
      const suffix = inst.index_key === undefined ? "" : `-${String(inst.index_key)}`;
      instances.push({ address: oneLine(base + key), type: r.type, name: `${r.name}${suffix}`, mode: r.mode ?? "managed", attributes: inst.attributes ?? {} });
    }
  }
  return instances;
}

const first = (v: unknown): Attrs | undefined => (Array.isArray(v) && v.length > 0 ? v[0] : undefined);
const positive = (n: unknown) => (typeof n === "number" && n > 0 ? n : undefined);

/** A GSI's key attribute names: from `key_schema` blocks (provider >= 6.29.0, the only way to write a
 * multi-attribute key), else from the deprecated `hash_key` / `range_key`. */
function gsiKeys(g: Attrs): { hash: string[]; range: string[] } {
  const schema = Array.isArray(g.key_schema) && g.key_schema.length > 0 ? g.key_schema as Attrs[] : undefined;
  if (schema) {
    return { hash: schema.filter((k) => k.key_type === "HASH").map((k) => k.attribute_name), range: schema.filter((k) => k.key_type === "RANGE").map((k) => k.attribute_name) };
  }
  return { hash: g.hash_key ? [g.hash_key] : [], range: g.range_key ? [g.range_key] : [] };
}

/** On-demand caps that are set (the provider stores 0 or -1 for "no cap"). */
function caps(block: Attrs | undefined): { maxReadRequestUnits?: number; maxWriteRequestUnits?: number } | undefined {
  const read = positive(block?.max_read_request_units);
  const write = positive(block?.max_write_request_units);
  return read || write ? { ...(read ? { maxReadRequestUnits: read } : {}), ...(write ? { maxWriteRequestUnits: write } : {}) } : undefined;
}

function tableFacts(a: Attrs, keysByArn: Map<string, StateInstance>, targets: ScalableTargetLike[], policies: ScalingPolicyLike[]): TableFacts {
  const types = new Map<string, string>((a.attribute ?? []).map((x: Attrs) => [x.name, x.type]));
  const key = (name: string): KeyAttribute => ({ name, type: types.get(name) as AttributeType });
  const provisioned = a.billing_mode !== "PAY_PER_REQUEST";
  const gsis: GlobalSecondaryIndexArgs[] = (a.global_secondary_index ?? []).map((g: Attrs) => {
    const k = gsiKeys(g);
    const projectionType = (g.projection_type || "ALL") as ProjectionType;
    const multi = k.hash.length > 1 || k.range.length > 1;
    const gsiCaps = provisioned ? undefined : caps(first(g.on_demand_throughput));
    return {
      name: g.name,
      ...(multi ? { partitionKeys: k.hash.map(key), ...(k.range.length ? { sortKeys: k.range.map(key) } : {}) }
        : { partitionKey: key(k.hash[0]), ...(k.range[0] ? { sortKey: key(k.range[0]) } : {}) }),
      projectionType,
      ...(projectionType === "INCLUDE" ? { nonKeyAttributes: [...(g.non_key_attributes ?? [])] } : {}),
      ...(provisioned ? { readCapacity: g.read_capacity, writeCapacity: g.write_capacity } : {}),
      ...(gsiCaps ? { onDemandThroughput: gsiCaps } : {}),
    };
  });
  const lsis: LocalSecondaryIndexArgs[] = (a.local_secondary_index ?? []).map((l: Attrs) => ({
    name: l.name, sortKey: key(l.range_key), projectionType: (l.projection_type ?? "ALL") as ProjectionType,
    ...(l.projection_type === "INCLUDE" ? { nonKeyAttributes: [...(l.non_key_attributes ?? [])] } : {}),
  }));
  const pitr = first(a.point_in_time_recovery);
  const sse = first(a.server_side_encryption);
  const ttl = first(a.ttl);
  const odt = first(a.on_demand_throughput);
  let encryption: { mode: EncryptionMode; kmsKeyArn?: string } = { mode: "AWS_OWNED" };
  if (sse?.enabled) {
    // No ARN in the configuration means the AWS-managed key, and the provider then stores that key's
    // ARN (computed): an ARN of a key this state does not manage may be the AWS-managed key or a key
    // managed elsewhere. Naming the ARN is exact for both (no diff); adoptState lists the doubt.
    const arn = typeof sse.kms_key_arn === "string" && sse.kms_key_arn !== "" ? sse.kms_key_arn : undefined;
    encryption = arn ? { mode: "CUSTOMER_MANAGED", kmsKeyArn: arn } : { mode: "AWS_MANAGED" };
  }
  const onDemand = provisioned ? undefined : caps(odt);
  const replicas: Attrs[] = a.replica ?? [];
  const witness = first(a.global_table_witness)?.region_name;
  return {
    tableName: a.name,
    partitionKey: key(a.hash_key),
    ...(a.range_key ? { sortKey: key(a.range_key) } : {}),
    billingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
    ...(provisioned ? { readCapacity: a.read_capacity, writeCapacity: a.write_capacity } : {}),
    globalSecondaryIndexes: gsis,
    localSecondaryIndexes: lsis,
    pointInTimeRecovery: known(pitr?.enabled ? { enabled: true, recoveryPeriodInDays: positive(pitr.recovery_period_in_days) } : { enabled: false }),
    deletionProtection: known(a.deletion_protection_enabled === true),
    encryption,
    ttlAttribute: known(ttl?.enabled && ttl.attribute_name ? ttl.attribute_name as string : undefined),
    ...(a.stream_enabled ? { streamViewType: a.stream_view_type as StreamViewType } : {}),
    // STANDARD is the provider's default (and DynamoDB's): declaring it or not makes no diff.
    ...(a.table_class && a.table_class !== "STANDARD" ? { tableClass: a.table_class as TableClass } : {}),
    tags: known({ ...(a.tags ?? {}) }),
    ...(onDemand ? { onDemandThroughput: onDemand } : {}),
    replicas: replicas.map((r: Attrs) => ({
      region: r.region_name, ...(r.consistency_mode === "STRONG" ? { consistencyMode: "STRONG" as const, importExisting: true } : {}), ...(r.kms_key_arn ? { kmsKeyArn: r.kms_key_arn } : {}),
      pointInTimeRecovery: r.point_in_time_recovery === true, deletionProtection: r.deletion_protection_enabled === true, propagateTags: r.propagate_tags === true,
    })),
    // Provider 6 stores the table's Region (`region`); the model carries it to every child.
    ...(typeof a.region === "string" && a.region !== "" ? { region: a.region } : {}),
    ...(witness ? { globalTableWitness: { regionName: witness } } : {}),
    scaling: known(adoptScaling(a.name, targets, policies)),
  };
}

const toTarget = (a: Attrs): ScalableTargetLike => ({
  ServiceNamespace: a.service_namespace, ResourceId: a.resource_id, ScalableDimension: a.scalable_dimension,
  MinCapacity: a.min_capacity, MaxCapacity: a.max_capacity,
});

function toPolicy(a: Attrs): ScalingPolicyLike {
  const t = first(a.target_tracking_scaling_policy_configuration);
  const metric = first(t?.predefined_metric_specification);
  return {
    PolicyName: a.name, ServiceNamespace: a.service_namespace, ResourceId: a.resource_id, ScalableDimension: a.scalable_dimension,
    PolicyType: a.policy_type,
    ...(t ? { TargetTrackingScalingPolicyConfiguration: {
      TargetValue: t.target_value, ScaleInCooldown: t.scale_in_cooldown, ScaleOutCooldown: t.scale_out_cooldown, DisableScaleIn: t.disable_scale_in,
      ...(metric ? { PredefinedMetricSpecification: { PredefinedMetricType: metric.predefined_metric_type, ...(metric.resource_label ? { ResourceLabel: metric.resource_label } : {}) } } : {}),
      ...(first(t.customized_metric_specification) ? { CustomizedMetricSpecification: first(t.customized_metric_specification) } : {}),
    } } : {}),
  };
}


/** The table's `aws_dynamodb_contributor_insights` (no index_name) and its indexes' as one
 * `contributorInsights`; imported by the provider's id, whose account is the table ARN's. */
function stateInsights(tableName: string, arn: unknown, all: StateInstance[], used: Set<StateInstance>, notAdopted: NotAdopted[]): Pick<TableFacts, "contributorInsights"> {
  const mine = all.filter((i) => i.attributes.table_name === tableName);
  if (mine.length === 0) return {};
  const table = mine.find((i) => !i.attributes.index_name);
  const indexes = mine.filter((i) => i.attributes.index_name);
  const modes = new Set(mine.map((i) => i.attributes.mode || "ACCESSED_AND_THROTTLED_KEYS"));
  const account = accountOfTableArn(arn);
  const why = !table ? "the blueprint enables index insights only with the table's own" : modes.size > 1 ? "the table and its indexes use different modes, and the blueprint sets one"
    : !account ? "the table's arn names no account, which the import id needs" : undefined;
  if (why) {
    for (const i of mine) notAdopted.push({ what: i.address, why: `${why}; it stays as it is, unmanaged` });
    return {};
  }
  mine.forEach((i) => used.add(i));
  return { contributorInsights: { mode: [...modes][0] as ContributorInsightsMode, ...(indexes.length ? { indexes: indexes.map((i) => i.attributes.index_name as string) } : {}), importAccountId: account! } };
}

/** The table's one `aws_dynamodb_kinesis_streaming_destination` (AWS allows one active per table). */
function stateKinesis(tableName: string, all: StateInstance[], used: Set<StateInstance>, notAdopted: NotAdopted[]): Pick<TableFacts, "kinesisStreamingDestination"> {
  const mine = all.filter((i) => i.attributes.table_name === tableName);
  if (mine.length !== 1) {
    for (const i of mine) notAdopted.push({ what: i.address, why: "the blueprint expresses one destination; they stay as they are, unmanaged" });
    return {};
  }
  used.add(mine[0]);
  const a = mine[0].attributes;
  return { kinesisStreamingDestination: {
    streamArn: a.stream_arn, ...(a.approximate_creation_date_time_precision ? { approximateCreationDateTimePrecision: a.approximate_creation_date_time_precision as TimestampPrecision } : {}),
    importExisting: true,
  } };
}

/** An `aws_lambda_event_source_mapping` instance in the shape Lambda describes a mapping (stream-consumer.ts). */
function toMapping(a: Attrs): EventSourceMappingLike {
  const onFailure = first(first(a.destination_config)?.on_failure)?.destination_arn;
  const filters = (first(a.filter_criteria)?.filter ?? []) as Attrs[];
  const unset = (v: unknown) => (v === null || v === "" ? undefined : v);
  return {
    UUID: unset(a.uuid ?? a.id) as string | undefined, EventSourceArn: unset(a.event_source_arn) as string | undefined,
    FunctionArn: unset(a.function_arn ?? a.function_name) as string | undefined,
    BatchSize: unset(a.batch_size) as number | undefined, StartingPosition: unset(a.starting_position) as string | undefined,
    MaximumRetryAttempts: unset(a.maximum_retry_attempts) as number | undefined,
    BisectBatchOnFunctionError: unset(a.bisect_batch_on_function_error) as boolean | undefined,
    ...(onFailure ? { DestinationConfig: { OnFailure: { Destination: onFailure } } } : {}),
    ...(filters.length > 0 ? { FilterCriteria: { Filters: filters.map((f) => ({ Pattern: f.pattern ?? undefined })) } } : {}),
  };
}

/** The mappings on the table's stream (its `stream_arn`), adopted as its `streamConsumer` or listed. */
function stateConsumer(adoption: Adoption, table: Attrs, all: StateInstance[], used: Set<StateInstance>): void {
  const streamArn = table.stream_enabled === true && typeof table.stream_arn === "string" && table.stream_arn !== "" ? table.stream_arn : undefined;
  const mine = streamArn ? all.filter((i) => i.attributes.event_source_arn === streamArn) : [];
  if (mine.length === 0) return;
  declareStreamConsumer(adoption, adoptStreamConsumer(streamArn!, mine.map((i) => toMapping(i.attributes))));
  if ((adoption.declaration.args as { streamConsumer?: unknown }).streamConsumer) mine.forEach((i) => used.add(i));
}

/** `aws.kms.Key` arguments exactly as the key is, for an import with no diff. */
function kmsKey(instance: StateInstance): AdoptedKmsKey {
  const a = instance.attributes;
  const args: Record<string, unknown> = {};
  if (a.description !== undefined) args.description = a.description;
  if (typeof a.deletion_window_in_days === "number") args.deletionWindowInDays = a.deletion_window_in_days;
  args.enableKeyRotation = a.enable_key_rotation === true;
  if (typeof a.rotation_period_in_days === "number" && a.enable_key_rotation) args.rotationPeriodInDays = a.rotation_period_in_days;
  if (a.multi_region === true) args.multiRegion = true;
  if (typeof a.policy === "string" && a.policy !== "") args.policy = a.policy;
  if (a.tags && Object.keys(a.tags).length > 0) args.tags = { ...a.tags };
  return { name: componentName(instance.name), keyId: a.key_id ?? a.id, arn: a.arn, args };
}

export function adoptState(file: string, instances: StateInstance[]): UnderstoodState {
  const managed = instances.filter((i) => i.mode === "managed");
  const problems = managed.flatMap((i) => (STATE_SHAPES[i.type] ? checkShape(i.attributes, STATE_SHAPES[i.type], `${i.address}`) : []));
  if (problems.length > 0) {
    fail(file, problems.map((p) => ({ where: `${file} ${oneLine(p.member, 300)}`, value: p.found,
      message: `has the wrong type (expected ${p.expected}); adopt refuses it rather than guess`, fix: "pass an unmodified state file (terraform state pull)" })));
  }
  const tables = managed.filter((i) => i.type === "aws_dynamodb_table");
  if (tables.length === 0) {
    fail(file, [{ where: file, value: `${instances.length} resources`, message: "holds no aws_dynamodb_table",
      fix: "pass the state of the configuration that manages the tables (terraform state pull in that directory)" }]);
  }
  const keysByArn = new Map(managed.filter((i) => i.type === "aws_kms_key").map((k) => [k.attributes.arn as string, k]));
  const targets = managed.filter((i) => i.type === "aws_appautoscaling_target");
  const policies = managed.filter((i) => i.type === "aws_appautoscaling_policy");
  const insights = managed.filter((i) => i.type === "aws_dynamodb_contributor_insights");
  const kinesis = managed.filter((i) => i.type === "aws_dynamodb_kinesis_streaming_destination");
  const mappings = managed.filter((i) => i.type === "aws_lambda_event_source_mapping");
  const used = new Set<StateInstance>();
  const adoptions = tables.map((t) => {
    used.add(t);
    const base = tableFacts(t.attributes, keysByArn, targets.map((x) => toTarget(x.attributes)), policies.map((x) => toPolicy(x.attributes)));
    const extra: NotAdopted[] = [];
    const facts = { ...base, ...stateInsights(base.tableName, t.attributes.arn, insights, used, extra), ...stateKinesis(base.tableName, kinesis, used, extra) };
    const adoption = declareTable(facts, componentName(t.name), `${file} ${t.address}`);
    adoption.notAdopted.push(...extra);
    const notAdoptedNames = new Set(adoption.notAdopted.map((n) => n.what));
    for (const x of [...targets, ...policies]) {
      const a = x.attributes;
      const mine = a.resource_id === `table/${facts.tableName}` || String(a.resource_id).startsWith(`table/${facts.tableName}/index/`);
      const listed = [...notAdoptedNames].some((w) => w.includes(`${a.resource_id} ${a.scalable_dimension}`) || (a.name && w.includes(`policy ${a.name}`)));
      if (mine && !listed) used.add(x);
    }
    const key = facts.encryption.kmsKeyArn ? keysByArn.get(facts.encryption.kmsKeyArn) : undefined;
    if (facts.encryption.kmsKeyArn && !key) {
      adoption.unknown.push({ setting: "encryption", reason: "the state names a KMS key it does not manage: the AWS-managed key (aws/dynamodb) or a key managed elsewhere",
        effect: "declared by the key's ARN, which imports with no diff either way; write encryption: \"AWS_MANAGED\" (no kmsKeyArn) if it is the AWS-managed key" });
    }
    if (key) {
      used.add(key);
      adoption.kmsKey = kmsKey(key);
      keepUnpassableKeyTags(adoption);
    }
    stateConsumer(adoption, t.attributes, mappings, used);
    if (t.attributes.tags_all && Object.keys(t.attributes.tags_all).length > Object.keys(t.attributes.tags ?? {}).length) {
      adoption.notAdopted.push({ what: "provider default_tags", why: "tags_all holds tags from the provider's default_tags; they stay on the table, declare them on the provider" });
    }
    return adoption;
  });
  const notUnderstood = instances.filter((i) => !used.has(i)).map((i) => ({
    address: i.address,
    why: i.mode === "data" ? "a data source: nothing to import"
      : ["aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_kms_key", "aws_lambda_event_source_mapping"].includes(i.type) ? "not attached to an adopted table in a shape the blueprint expresses"
      : "not a resource adopt maps to a blueprint; adopt or keep it separately",
  }));
  return { adoptions, notUnderstood };
}
