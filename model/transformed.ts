/**
 * What a Pulumi transformation changed, in model terms (pure: no Pulumi import). The components
 * record, per planned child, the inputs they passed and the inputs Pulumi registers after every
 * `transformations` entry ran (components/transformations.ts). This file compares the two, maps the
 * table's changes back to the blueprint arguments they stand for (so both renderers draw them from
 * the one model, and every rule an argument meets applies to them), and checks that the re-planned
 * blueprint registers exactly what Pulumi registers. Whatever cannot be mapped becomes a problem that
 * `toTerraform` reports instead of writing HCL that differs from the deployment (docs/transformations.md).
 */
import { Problem, show } from "./errors";
import { PlannedResource, RESOURCE_TYPES, snakeCase } from "./resources";
import type { TableArgs } from "./types";
import { TABLE_FIELDS } from "./table-fields";
import { MODEL_OWNED_ARGUMENTS } from "./provider-arguments";

export type PathSegment = string | number;
export interface Difference { path: PathSegment[]; planned: unknown; registered: unknown }

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** `pointInTimeRecovery.enabled`, `globalSecondaryIndexes[0].readCapacity`. */
export const pathText = (path: PathSegment[]) => path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");

/**
 * Leaf differences between what was planned and what is registered. Plain objects and arrays are
 * compared member by member; anything else (numbers, strings, Pulumi Outputs, promises) by identity,
 * which is what a transformation that spreads `props` keeps. A key set to undefined equals a missing one.
 */
export function differences(planned: unknown, registered: unknown, path: PathSegment[] = [], out: Difference[] = []): Difference[] {
  if (planned === registered) return out;
  if (Array.isArray(planned) && Array.isArray(registered) && planned.length === registered.length) {
    planned.forEach((p, i) => differences(p, registered[i], [...path, i], out));
    return out;
  }
  if (isPlainObject(planned) && isPlainObject(registered)) {
    for (const key of new Set([...Object.keys(planned), ...Object.keys(registered)])) differences(planned[key], registered[key], [...path, key], out);
    return out;
  }
  out.push({ path, planned, registered });
  return out;
}

/**
 * A copy of the plain objects and arrays in `value` (anything else kept as it is). The SDK hands a
 * transformation `props` whose nested objects are the very ones the component passed to the resource
 * constructor (`@pulumi/aws` copies only the top level into `resourceInputs`), so a transformation that
 * edits `props.globalSecondaryIndexes[0]` in place would edit the recorded inputs too and hide its change.
 */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: plainCopy(value[key]), enumerable: true, writable: true, configurable: true });
  return out as T;
}

export function valueAt(value: unknown, path: PathSegment[]): unknown {
  let at = value;
  for (const segment of path) at = at === null || typeof at !== "object" ? undefined : (at as Record<PathSegment, unknown>)[segment];
  return at;
}

/** The resource options a transformation may change that the HCL expresses (lifecycle, import). */
export interface ObservedOptions { protect: boolean; retainOnDelete: boolean; ignoreChanges: string[]; importId?: string }

export const plannedOptions = (r: PlannedResource): ObservedOptions =>
  ({ protect: r.options.protect, retainOnDelete: r.options.retainOnDelete, ignoreChanges: [...r.options.ignoreChanges], importId: r.options.importId });

export interface Observed { planned: PlannedResource; args: Record<string, unknown>; props: Record<string, unknown>; options: ObservedOptions;
  /** Option names the transformation set that HCL cannot express (`provider`, `deleteBeforeReplace`, ...). */
  otherOptions: string[] }

/** The blueprint arguments a changed `aws.dynamodb.Table` input stands for, or undefined when none does. */
type Inverse = (props: Record<string, unknown>) => Partial<TableArgs<unknown>>;
const keyType = (props: Record<string, unknown>, name: unknown) =>
  (props.attributes as { name: unknown; type: string }[] | undefined)?.find((a) => a?.name === name)?.type;
const TABLE_INVERSES: Record<string, Inverse> = {
  name: (p) => ({ tableName: p.name as string }),
  // A key change replaces the table: as an argument it meets the validation and the schema lock.
  hashKey: (p) => ({ partitionKey: { name: p.hashKey as string, type: keyType(p, p.hashKey) as "S" } }),
  rangeKey: (p) => ({ sortKey: p.rangeKey === undefined ? undefined : { name: p.rangeKey as string, type: keyType(p, p.rangeKey) as "S" } }),
  tags: (p) => ({ tags: p.tags as Record<string, unknown> }),
  pointInTimeRecovery: (p) => {
    const pitr = p.pointInTimeRecovery as { enabled?: boolean; recoveryPeriodInDays?: number } | undefined;
    return { pointInTimeRecovery: pitr?.enabled ?? false, recoveryPeriodInDays: pitr?.recoveryPeriodInDays };
  },
  ttl: (p) => {
    const ttl = p.ttl as { enabled?: boolean; attributeName?: string } | undefined;
    return { ttlAttribute: ttl?.enabled ? ttl.attributeName : undefined };
  },
  streamEnabled: (p) => ({ streamViewType: p.streamEnabled ? p.streamViewType as "NEW_IMAGE" : undefined }),
  // One-to-one fields of the field table (model/table-fields.ts): the input is the argument.
  ...Object.fromEntries(TABLE_FIELDS.filter((f) => !f.pulumi.args && f.pulumi.paths.length === 1 && !f.pulumi.paths[0].includes("."))
    .map((f) => [f.pulumi.paths[0], (p: Record<string, unknown>) => ({ [f.arg]: p[f.pulumi.paths[0]] })])),
};
TABLE_INVERSES.streamViewType = TABLE_INVERSES.streamEnabled;
TABLE_INVERSES.attributes = (p) => ({ ...TABLE_INVERSES.hashKey(p), ...TABLE_INVERSES.rangeKey(p) });

export interface TableFold {
  /** Blueprint arguments to merge over the component's own. */
  changes: Partial<TableArgs<unknown>>;
  /** Changed inputs no blueprint argument stands for. */
  unmapped: Difference[];
}

/**
 * The table's changed inputs as blueprint arguments: a field of the field table, a key, the name, or a
 * provider argument the blueprint does not own (`openArguments`, Terraform names, plain values only).
 */
export function foldTableChanges(diffs: Difference[], props: Record<string, unknown>, providerArguments: Record<string, unknown> | undefined,
  openArguments: readonly string[], terraformName: (pulumiName: string) => string): TableFold {
  const changes: Partial<TableArgs<unknown>> = {};
  const unmapped: Difference[] = [];
  let extra: Record<string, unknown> | undefined;
  for (const d of diffs) {
    const top = String(d.path[0]);
    const inverse = TABLE_INVERSES[top];
    if (inverse) { Object.assign(changes, inverse(props)); continue; }
    const tf = terraformName(top);
    const value = props[top];
    if (openArguments.includes(tf) && !(tf in MODEL_OWNED_ARGUMENTS) && (value === undefined || ["string", "number", "boolean"].includes(typeof value))) {
      extra ??= { ...(providerArguments ?? {}) };
      if (value === undefined) delete extra[tf]; else extra[tf] = value;
    } else unmapped.push(d);
  }
  if (extra) changes.providerArguments = extra;
  return { changes, unmapped };
}

/**
 * Where the re-planned blueprint does not register what Pulumi registers: for each observed child,
 * every changed input must have the registered value in the new plan, the new plan may change nothing
 * else, and its lifecycle options must be the registered ones. Empty when the fold is exact.
 */
export function foldMismatches(observed: Observed[], replanned: PlannedResource[]): Difference[][] {
  return observed.map((o) => {
    const again = replanned.find((r) => r.name === o.planned.name && r.type === o.planned.type);
    const registered = differences(o.args, o.props);
    if (!again) return []; // reported as a whole resource by the caller
    const out = registered.filter((d) => differences(valueAt(again.args, d.path), d.registered).length > 0);
    const prefix = (a: PathSegment[], b: PathSegment[]) => a.every((s, i) => b[i] === s);
    const covered = (p: PathSegment[]) => registered.some((d) => prefix(d.path, p) || prefix(p, d.path));
    for (const m of differences(o.planned.args, again.args)) if (!covered(m.path)) out.push({ path: m.path, planned: m.planned, registered: valueAt(o.props, m.path) });
    const want = plannedOptions(again);
    for (const key of ["protect", "retainOnDelete", "ignoreChanges", "importId"] as const) {
      if (differences(want[key], o.options[key]).length > 0) out.push({ path: ["opts", key], planned: o.planned.options[key], registered: o.options[key] });
    }
    for (const key of o.otherOptions) out.push({ path: ["opts", key], planned: undefined, registered: "(set by a transformation)" });
    return out;
  });
}

/** The problem `toTerraform` reports for one argument it cannot render as registered. */
export function transformationProblem(component: string, r: PlannedResource, d: Difference, terraformName: (type: string, pulumiName: string) => string): Problem {
  const option = d.path[0] === "opts";
  const argument = option ? `resource option ${String(d.path[1])}` : `argument ${pathText(d.path)} (Terraform ${
    [terraformName(r.type, String(d.path[0])), ...d.path.slice(1).map((s) => (typeof s === "number" ? `[${s}]` : snakeCase(s)))].join(".").replace(/\.\[/g, "[")})`;
  // A Region moved by a transformation moves one resource away from those the blueprint keeps together
  // (the table, its key, alarms, scaling, consumer): only the table's `region` argument moves them all.
  const region = !option && d.path.length === 1 && d.path[0] === "region";
  return {
    where: `${component}: ${RESOURCE_TYPES[r.type].pulumiType} "${r.name}" (${r.type}.${r.tfName}) ${argument}`,
    value: show(d.registered),
    message: region
      ? `is ${show(d.planned)} in the blueprint's plan, but a Pulumi transformation moved this resource to another Region, away from the table and the resources that must share its Region, so the HCL would differ from the deployment`
      : `is ${show(d.planned)} in the blueprint's plan, but a Pulumi transformation changed what Pulumi registers, and no blueprint argument stands for this change, so the HCL would differ from the deployment`,
    fix: region ? "set the table's region argument (every Regional child follows it, in both tools) and remove the transformation"
      : "set it through the component's arguments (or providerArguments for a table argument the blueprint does not own), or remove the transformation before emitting Terraform",
  };
}
