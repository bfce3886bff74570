/**
 * The module layout's interface: the `modules/dynamodb` input variables (types, defaults and the
 * model's validation rules as `validation` blocks) and how a TableSpec becomes a module call.
 */
import * as hcl from "../hcl";
import { TableSpec, ScalingPlan, CONSISTENCY_MODES, ATTRIBUTE_TYPES, PROJECTION_TYPES, ENCRYPTION_MODES, IMPORT_COMPRESSION_TYPES, IMPORT_INPUT_FORMATS } from "../model/types";
import { CREATION_SOURCE_ARGS, CREATION_SOURCE_KEYS } from "../model/creation-source";
import { LIMITS, NAME_CHARACTERS, REGION_PATTERN } from "../model/rules";
import { TABLE_DEFAULTS } from "../model/defaults";
import { GSI_BLOCKS, TABLE_FIELDS, WARM_THROUGHPUT_RULE } from "../model/table-fields";
import { moduleInput, moduleVariable } from "../model/field-walk";
import { IndexKeys, MAX_KEY_ATTRIBUTES, indexKeys } from "../model/index-keys";
import { between, hclType, isNull, notNull, objectCondition, objectInput, objectRuleText, oneOf, optional, orEmpty } from "../model/field-rules";
import { referencedVariables } from "./module-contents";

const v = (name: string) => hcl.ref(`var.${name}`);

interface Variable {
  name: string;
  type: hcl.Expr;
  description: string;
  default?: hcl.Value;
  validations?: [hcl.Expr, string][];
}

const t = (source: string) => hcl.raw(source);
const scalingType = hcl.call("object", hcl.obj({
  min_capacity: t("number"), max_capacity: t("number"), target_value: optional(t("number"), TABLE_DEFAULTS.targetUtilization),
  scale_in_cooldown: optional(t("number"), TABLE_DEFAULTS.scaleInCooldown), scale_out_cooldown: optional(t("number"), TABLE_DEFAULTS.scaleOutCooldown),
}));
const scalingChecks = (e: hcl.Expr) => hcl.cond(isNull(e), true, hcl.and(
  hcl.binary(hcl.traversal("x", "min_capacity"), ">=", 1),
  hcl.binary(hcl.traversal("x", "min_capacity"), "<=", hcl.traversal("x", "max_capacity")),
  between(hcl.traversal("x", "target_value"), LIMITS.minTargetUtilization, LIMITS.maxTargetUtilization),
));
const scalingValidation = (name: string): [hcl.Expr, string] => [
  hcl.call("alltrue", hcl.forList("x", hcl.list(v(name)), scalingChecks(hcl.traversal("x")))),
  `${name}: min_capacity must be >= 1 and <= max_capacity, target_value ${LIMITS.minTargetUtilization}-${LIMITS.maxTargetUtilization} (${TABLE_DEFAULTS.targetUtilization} is usual).`,
];

const restoring = hcl.or(notNull(v("restore_source_name")), notNull(v("restore_source_table_arn")), notNull(v("restore_backup_arn")));
const CREATION_VARIABLES: Variable[] = [
  { name: "import_table", default: null, description: "Creation only: fill the new table from S3 (not with a restore).",
    type: hcl.call("object", hcl.obj({
      bucket: t("string"), key_prefix: optional(t("string")), bucket_owner: optional(t("string")), input_format: t("string"),
      input_compression_type: optional(t("string")), csv_delimiter: optional(t("string")), csv_headers: optional(hcl.call("list", t("string"))),
    })),
    validations: [
      [hcl.call("alltrue", hcl.forList("x", hcl.list(v("import_table")), hcl.cond(isNull(hcl.traversal("x")), true, hcl.and(
        oneOf(IMPORT_INPUT_FORMATS, hcl.traversal("x", "input_format")),
        oneOf(IMPORT_COMPRESSION_TYPES, hcl.call("coalesce", hcl.traversal("x", "input_compression_type"), "NONE")))))),
      `import_table: input_format ${IMPORT_INPUT_FORMATS.join(", ")}; input_compression_type ${IMPORT_COMPRESSION_TYPES.join(", ")}.`],
      [hcl.or(isNull(v("import_table")), hcl.not(restoring)), "import_table: not with a restore (restore_source_name, restore_source_table_arn, restore_backup_arn)."],
    ] },
  { name: "restore_source_name", type: t("string"), default: null, description: "Creation only: point-in-time restore of this table (same account and region)." },
  { name: "restore_source_table_arn", type: t("string"), default: null, description: "Creation only: point-in-time restore of the table with this ARN." },
  { name: "restore_to_latest_time", type: t("bool"), default: null, description: "With a point-in-time restore: the latest restorable time." },
  { name: "restore_date_time", type: t("string"), default: null, description: "With a point-in-time restore: the UTC time to restore (RFC 3339).",
    validations: [[hcl.or(isNull(v("restore_date_time")), hcl.call("can", hcl.call("regex", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$", hcl.call("coalesce", v("restore_date_time"), "-")))),
      "restore_date_time: a UTC timestamp such as 2026-11-01T08:00:00Z."]] },
  { name: "restore_backup_arn", type: t("string"), default: null, description: "Creation only: restore this on-demand backup." },
  { name: "provider_arguments", type: t("any"), default: {}, description: "Escape hatch: further aws_dynamodb_table arguments by provider name (checked against the provider schema by the generator)." },
];

export const MODULE_VARIABLES: Variable[] = [
  { name: "name", type: t("string"), description: "Table name.", validations: [[
    hcl.and(between(hcl.call("length", v("name")), LIMITS.nameMin, LIMITS.nameMax), hcl.call("can", hcl.call("regex", `^[${NAME_CHARACTERS}]+$`, v("name")))),
    `name: use ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ - and .`]] },
  { name: "region", type: t("string"), default: null, description: "The table's Region (provider 6 per-resource region); null: the provider's. Its key, auto scaling and key policy follow it.",
    validations: [[hcl.or(isNull(v("region")), hcl.call("can", hcl.call("regex", REGION_PATTERN.source, hcl.call("coalesce", v("region"), "-")))), "region: an AWS Region name such as us-east-1."]] },
  { name: "hash_key", type: t("string"), description: "Partition key attribute (must appear in attributes)." },
  { name: "range_key", type: t("string"), default: null, description: "Sort key attribute, if any." },
  { name: "attributes", type: hcl.call("list", hcl.call("object", hcl.obj({ name: t("string"), type: t("string") }))),
    description: "Key attributes: exactly those used as a key by the table or an index.", validations: [[
      hcl.call("alltrue", hcl.forList("a", v("attributes"), oneOf(ATTRIBUTE_TYPES, hcl.traversal("a", "type")))), `attributes: type must be ${ATTRIBUTE_TYPES.join(", ")}.`]] },
  { name: "global_secondary_indexes", default: [], description: "Global secondary indexes.",
    type: hcl.call("list", hcl.call("object", hcl.obj({
      name: t("string"), hash_key: t("string"), range_key: optional(t("string")),
      // A multi-attribute key (model/index-keys.ts): the attributes after hash_key / range_key, in order.
      additional_hash_keys: optional(hcl.call("list", t("string"))), additional_range_keys: optional(hcl.call("list", t("string"))),
      projection_type: optional(t("string"), "ALL"),
      non_key_attributes: optional(hcl.call("list", t("string"))), read_capacity: optional(t("number")), write_capacity: optional(t("number")),
      ...Object.fromEntries(GSI_BLOCKS.map((b) => [b.tf, optional(hclType(b.rule))])),
    }))),
    validations: [
      [hcl.binary(hcl.call("length", v("global_secondary_indexes")), "<=", LIMITS.maxGsi), `global_secondary_indexes: at most ${LIMITS.maxGsi}.`],
      [hcl.call("alltrue", hcl.forList("i", v("global_secondary_indexes"), hcl.and(oneOf(PROJECTION_TYPES, hcl.traversal("i", "projection_type")),
        hcl.binary(hcl.binary(hcl.traversal("i", "projection_type"), "==", "INCLUDE"), "==", notNull(hcl.traversal("i", "non_key_attributes")))))),
      "global_secondary_indexes: projection_type ALL, KEYS_ONLY or INCLUDE; non_key_attributes exactly with INCLUDE."],
      [hcl.call("alltrue", hcl.forList("i", v("global_secondary_indexes"), hcl.and(
        hcl.binary(hcl.call("length", orEmpty(hcl.traversal("i", "additional_hash_keys"))), "<", MAX_KEY_ATTRIBUTES),
        hcl.binary(hcl.call("length", orEmpty(hcl.traversal("i", "additional_range_keys"))), "<", MAX_KEY_ATTRIBUTES),
        hcl.or(notNull(hcl.traversal("i", "range_key")), hcl.binary(hcl.call("length", orEmpty(hcl.traversal("i", "additional_range_keys"))), "==", 0))))),
      `global_secondary_indexes: at most ${MAX_KEY_ATTRIBUTES} partition and ${MAX_KEY_ATTRIBUTES} sort attributes per index; additional_range_keys need range_key.`],
      ...GSI_BLOCKS.map((b): [hcl.Expr, string] => [
        hcl.call("alltrue", hcl.forList("i", v("global_secondary_indexes"), hcl.call("alltrue", hcl.forList("x", hcl.list(hcl.traversal("i", b.tf)), objectCondition(b.rule, "x"))))),
        `global_secondary_indexes: ${b.tf} ${objectRuleText(b.rule)}.`]),
    ] },
  { name: "local_secondary_indexes", default: [], description: "Local secondary indexes (need range_key; creation-time only).",
    type: hcl.call("list", hcl.call("object", hcl.obj({
      name: t("string"), range_key: t("string"), projection_type: optional(t("string"), "ALL"), non_key_attributes: optional(hcl.call("list", t("string"))),
    }))),
    validations: [[hcl.binary(hcl.call("length", v("local_secondary_indexes")), "<=", LIMITS.maxLsi), `local_secondary_indexes: at most ${LIMITS.maxLsi}.`]] },
  { name: "encryption", type: t("string"), default: "AWS_OWNED", description: "AWS_OWNED, AWS_MANAGED or CUSTOMER_MANAGED (creates a rotating key unless kms_key_arn is set).",
    validations: [[oneOf(ENCRYPTION_MODES, v("encryption")), `encryption: use one of ${ENCRYPTION_MODES.join(", ")}.`]] },
  { name: "kms_key_arn", type: t("string"), default: null, description: "Existing customer-managed key (with encryption = CUSTOMER_MANAGED)." },
  { name: "replicas", default: [], description: "Global-table replicas (with eventual consistency the table needs stream_view_type NEW_AND_OLD_IMAGES).",
    type: hcl.call("list", hcl.call("object", hcl.obj({
      region_name: t("string"), consistency_mode: optional(t("string")), kms_key_arn: optional(t("string")), point_in_time_recovery: optional(t("bool"), true),
      deletion_protection_enabled: optional(t("bool"), TABLE_DEFAULTS.deletionProtection), propagate_tags: optional(t("bool"), true),
    }))),
    validations: [[hcl.binary(hcl.call("length", hcl.call("distinct", hcl.forList("r", v("replicas"), hcl.traversal("r", "region_name")))), "==", hcl.call("length", v("replicas"))),
      "replicas: list each region once."],
      [hcl.binary(hcl.call("length", hcl.call("distinct", hcl.forList("r", v("replicas"), hcl.call("coalesce", hcl.traversal("r", "consistency_mode"), "EVENTUAL")))), "<=", 1),
        "replicas: one consistency_mode (EVENTUAL or STRONG) for every replica."],
      [hcl.call("alltrue", hcl.forList("r", v("replicas"), oneOf(CONSISTENCY_MODES, hcl.call("coalesce", hcl.traversal("r", "consistency_mode"), "EVENTUAL")))),
        `replicas: consistency_mode ${CONSISTENCY_MODES.join(" or ")}.`]] },
  { name: "global_table_witness_region", type: t("string"), default: null, description: "Multi-Region strong consistency: the witness Region (with one STRONG replica).",
    validations: [[hcl.or(isNull(v("global_table_witness_region")), hcl.and(
      hcl.binary(hcl.call("length", v("replicas")), "==", 1),
      hcl.call("alltrue", hcl.forList("r", v("replicas"), hcl.binary(hcl.traversal("r", "consistency_mode"), "==", "STRONG"))))),
    "global_table_witness_region: only with exactly one replica whose consistency_mode is STRONG."]] },
  // Creation only (model/creation-source.ts); every table variant ignores later changes to them.
  ...CREATION_VARIABLES,
  // Every scalar argument, from the field table (type and validation from the same rule as the model's check).
  ...TABLE_FIELDS.map(moduleVariable),
  { name: "prevent_destroy", type: t("bool"), default: false, description: "Selects the resource variants with lifecycle prevent_destroy (a literal in Terraform)." },
  { name: "autoscaling_read", type: scalingType, default: null, description: "Table read auto scaling (PROVISIONED).", validations: [scalingValidation("autoscaling_read")] },
  { name: "autoscaling_write", type: scalingType, default: null, description: "Table write auto scaling (PROVISIONED).", validations: [scalingValidation("autoscaling_write")] },
  { name: "autoscaling_indexes", default: {}, description: "Per-GSI auto scaling, keyed by index name.",
    type: hcl.call("map", hcl.call("object", hcl.obj({ read: optional(scalingType), write: optional(scalingType) }))) },
];

/**
 * The `variable` blocks: all of them, or (a lean module, terraform/module-contents.ts) those in
 * `declared`, keeping only the validations that read declared variables (a rule about an argument the
 * module does not have cannot be broken).
 */
export function variableBlocks(declared?: ReadonlySet<string>): hcl.BodyItem[] {
  const readsDeclared = (condition: hcl.Expr) => !declared || [...referencedVariables(condition)].every((n) => declared.has(n));
  return MODULE_VARIABLES.filter((variable) => !declared || declared.has(variable.name)).map((variable) => {
    const body: hcl.BodyItem[] = [hcl.attr("description", variable.description), hcl.attr("type", variable.type)];
    if (variable.default !== undefined) body.push(hcl.attr("default", variable.default));
    for (const [condition, message] of (variable.validations ?? []).filter(([c]) => readsDeclared(c))) {
      body.push(hcl.blank(), hcl.block("validation", [], [hcl.attr("condition", condition), hcl.attr("error_message", message)]));
    }
    return hcl.block("variable", [variable.name], body);
  });
}

/** The names of the `variable` blocks in a variables.tf body. */
export const variableNames = (body: hcl.Body): string[] => body.flatMap((b) => (b.kind === "block" && b.type === "variable" ? [b.labels[0]] : []));

const scaling = (plan: ScalingPlan | undefined) => plan && {
  min_capacity: plan.min, max_capacity: plan.max, target_value: plan.targetUtilization,
  scale_in_cooldown: plan.scaleInCooldown, scale_out_cooldown: plan.scaleOutCooldown,
};

/** A multi-attribute key's attributes after the first of each kind; nothing for a single-attribute key. */
function additionalKeys(keys: IndexKeys): Record<string, string[] | undefined> {
  const rest = (list: { name: string }[]) => (list.length > 1 ? list.slice(1).map((k) => k.name) : undefined);
  return { additional_hash_keys: rest(keys.partition), additional_range_keys: rest(keys.sort) };
}

/** Module call inputs for a table: plain data, keyed by the module's variable names. */
export function moduleInputs(spec: TableSpec, kmsKeyArn?: string): Record<string, unknown> {
  const gsiScaling = Object.fromEntries(spec.globalSecondaryIndexes.filter((g) => g.scaling.length > 0).map((g) => [g.name, {
    read: scaling(g.scaling.find((s) => s.dimension === "read")),
    write: scaling(g.scaling.find((s) => s.dimension === "write")),
  }]));
  const inputs: Record<string, unknown> = {
    name: spec.tableName,
    region: spec.region,
    hash_key: spec.partitionKey.name,
    range_key: spec.sortKey?.name,
    attributes: spec.attributes.map((a) => ({ name: a.name, type: a.type })),
    global_secondary_indexes: spec.globalSecondaryIndexes.length ? spec.globalSecondaryIndexes.map((g) => ({
      name: g.name, hash_key: g.partitionKey.name, range_key: g.sortKey?.name, ...additionalKeys(indexKeys(g)), projection_type: g.projectionType,
      non_key_attributes: g.nonKeyAttributes.length ? g.nonKeyAttributes : undefined, read_capacity: g.readCapacity, write_capacity: g.writeCapacity,
      ...Object.fromEntries(GSI_BLOCKS.map((b) => [b.tf, objectInput(b.rule, g[b.arg])])),
    })) : undefined,
    local_secondary_indexes: spec.localSecondaryIndexes.length ? spec.localSecondaryIndexes.map((l) => ({
      name: l.name, range_key: l.sortKey.name, projection_type: l.projectionType, non_key_attributes: l.nonKeyAttributes.length ? l.nonKeyAttributes : undefined,
    })) : undefined,
    encryption: spec.encryption,
    kms_key_arn: kmsKeyArn,
    replicas: spec.replicas.length ? spec.replicas.map((r) => ({
      region_name: r.region, consistency_mode: r.consistencyMode, kms_key_arn: r.kmsKeyArn, point_in_time_recovery: r.pointInTimeRecovery,
      deletion_protection_enabled: r.deletionProtection, propagate_tags: r.propagateTags,
    })) : undefined,
    global_table_witness_region: spec.globalTableWitness?.regionName,
    prevent_destroy: spec.lifecycle.protect || undefined,
    autoscaling_read: scaling(spec.scaling.find((s) => s.dimension === "read")),
    autoscaling_write: scaling(spec.scaling.find((s) => s.dimension === "write")),
    autoscaling_indexes: Object.keys(gsiScaling).length ? gsiScaling : undefined,
  };
  for (const field of TABLE_FIELDS) inputs[field.terraform.variable] = moduleInput(field, spec);
  const i = spec.importTable;
  inputs.import_table = i && {
    bucket: i.bucket, key_prefix: i.keyPrefix, bucket_owner: i.bucketOwner, input_format: i.inputFormat,
    input_compression_type: i.inputCompressionType, csv_delimiter: i.csvDelimiter, csv_headers: i.csvHeaders,
  };
  for (const key of CREATION_SOURCE_KEYS) if (key !== "importTable") inputs[CREATION_SOURCE_ARGS[key]] = spec[key];
  inputs.provider_arguments = spec.providerArguments;
  return inputs;
}
