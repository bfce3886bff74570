/**
 * The Default column of docs/reference.md, taken from the code wherever the code has the value:
 *
 * 1. a component's preset, computed by the model's own builders (`OrdersTable` from `ordersTableArgs`,
 *    `StateLockTable` from `stateLockTableArgs`, `TerraformStateBackend` from `stateBackend` and
 *    `lockTableArgs`, `ProductionTable`'s fixed settings from `PRODUCTION_TABLE_FIXED`);
 * 2. `TABLE_DEFAULTS` (model/defaults.ts), the one home of the table defaults every renderer reads;
 * 3. a `@default` JSDoc tag on the member;
 * 4. otherwise the doc comment's own "Default ..." sentence, for values only the comment states.
 *
 * Where the code has a value and the doc comment states another, generation fails: the comment is wrong.
 */
import { TABLE_DEFAULTS } from "../../model/defaults";
import { PRODUCTION_TABLE_FIXED, ordersTableArgs, stateLockTableArgs } from "../../model/blueprints";
import { lockTableArgs, stateBackend } from "../../model/state-backend";
import type { MemberDoc, TypeDoc } from "./extract";

export interface DefaultValue {
  /** Markdown for the cell. */
  text: string;
  source: "preset" | "model" | "tag" | "comment";
  /** Set when the component fixes the value: why (it replaces the member's description). */
  fixed?: string;
  /** The member's comment states a different, general default, which this component's value replaces. */
  replaced?: boolean;
}

/** Placeholder for a value the user chooses, shown inside derived defaults (`orders-<environment>`). */
const ENVIRONMENT = "<environment>";

/** Top-level args whose value a component's builder fixes or derives. */
function presets(component: string): Record<string, { value: unknown; fixed?: string }> {
  const wrap = (values: object) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, value]) => [k, { value }]));
  switch (component) {
    case "OrdersTable":
      return wrap(ordersTableArgs({ environment: ENVIRONMENT }));
    case "StateLockTable":
      return wrap(stateLockTableArgs({}));
    case "ProductionTable":
      return Object.fromEntries(PRODUCTION_TABLE_FIXED.map(([field, value, why]) => [field, { value, fixed: why }]));
    case "TerraformStateBackend": {
      const backend = stateBackend("state", { bucketName: "example-state-bucket" });
      const lock = lockTableArgs({ bucketName: "example-state-bucket" });
      return wrap({
        stateKey: backend.stateKey, legacyLockTable: backend.legacyLockTable, lockTableName: lock.tableName,
        lockTableDeletionProtection: lock.deletionProtection, lockTableEncryption: backend.lockTable.table.encryption,
      });
    }
    default:
      return {};
  }
}

/**
 * Which part of TABLE_DEFAULTS an interface's members take their defaults from, by the model interface
 * it is or extends. Replica settings are not here on purpose: they default to the table's own value.
 */
const SCOPES: Record<string, object> = {
  TableOptions: TABLE_DEFAULTS, GlobalSecondaryIndexArgs: TABLE_DEFAULTS, LocalSecondaryIndexArgs: TABLE_DEFAULTS,
  AutoscalingArgs: TABLE_DEFAULTS, ScalingRange: TABLE_DEFAULTS, StateLockTableArgs: TABLE_DEFAULTS,
  MonitoringArgs: TABLE_DEFAULTS.monitoring, StreamConsumerArgs: TABLE_DEFAULTS.streamConsumer,
  ContributorInsightsArgs: TABLE_DEFAULTS.contributorInsights,
};

/** A value as a table cell: literals as code, a list of named things as their names. */
export function valueText(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && typeof v.name === "string")) {
    return value.map((v) => `\`${v.name}\``).join(", ");
  }
  return `\`${JSON.stringify(value).replace(/\|/g, "\\|")}\``;
}

/** A default written in a comment or tag: a bare literal as code, like the model's values; prose as it is. */
function literalText(text: string): string {
  if (/^(true|false|-?\d+)$/.test(text)) return `\`${text}\``;
  if (/^[A-Z][A-Z_]+$/.test(text)) return `\`"${text}"\``;
  return text.replace(/\|/g, "\\|");
}

/** A description without its "Default ..." sentence. */
export function withoutDefaultSentence(description: string): string {
  return description.replace(/(^|\. )defaults?(?: to)?:? +[^.;]+?(?:[.;]( |$)|$)/i, "$1").trim();
}

/** The "Default ..." sentence of a doc comment, if it has one ("Default 70.", "Defaults to the component name."). */
export function commentDefault(description: string): string | undefined {
  return /\bdefaults?(?: to)?:? +([^.;]+?)(?:[.;]( |$)|$)/i.exec(description)?.[1].trim();
}

/** True when a comment's stated default names the same value as the code's (`PAY_PER_REQUEST (on-demand)` ~ "PAY_PER_REQUEST"). */
export function commentAgrees(stated: string, value: unknown): boolean {
  const bare = stated.replace(/[`"]/g, "").toLowerCase();
  const want = (typeof value === "string" ? value : JSON.stringify(value)).toLowerCase();
  return bare === want || bare.startsWith(`${want} `) || bare.startsWith(`${want}:`) || bare.startsWith(`${want},`);
}

export class StaleCommentError extends Error {}

/** The Default cell of one member, or undefined when it has none. */
export function defaultOf(component: string | undefined, type: TypeDoc, member: MemberDoc): DefaultValue | undefined {
  if (!member.optional) return undefined; // a required argument has no default, whatever its comment mentions
  const preset = component !== undefined ? presets(component)[member.name] : undefined;
  if (preset) {
    // A component's own default replaces the general one its inherited comment states ("Defaults to the component name").
    const stated = commentDefault(member.description);
    const replaced = stated !== undefined && !commentAgrees(stated, preset.value);
    return { text: preset.fixed ? `${valueText(preset.value)}, fixed` : valueText(preset.value), source: "preset", fixed: preset.fixed, replaced };
  }
  const scope = type.lineage.map((name) => SCOPES[name]).find((s) => s !== undefined) as Record<string, unknown> | undefined;
  const stated = commentDefault(member.description);
  const modelValue = scope?.[member.name];
  if (modelValue !== undefined && (typeof modelValue !== "object" || modelValue === null)) {
    if (stated !== undefined && !commentAgrees(stated, modelValue)) {
      throw new StaleCommentError(`${type.name}.${member.name}: the doc comment says "Default ${stated}" but model/defaults.ts has ${JSON.stringify(modelValue)}; fix the comment`);
    }
    return { text: valueText(modelValue), source: "model" };
  }
  if (member.tags.default !== undefined) return { text: literalText(member.tags.default), source: "tag" };
  if (stated !== undefined) return { text: literalText(stated), source: "comment" };
  return undefined;
}
