/**
 * The field table: every scalar argument of a table, declared once. An entry says what the argument
 * is (its rule and default), and how it reaches each renderer:
 *   - `pulumi`: the `aws.dynamodb.Table` inputs of the provider-neutral plan (model/plan-table.ts);
 *   - `terraform`: the `aws_dynamodb_table` arguments the flat layout gets from that plan through the
 *     bridge, and the module layout's variable (type and `validation` from the same rule), its use in
 *     the module's table body and the module call's input (terraform/module-inputs.ts, module.ts);
 *   - `local`: the DynamoDB CreateTable members for the emulator, or the "not emulated" line
 *     (local/create-table-input.ts).
 * A one-to-one argument needs nothing but its rule and names: the defaults below derive the rest.
 * Keys, indexes, replicas, encryption (it may create a key) and auto scaling are structural and keep
 * their own code. model/field-walk.ts walks the table for each renderer;
 * tests/model/table-fields.test.ts proves every entry reaches every renderer.
 */
import * as hcl from "../hcl";
import { BILLING_MODES, STREAM_VIEW_TYPES, TABLE_CLASSES, TableArgs, TableSpec } from "./types";
import type { Value } from "./resources";
import { ProblemList } from "./errors";
import { LIMITS, isPositiveInt } from "./rules";
import { TABLE_DEFAULTS } from "./defaults";
import { FieldRule, isNull, notNull } from "./field-rules";

/** The scalar arguments; each is a member of both TableOptions and TableSpec. */
export type FieldArg = "billingMode" | "readCapacity" | "writeCapacity" | "pointInTimeRecovery" | "recoveryPeriodInDays" |
  "deletionProtection" | "ttlAttribute" | "streamViewType" | "tableClass" | "onDemandThroughput" | "warmThroughput" | "tags";

export type Spec = TableSpec<unknown>;
/** Facts other checks derived that a field's cross-field rule needs: the type each key attribute has. */
export interface CheckContext { keyTypes: Map<string, { where: string; type: string }> }

export interface TableField {
  arg: FieldArg;
  /** The module variable's description. The TypeScript docs are on TableOptions (the component analyzer reads them there). */
  doc: string;
  /** The TableSpec value when the argument is omitted (and the module variable's default); none = unset. */
  default?: string | number | boolean | Record<string, never>;
  rule: FieldRule;
  /** Rules that involve other arguments, run after every field's own rule. */
  crossCheck?: (problems: ProblemList, where: string, args: TableArgs<unknown>, context: CheckContext) => void;
  /** The TableSpec value, when it is not simply the argument or its default. */
  resolve?: (args: TableArgs<unknown>) => unknown;
  pulumi: {
    /** `aws.dynamodb.Table` input paths this field sets (`ttl.attributeName`). */
    paths: string[];
    /** The inputs; default: the spec value at `paths[0]` (an object's defined members only). */
    args?: (spec: Spec) => Record<string, Value>;
  };
  terraform: {
    /** `aws_dynamodb_table` argument paths (`ttl.attribute_name`), as the provider schema names them. */
    paths: string[];
    /** Pulumi inputs that are single nested blocks in Terraform (bridge: camelCase object -> one block). */
    blocks?: Record<string, string>;
    /** The module variable. */
    variable: string;
    /** Replaces the rule's `validation` blocks (rules that read other variables). */
    validations?: [hcl.Expr, string][];
    /** The module table body's items for this field; default `paths[0] = var.<variable>`, or a dynamic block for an object. */
    body?: (value: hcl.Expr) => hcl.BodyItem[];
    /** The module call's input; default the spec value (an object with the members' Terraform names). */
    input?: (spec: Spec) => unknown;
  };
  /** CreateTable members the field sets, and/or what a local run cannot show. */
  local: { createTable?: { members: string[]; input: (spec: Spec) => Record<string, unknown> }; notEmulated?: (spec: Spec) => string | undefined };
}

const v = (name: string) => hcl.ref(`var.${name}`);
/** `dynamic "<name>"` over zero or one element: present exactly when `value` is not null. */
export const dynamicWhenSet = (name: string, value: hcl.Expr, content: hcl.BodyItem[]) =>
  hcl.block("dynamic", [name], [hcl.attr("for_each", hcl.cond(isNull(value), hcl.list(), hcl.list(value))), hcl.blank(), hcl.block("content", [], content)]);

function capacity(field: "readCapacity" | "writeCapacity"): TableField {
  const dimension = field === "readCapacity" ? "read" : "write";
  const variable = `${dimension}_capacity`;
  return {
    arg: field, doc: `${dimension === "read" ? "Read" : "Write"} capacity (PROVISIONED only).`,
    rule: { kind: "integer", min: 1, max: Number.MAX_SAFE_INTEGER, fix: `set ${field} to 1 or more` },
    // Cross-field: required with PROVISIONED unless auto scaling gives a minimum, refused otherwise.
    crossCheck: (problems, where, args) => checkCapacityField(problems, `${where}.`, args.billingMode === "PROVISIONED", args, field),
    resolve: (args) => args.billingMode === "PROVISIONED" ? args[field] ?? args.autoscaling?.[dimension]?.min : undefined,
    pulumi: { paths: [field] },
    terraform: {
      paths: [variable], variable,
      validations: [[
        hcl.cond(hcl.binary(v("billing_mode"), "==", "PROVISIONED"), hcl.and(notNull(v(variable)), hcl.binary(hcl.call("coalesce", v(variable), 0), ">=", 1)), isNull(v(variable))),
        `${variable}: required (>= 1) with PROVISIONED, not allowed with PAY_PER_REQUEST.`]],
    },
    local: {
      createTable: { members: ["ProvisionedThroughput"], input: (s) => s.billingMode === "PROVISIONED" ? { ProvisionedThroughput: throughput(s.tableName, s.readCapacity, s.writeCapacity) } : {} },
      notEmulated: (s) => s.billingMode === "PROVISIONED"
        ? `provisioned throughput (read ${s.readCapacity}, write ${s.writeCapacity}): recorded, never enforced (no throttling locally)` : undefined,
    },
  };
}

/** Capacity of the table or of a GSI (`where` ends with "."): the billing mode decides whether it is required or refused. */
export function checkCapacityField(problems: ProblemList, where: string, provisioned: boolean,
  item: { readCapacity?: unknown; writeCapacity?: unknown; autoscaling?: { read?: { min?: unknown }; write?: { min?: unknown } } }, field: "readCapacity" | "writeCapacity"): void {
  const value = item[field];
  const dimension = field === "readCapacity" ? "read" : "write";
  if (provisioned) {
    if (value === undefined && item.autoscaling?.[dimension]?.min === undefined) {
      problems.add(`${where}${field}`, value, "is required when billingMode is PROVISIONED",
        `set ${field} (>= 1) or autoscaling.${dimension}, or use billingMode "PAY_PER_REQUEST"`);
    } else if (value !== undefined && !isPositiveInt(value)) {
      problems.add(`${where}${field}`, value, "must be a whole number >= 1", `set ${field} to 1 or more`);
    }
  } else if (value !== undefined) {
    problems.add(`${where}${field}`, value, "is not allowed with billingMode PAY_PER_REQUEST", `remove ${field}, or set billingMode "PROVISIONED"`);
  }
}

export function throughput(what: string, read: number | undefined, write: number | undefined) {
  // resolveTableSpec guarantees both for PROVISIONED; a spec built by hand might not have them.
  if (read === undefined || write === undefined) throw new Error(`${what}: PROVISIONED billing needs read and write capacity`);
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

/**
 * Warm throughput of a table or a GSI. AWS: "DynamoDB warm throughput"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html): at least
 * 12,000 read and 4,000 write units per second, and it can only be increased.
 */
export const WARM_THROUGHPUT_RULE = { kind: "object", example: "{ readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 }", members: {
  readUnitsPerSecond: { kind: "integer", tf: "read_units_per_second", min: 12_000, max: 40_000_000, fix: "use at least 12000, AWS's minimum warm read throughput" },
  writeUnitsPerSecond: { kind: "integer", tf: "write_units_per_second", min: 4_000, max: 40_000_000, fix: "use at least 4000, AWS's minimum warm write throughput" },
} } as const satisfies FieldRule;

/**
 * On-demand caps of a table or a GSI (AWS API reference "OnDemandThroughput",
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_OnDemandThroughput.html:
 * MaxReadRequestUnits / MaxWriteRequestUnits at least 1, or -1 "to remove the maximum" that is set;
 * only with PAY_PER_REQUEST). Omitting a cap leaves a deployed one in place (the provider keeps the
 * computed value), so removing one is written as -1. The upper bound is loose: the table's
 * adjustable throughput quota is the real ceiling.
 */
export const NO_ON_DEMAND_CAP = -1;
export const ON_DEMAND_THROUGHPUT_RULE = { kind: "object", example: "{ maxReadRequestUnits: 1000 }", members: {
  maxReadRequestUnits: { kind: "integer", tf: "max_read_request_units", min: 1, max: 40_000_000, noLimit: NO_ON_DEMAND_CAP,
    fix: "use a cap of at least 1 request unit, or -1 to remove a cap" },
  maxWriteRequestUnits: { kind: "integer", tf: "max_write_request_units", min: 1, max: 40_000_000, noLimit: NO_ON_DEMAND_CAP,
    fix: "use a cap of at least 1 request unit, or -1 to remove a cap" },
} } as const satisfies FieldRule;
/** A cap that limits anything: undefined for "not set" and for -1 ("no limit"). */
export const effectiveCap = (cap: number | undefined) => (cap !== undefined && cap > 0 ? cap : undefined);

/** `readUnitsPerSecond` -> `ReadUnitsPerSecond`: the DynamoDB API spells the same members in PascalCase. */
const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);
/** An object rule's value as DynamoDB API members (undefined members kept out). */
export function apiMembers(value: object | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined).map(([k, x]) => [pascal(k), x]));
}

/**
 * Per-GSI blocks that reuse a table field's rule: the index member (Pulumi `globalSecondaryIndexes[].<arg>`),
 * the Terraform block inside `global_secondary_index`, the CreateTable member and the local line.
 * Every renderer walks this list; tests/components/gsi-blocks.test.ts covers each entry.
 */
export const GSI_BLOCKS = [
  { arg: "warmThroughput", tf: "warm_throughput", rule: WARM_THROUGHPUT_RULE, api: "WarmThroughput",
    notEmulated: "warm throughput: dynalite drops WarmThroughput (there is nothing to pre-warm locally)" },
  { arg: "onDemandThroughput", tf: "on_demand_throughput", rule: ON_DEMAND_THROUGHPUT_RULE, api: "OnDemandThroughput",
    notEmulated: "on-demand caps: dynalite drops OnDemandThroughput and never throttles" },
] as const;
export type GsiBlockArg = (typeof GSI_BLOCKS)[number]["arg"];

const pitrLine = (s: Spec) => s.pointInTimeRecovery
  ? `point-in-time recovery (${s.recoveryPeriodInDays} days): dynalite has no continuous backups` : undefined;

export const TABLE_FIELDS: readonly TableField[] = [
  {
    arg: "billingMode", doc: "PAY_PER_REQUEST (on-demand) or PROVISIONED.", default: TABLE_DEFAULTS.billingMode,
    rule: { kind: "choice", values: BILLING_MODES },
    pulumi: { paths: ["billingMode"] },
    terraform: { paths: ["billing_mode"], variable: "billing_mode" },
    local: { createTable: { members: ["BillingMode"], input: (s) => ({ BillingMode: s.billingMode }) } },
  },
  capacity("readCapacity"),
  capacity("writeCapacity"),
  {
    arg: "pointInTimeRecovery", doc: "Point-in-time recovery.", default: TABLE_DEFAULTS.pointInTimeRecovery,
    rule: { kind: "boolean", fix: "use true (recommended) or false" },
    pulumi: { paths: ["pointInTimeRecovery.enabled"], args: (s) => ({ pointInTimeRecovery: { enabled: s.pointInTimeRecovery } }) },
    terraform: {
      paths: ["point_in_time_recovery.enabled"], blocks: { pointInTimeRecovery: "point_in_time_recovery" }, variable: "point_in_time_recovery_enabled",
      body: (enabled) => [hcl.block("point_in_time_recovery", [], [
        hcl.attr("enabled", enabled),
        hcl.attr("recovery_period_in_days", hcl.cond(enabled, v("recovery_period_in_days"), hcl.nul())),
      ])],
    },
    local: { notEmulated: pitrLine },
  },
  {
    arg: "recoveryPeriodInDays", doc: `PITR window in days (1-${LIMITS.maxRecoveryDays}).`, default: TABLE_DEFAULTS.recoveryPeriodInDays,
    rule: { kind: "integer", min: 1, max: LIMITS.maxRecoveryDays, unit: "days", fix: `use ${TABLE_DEFAULTS.recoveryPeriodInDays}, the maximum and default` },
    crossCheck: (problems, where, args) => {
      if (args.recoveryPeriodInDays !== undefined && args.pointInTimeRecovery === false) {
        problems.add(`${where}.recoveryPeriodInDays`, args.recoveryPeriodInDays, "has no effect with pointInTimeRecovery false", "remove it, or enable pointInTimeRecovery");
      }
    },
    resolve: (args) => args.pointInTimeRecovery === false ? undefined : args.recoveryPeriodInDays ?? TABLE_DEFAULTS.recoveryPeriodInDays,
    pulumi: {
      paths: ["pointInTimeRecovery.recoveryPeriodInDays"],
      args: (s): Record<string, Value> => s.recoveryPeriodInDays === undefined ? {} : { pointInTimeRecovery: { recoveryPeriodInDays: s.recoveryPeriodInDays } },
    },
    // Rendered inside point_in_time_recovery by the entry above (null while PITR is off).
    terraform: { paths: ["point_in_time_recovery.recovery_period_in_days"], variable: "recovery_period_in_days", body: () => [] },
    local: { notEmulated: pitrLine },
  },
  {
    arg: "deletionProtection", doc: "AWS deletion protection.", default: TABLE_DEFAULTS.deletionProtection,
    rule: { kind: "boolean", fix: "use true for production tables" },
    pulumi: { paths: ["deletionProtectionEnabled"] },
    terraform: { paths: ["deletion_protection_enabled"], variable: "deletion_protection_enabled" },
    local: {
      createTable: { members: ["DeletionProtectionEnabled"], input: (s) => s.deletionProtection ? { DeletionProtectionEnabled: true } : {} },
      notEmulated: (s) => s.deletionProtection ? "deletion protection: dynalite drops it; DeleteTable (and local --recreate) succeed anyway" : undefined,
    },
  },
  {
    arg: "ttlAttribute", doc: "Number attribute holding the expiry in epoch seconds.",
    rule: { kind: "attributeName", fix: `name the Number attribute holding epoch seconds, e.g. "expiresAt"` },
    crossCheck: (problems, where, args, { keyTypes }) => {
      const key = typeof args.ttlAttribute === "string" ? keyTypes.get(args.ttlAttribute) : undefined;
      if (key && key.type !== "N") {
        problems.add(`${where}.ttlAttribute`, args.ttlAttribute, `is a key of type ${key.type}, but TTL needs a Number (epoch seconds)`,
          "use a separate Number attribute for expiry");
      }
    },
    pulumi: { paths: ["ttl.attributeName", "ttl.enabled"], args: (s): Record<string, Value> => s.ttlAttribute ? { ttl: { attributeName: s.ttlAttribute, enabled: true } } : {} },
    terraform: {
      paths: ["ttl.attribute_name", "ttl.enabled"], blocks: { ttl: "ttl" }, variable: "ttl_attribute",
      body: (name) => [dynamicWhenSet("ttl", name, [hcl.attr("attribute_name", hcl.traversal("ttl", "value")), hcl.attr("enabled", true)])],
    },
    local: { notEmulated: (s) => s.ttlAttribute ? `TTL on "${s.ttlAttribute}": dynalite has no UpdateTimeToLive; items never expire` : undefined },
  },
  {
    arg: "streamViewType", doc: "Enables the stream with this view type.",
    rule: { kind: "choice", values: STREAM_VIEW_TYPES },
    pulumi: { paths: ["streamEnabled", "streamViewType"], args: (s): Record<string, Value> => s.streamViewType ? { streamEnabled: true, streamViewType: s.streamViewType } : {} },
    terraform: {
      paths: ["stream_enabled", "stream_view_type"], variable: "stream_view_type",
      // null (unset) rather than false without a stream, exactly like the flat layout.
      body: (view) => [hcl.attr("stream_enabled", hcl.cond(isNull(view), hcl.nul(), true)), hcl.attr("stream_view_type", view)],
    },
    local: {
      createTable: { members: ["StreamSpecification"], input: (s) => s.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: s.streamViewType } } : {} },
      notEmulated: (s) => s.streamViewType ? `stream (${s.streamViewType}): dynalite has no DynamoDB Streams; StreamSpecification is dropped` : undefined,
    },
  },
  {
    arg: "tableClass", doc: "STANDARD or STANDARD_INFREQUENT_ACCESS.",
    rule: { kind: "choice", values: TABLE_CLASSES },
    pulumi: { paths: ["tableClass"] },
    terraform: { paths: ["table_class"], variable: "table_class" },
    local: {
      createTable: { members: ["TableClass"], input: (s) => s.tableClass ? { TableClass: s.tableClass } : {} },
      notEmulated: (s) => s.tableClass ? `table class ${s.tableClass}: dynalite drops TableClass (it changes pricing only)` : undefined,
    },
  },
  {
    arg: "onDemandThroughput", doc: "On-demand caps (PAY_PER_REQUEST only).",
    rule: ON_DEMAND_THROUGHPUT_RULE,
    crossCheck: (problems, where, args) => {
      if (args.onDemandThroughput !== undefined && args.billingMode === "PROVISIONED") {
        problems.add(`${where}.onDemandThroughput`, args.onDemandThroughput, "only applies to PAY_PER_REQUEST tables", "remove it, or use billingMode \"PAY_PER_REQUEST\"");
      }
    },
    pulumi: { paths: ["onDemandThroughput"] },
    terraform: { paths: ["on_demand_throughput"], blocks: { onDemandThroughput: "on_demand_throughput" }, variable: "on_demand_throughput" },
    local: {
      createTable: { members: ["OnDemandThroughput"], input: (s) => s.onDemandThroughput ? { OnDemandThroughput: {
        MaxReadRequestUnits: s.onDemandThroughput.maxReadRequestUnits, MaxWriteRequestUnits: s.onDemandThroughput.maxWriteRequestUnits } } : {} },
      notEmulated: (s) => s.onDemandThroughput ? "on-demand caps: dynalite drops OnDemandThroughput and never throttles" : undefined,
    },
  },
  {
    arg: "warmThroughput", doc: "Pre-warmed throughput in units per second (read >= 12000, write >= 4000; it can only be raised).",
    rule: WARM_THROUGHPUT_RULE,
    pulumi: { paths: ["warmThroughput"] },
    terraform: { paths: ["warm_throughput"], blocks: { warmThroughput: "warm_throughput" }, variable: "warm_throughput" },
    local: {
      createTable: { members: ["WarmThroughput"], input: (s) => s.warmThroughput ? { WarmThroughput: {
        ReadUnitsPerSecond: s.warmThroughput.readUnitsPerSecond, WriteUnitsPerSecond: s.warmThroughput.writeUnitsPerSecond } } : {} },
      notEmulated: (s) => s.warmThroughput ? "warm throughput: dynalite drops WarmThroughput (there is nothing to pre-warm locally)" : undefined,
    },
  },
  {
    arg: "tags", doc: "Tags for the table and its key.", default: {},
    rule: { kind: "tags" },
    resolve: (args) => ({ ...(args.tags ?? {}) }),
    pulumi: { paths: ["tags"], args: (s) => ({ tags: { ...s.tags } as Value }) },
    terraform: { paths: ["tags"], variable: "tags" },
    // Tags: dynalite drops them on CreateTable; deployLocal applies them with TagResource (emulated).
    // Values that are not plain strings (unresolved Pulumi outputs) are listed by notEmulated.
    local: { createTable: { members: ["Tags"], input: (s) => { const { tags } = plainStringTags(s.tags); return tags.length ? { Tags: tags } : {}; } } },
  },
];

/** Tags whose value is a plain string, sorted by key; the others (unresolved Pulumi outputs) are named. */
export function plainStringTags(tags: Record<string, unknown>): { tags: { Key: string; Value: string }[]; skipped: string[] } {
  const keys = Object.keys(tags).sort();
  return {
    tags: keys.filter((k) => typeof tags[k] === "string").map((k) => ({ Key: k, Value: tags[k] as string })),
    skipped: keys.filter((k) => typeof tags[k] !== "string"),
  };
}
