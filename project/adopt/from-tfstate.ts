/**
 * A Terraform state file (format version 4, Terraform >= 0.12) -> one adoption per `aws_dynamodb_table`
 * instance, with its Application Auto Scaling targets and policies and its customer-managed KMS key.
 * Every other resource is listed as not understood, never dropped silently.
 *
 * State v4 layout (Terraform's internal/states/statefile/version4.go): `{ version: 4, terraform_version,
 * serial, lineage, outputs, resources: [{ module?, mode, type, name, provider, instances: [{ index_key?,
 * schema_version, attributes }] }] }`; attributes are the provider schema's, nested blocks as arrays.
 */
import { BlueprintValidationError, Problem } from "../../model/errors";
import type { AttributeType, EncryptionMode, GlobalSecondaryIndexArgs, KeyAttribute, LocalSecondaryIndexArgs, ProjectionType, StreamViewType, TableClass } from "../../model/types";
import { adoptScaling, ScalableTargetLike, ScalingPolicyLike } from "./scaling";
import { TableFacts, componentName, declareTable, keepUnpassableKeyTags } from "./declare";
import { AdoptedKmsKey, Adoption, known } from "./types";

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
  } catch (error) {
    fail(file, [{ where: file, value: JSON.stringify(text.slice(0, 40)), message: `is not JSON (${(error as Error).message})`,
      fix: "pass the state file itself: `terraform state pull > terraform.tfstate`" }]);
  }
  if (typeof state !== "object" || state === null || Array.isArray(state) || !("version" in state) || !("lineage" in state || "terraform_version" in state)) {
    fail(file, [{ where: file, value: Array.isArray(state) ? "an array" : typeof state === "object" && state ? `keys ${Object.keys(state).slice(0, 5).join(", ")}` : JSON.stringify(state),
      message: "is not a Terraform state file (no version / terraform_version / lineage)",
      fix: "pass a Terraform state: `terraform state pull > terraform.tfstate`; a Pulumi or CloudFormation export is not one" }]);
  }
  if (state.version !== 4) {
    fail(file, [{ where: `${file} version`, value: JSON.stringify(state.version), message: "is not state format version 4",
      fix: "run `terraform state pull` with Terraform >= 0.12, which writes version 4" }]);
  }
  if (!Array.isArray(state.resources)) {
    fail(file, [{ where: `${file} resources`, value: JSON.stringify(state.resources), message: "must be an array", fix: "pass an unmodified state file" }]);
  }
  const instances: StateInstance[] = [];
  for (const [i, r] of state.resources.entries()) {
    if (typeof r?.type !== "string" || typeof r?.name !== "string" || !Array.isArray(r?.instances)) {
      fail(file, [{ where: `${file} resources[${i}]`, value: JSON.stringify(r).slice(0, 80), message: "is not a state v4 resource (type, name, instances)", fix: "pass an unmodified state file" }]);
    }
    const base = `${r.module ? `${r.module}.` : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
    for (const inst of r.instances) {
      const key = inst.index_key === undefined ? "" : typeof inst.index_key === "number" ? `[${inst.index_key}]` : `[${JSON.stringify(inst.index_key)}]`;
      const suffix = inst.index_key === undefined ? "" : `-${String(inst.index_key)}`;
      instances.push({ address: base + key, type: r.type, name: `${r.name}${suffix}`, mode: r.mode ?? "managed", attributes: inst.attributes ?? {} });
    }
  }
  return instances;
}

const first = (v: unknown): Attrs | undefined => (Array.isArray(v) && v.length > 0 ? v[0] : undefined);
const positive = (n: unknown) => (typeof n === "number" && n > 0 ? n : undefined);

function gsiKeys(g: Attrs): { hash?: string; range?: string } {
  const schema = Array.isArray(g.key_schema) && g.key_schema.length > 0 ? g.key_schema as Attrs[] : undefined;
  if (schema) {
    return { hash: schema.find((k) => k.key_type === "HASH")?.attribute_name, range: schema.find((k) => k.key_type === "RANGE")?.attribute_name };
  }
  return { hash: g.hash_key || undefined, range: g.range_key || undefined };
}

function tableFacts(a: Attrs, keysByArn: Map<string, StateInstance>, targets: ScalableTargetLike[], policies: ScalingPolicyLike[]): TableFacts {
  const types = new Map<string, string>((a.attribute ?? []).map((x: Attrs) => [x.name, x.type]));
  const key = (name: string): KeyAttribute => ({ name, type: types.get(name) as AttributeType });
  const provisioned = a.billing_mode !== "PAY_PER_REQUEST";
  const gsis: GlobalSecondaryIndexArgs[] = (a.global_secondary_index ?? []).map((g: Attrs) => {
    const k = gsiKeys(g);
    const projectionType = (g.projection_type ?? "ALL") as ProjectionType;
    return {
      name: g.name, partitionKey: key(k.hash!), ...(k.range ? { sortKey: key(k.range) } : {}), projectionType,
      ...(projectionType === "INCLUDE" ? { nonKeyAttributes: [...(g.non_key_attributes ?? [])] } : {}),
      ...(provisioned ? { readCapacity: g.read_capacity, writeCapacity: g.write_capacity } : {}),
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
    // No ARN in the configuration means the AWS-managed key; the provider then stores that key's ARN
    // (computed), so only a key this state manages proves a customer-managed key.
    const arn = typeof sse.kms_key_arn === "string" && sse.kms_key_arn !== "" ? sse.kms_key_arn : undefined;
    encryption = arn && keysByArn.has(arn) ? { mode: "CUSTOMER_MANAGED", kmsKeyArn: arn } : arn ? { mode: "CUSTOMER_MANAGED", kmsKeyArn: arn } : { mode: "AWS_MANAGED" };
  }
  const onDemand = !provisioned && odt && (positive(odt.max_read_request_units) || positive(odt.max_write_request_units))
    ? { ...(positive(odt.max_read_request_units) ? { maxReadRequestUnits: odt.max_read_request_units } : {}),
      ...(positive(odt.max_write_request_units) ? { maxWriteRequestUnits: odt.max_write_request_units } : {}) }
    : undefined;
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
    replicas: (a.replica ?? []).map((r: Attrs) => ({
      region: r.region_name, ...(r.kms_key_arn ? { kmsKeyArn: r.kms_key_arn } : {}),
      pointInTimeRecovery: r.point_in_time_recovery === true, deletionProtection: r.deletion_protection_enabled === true, propagateTags: r.propagate_tags === true,
    })),
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
  const tables = managed.filter((i) => i.type === "aws_dynamodb_table");
  if (tables.length === 0) {
    fail(file, [{ where: file, value: `${instances.length} resources`, message: "holds no aws_dynamodb_table",
      fix: "pass the state of the configuration that manages the tables (terraform state pull in that directory)" }]);
  }
  const keysByArn = new Map(managed.filter((i) => i.type === "aws_kms_key").map((k) => [k.attributes.arn as string, k]));
  const targets = managed.filter((i) => i.type === "aws_appautoscaling_target");
  const policies = managed.filter((i) => i.type === "aws_appautoscaling_policy");
  const used = new Set<StateInstance>();
  const adoptions = tables.map((t) => {
    used.add(t);
    const facts = tableFacts(t.attributes, keysByArn, targets.map((x) => toTarget(x.attributes)), policies.map((x) => toPolicy(x.attributes)));
    const adoption = declareTable(facts, componentName(t.name), `${file} ${t.address}`);
    const notAdoptedNames = new Set(adoption.notAdopted.map((n) => n.what));
    for (const x of [...targets, ...policies]) {
      const a = x.attributes;
      const mine = a.resource_id === `table/${facts.tableName}` || String(a.resource_id).startsWith(`table/${facts.tableName}/index/`);
      const listed = [...notAdoptedNames].some((w) => w.includes(`${a.resource_id} ${a.scalable_dimension}`) || (a.name && w.includes(`policy ${a.name}`)));
      if (mine && !listed) used.add(x);
    }
    const key = facts.encryption.kmsKeyArn ? keysByArn.get(facts.encryption.kmsKeyArn) : undefined;
    if (key) {
      used.add(key);
      adoption.kmsKey = kmsKey(key);
      keepUnpassableKeyTags(adoption);
    }
    if (t.attributes.tags_all && Object.keys(t.attributes.tags_all).length > Object.keys(t.attributes.tags ?? {}).length) {
      adoption.notAdopted.push({ what: "provider default_tags", why: "tags_all holds tags from the provider's default_tags; they stay on the table, declare them on the provider" });
    }
    return adoption;
  });
  const notUnderstood = instances.filter((i) => !used.has(i)).map((i) => ({
    address: i.address,
    why: i.mode === "data" ? "a data source: nothing to import"
      : ["aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_kms_key"].includes(i.type) ? "not attached to an adopted table in a shape the blueprint expresses"
      : "not a resource adopt maps to a blueprint; adopt or keep it separately",
  }));
  return { adoptions, notUnderstood };
}
