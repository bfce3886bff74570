/**
 * Shared plumbing for the policies: unknown-aware property reads, production detection and message
 * formatting. Nothing here imports `@pulumi/aws`: the pack matches resources by type token, so it
 * checks any Pulumi program (TypeScript, Python, YAML...) without loading the 12 s AWS SDK.
 */
import * as policySdk from "@pulumi/policy";
import { PolicyConfigSchema, PolicyProviderResource } from "@pulumi/policy";

export const TABLE = "aws:dynamodb/table:Table";
export const GSI_RESOURCE = "aws:dynamodb/globalSecondaryIndex:GlobalSecondaryIndex";
export const SCALING_TARGET = "aws:appautoscaling/target:Target";
export const SCALING_POLICY = "aws:appautoscaling/policy:Policy";

/**
 * During `pulumi preview`, values computed from resources not yet created (a new KMS key's ARN, a
 * table name from auto-naming) are unknown. The policy SDK wraps props in a proxy that THROWS on
 * reading one, and turns that into an advisory "can't run during preview" that skips the whole
 * policy for the resource. `read` returns this marker instead, so each rule decides what unknown
 * means (usually: give the benefit of the doubt now; `pulumi up` re-runs the check with real values).
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | undefined | typeof UNKNOWN;

// `UnknownValueError` is exported at runtime, but 1.21's proxy.d.ts declares nothing, so it is
// looked up untyped; the name check covers a second copy of the SDK in node_modules.
const UnknownValueError = (policySdk as unknown as { UnknownValueError?: new (...args: never[]) => Error }).UnknownValueError;
export function isUnknownValueError(e: unknown): boolean {
  return (UnknownValueError !== undefined && e instanceof UnknownValueError) || (e instanceof Error && e.constructor.name === "UnknownValueError");
}

/** `obj.a.b[0]` without throwing: undefined when a step is missing, UNKNOWN when one is unknown. */
export function read(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: any = obj;
  try {
    for (const step of path) {
      if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
      cur = cur[step];
    }
    return cur;
  } catch (e) {
    if (isUnknownValueError(e)) return UNKNOWN;
    throw e;
  }
}

export const str = (v: unknown): Maybe<string> => (v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : undefined);
export const num = (v: unknown): Maybe<number> => (v === UNKNOWN ? UNKNOWN : typeof v === "number" ? v : undefined);
/** The elements of an array prop (each element still read through `read`). */
export function items(obj: unknown, ...path: (string | number)[]): Maybe<unknown[]> {
  const v = read(obj, ...path);
  if (v === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(v)) return undefined;
  const out: unknown[] = [];
  for (let i = 0; i < v.length; i++) out.push(read(v, i));
  return out;
}

/** How a value is shown in a message: JSON, or a note that the key is absent / unknown. */
export function show(v: unknown): string {
  if (v === UNKNOWN) return "unknown until deployment";
  if (v === undefined) return "not set";
  return JSON.stringify(v);
}

/** `aws:dynamodb/table:Table "orders" (orders-prod)`: the Pulumi name and, if known, the physical one. */
export function describe(type: string, name: string, props: unknown, nameProp = "name"): string {
  const physical = str(read(props, nameProp));
  return `${type} "${name}"${typeof physical === "string" && physical !== name ? ` (${physical})` : ""}`;
}

/** One violation message: which resource, which field, what it is, how to fix it. */
export function violation(resource: string, field: string, value: unknown, problem: string, fix: string): string {
  return `${resource}: ${field} is ${show(value)}: ${problem}. Fix: ${fix}.`;
}

// ---- configuration ------------------------------------------------------------------------------

export interface ProductionConfig {
  /** Tag key marking the environment; compared case-insensitively (Environment, environment, ENVIRONMENT). */
  productionTagKey: string;
  /** Values of that tag meaning production; compared case-insensitively. */
  productionTagValues: string[];
}
export type Scope = "all" | "production";
export interface ScopedConfig extends ProductionConfig {
  scope: Scope;
}

export const PRODUCTION_DEFAULTS: ProductionConfig = {
  productionTagKey: "Environment",
  productionTagValues: ["prod", "production", "prd"],
};

export const productionSchema: PolicyConfigSchema["properties"] = {
  productionTagKey: {
    type: "string", default: PRODUCTION_DEFAULTS.productionTagKey, minLength: 1,
    description: "Tag key that marks a table's environment (matched case-insensitively).",
  },
  productionTagValues: {
    type: "array", items: { type: "string" }, minItems: 1, default: PRODUCTION_DEFAULTS.productionTagValues,
    description: "Values of that tag that mean production (matched case-insensitively).",
  },
};
export function scopedSchema(defaultScope: Scope): PolicyConfigSchema {
  return {
    properties: {
      scope: { type: "string", enum: ["all", "production"], default: defaultScope, description: "Check every table, or only production-tagged ones." },
      ...productionSchema,
    },
  };
}

/**
 * The policy's config with defaults filled in. The engine applies schema defaults for configured
 * packs, but `getConfig()` returns `{}` when nothing is configured, so defaults live here too.
 */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
  return { ...defaults, ...args.getConfig<Partial<T>>() };
}

// ---- production detection -----------------------------------------------------------------------

export interface ProductionResult {
  /** e.g. `tags.Environment = "prod"`: the evidence, for messages. Undefined when not production. */
  evidence?: string;
  /** A matching tag key whose value is unknown during preview. */
  unknown: boolean;
}

/** Provider `defaultTags` reach the engine JSON-encoded (the AWS provider stringifies nested config). */
function providerDefaultTags(provider: PolicyProviderResource | undefined): unknown {
  const raw = read(provider?.props, "defaultTags");
  if (typeof raw !== "string") return read(raw, "tags");
  try {
    return (JSON.parse(raw) as { tags?: unknown })?.tags;
  } catch {
    return undefined;
  }
}

/**
 * Is the table tagged production? Looks at `tags` (inputs), `tagsAll` (outputs, which include the
 * provider's default tags) and the provider's `defaultTags`, since any of them can carry the tag.
 */
export function productionTag(props: unknown, provider: PolicyProviderResource | undefined, cfg: ProductionConfig): ProductionResult {
  const key = cfg.productionTagKey.toLowerCase();
  const values = new Set(cfg.productionTagValues.map((v) => v.trim().toLowerCase()));
  const sources: [string, unknown][] = [
    ["tags", read(props, "tags")], ["tagsAll", read(props, "tagsAll")], ["provider defaultTags", providerDefaultTags(provider)],
  ];
  let unknown = false;
  for (const [label, tags] of sources) {
    if (tags === UNKNOWN) {
      unknown = true;
      continue;
    }
    if (tags === null || typeof tags !== "object") continue;
    for (const k of Object.keys(tags)) {
      if (k.toLowerCase() !== key) continue;
      const v = read(tags, k);
      if (v === UNKNOWN) unknown = true;
      else if (typeof v === "string" && values.has(v.trim().toLowerCase())) return { evidence: `${label}.${k} = ${JSON.stringify(v)}`, unknown: false };
    }
  }
  return { unknown };
}

/** Whether a scoped rule applies, and the words that say why (for the message). */
export function inScope(scope: Scope, prod: ProductionResult): { applies: boolean; because: string } {
  if (prod.evidence) return { applies: true, because: `it is a production table (${prod.evidence})` };
  return { applies: scope === "all", because: "the policy's scope is all tables" };
}
