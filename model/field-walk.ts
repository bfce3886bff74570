/**
 * How the model and the renderers walk the field table (model/table-fields.ts): the checks, the
 * spec values, the Pulumi inputs, the bridge's block shapes, and the module layout's variable, body
 * item and call input of each entry, with the defaults that make a one-to-one entry need no code.
 */
import * as hcl from "../hcl";
import { TableArgs } from "./types";
import type { Value } from "./resources";
import { ProblemList } from "./errors";
import { CheckContext, FieldArg, Spec, TABLE_FIELDS, TableField, dynamicWhenSet } from "./table-fields";
import { checkRule, hclType, hclValidations, objectInput } from "./field-rules";

const v = (name: string) => hcl.ref(`var.${name}`);

export const FIELD_ARGS: readonly FieldArg[] = TABLE_FIELDS.map((f) => f.arg);
export const fieldOf = (arg: FieldArg): TableField => TABLE_FIELDS.find((f) => f.arg === arg)!;

/** Every field's own rule, then every cross-field rule. */
export function checkFields(problems: ProblemList, where: string, args: TableArgs<unknown>, context: CheckContext): void {
  for (const field of TABLE_FIELDS) checkRule(problems, `${where}.${field.arg}`, args[field.arg], field.rule);
  for (const field of TABLE_FIELDS) field.crossCheck?.(problems, where, args, context);
}

/** An object's defined members only (`{ a: undefined }` must not reach a renderer). */
const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/** The TableSpec values of every field. */
export function resolveFields(args: TableArgs<unknown>): Pick<Spec, FieldArg> {
  const out: Record<string, unknown> = {};
  for (const f of TABLE_FIELDS) {
    const given = args[f.arg];
    out[f.arg] = f.resolve ? f.resolve(args) : given !== undefined ? (typeof given === "object" ? defined(given) : given) : f.default;
  }
  return out as Pick<Spec, FieldArg>;
}

/** A field's Pulumi inputs. */
export function pulumiArgs(field: TableField, spec: Spec): Record<string, Value> {
  if (field.pulumi.args) return field.pulumi.args(spec);
  const value = spec[field.arg];
  if (value === undefined) return {};
  return { [field.pulumi.paths[0]]: (typeof value === "object" ? defined(value) : value) as Value };
}

/** Deep-merges `extra` into `into` (two fields may fill one block, e.g. point_in_time_recovery). */
export function mergeArgs(into: Record<string, Value>, extra: Record<string, Value>): void {
  for (const [key, value] of Object.entries(extra)) {
    const have = into[key];
    if (have && value && typeof have === "object" && typeof value === "object" && !Array.isArray(value)) Object.assign(have, value);
    else into[key] = value;
  }
}

/** Pulumi input -> Terraform single block, for every block a field declares. */
export const FIELD_BLOCKS: Record<string, string> = Object.assign({}, ...TABLE_FIELDS.map((f) => f.terraform.blocks ?? {}));

/** The module table body's items for a field. */
export function moduleBody(field: TableField): hcl.BodyItem[] {
  const value = v(field.terraform.variable);
  if (field.terraform.body) return field.terraform.body(value);
  const rule = field.rule;
  if (rule.kind === "object") {
    const block = field.terraform.paths[0];
    return [dynamicWhenSet(block, value, Object.values(rule.members).map((m) => hcl.attr(m.tf, hcl.traversal(block, "value", m.tf))))];
  }
  return [hcl.attr(field.terraform.paths[0], value)];
}

/** The module variable of a field: name, type, default and validations. */
export function moduleVariable(field: TableField): { name: string; type: hcl.Expr; description: string; default: hcl.Value; validations: [hcl.Expr, string][] } {
  const fallback = field.default ?? null;
  return {
    name: field.terraform.variable,
    type: hclType(field.rule),
    description: field.doc,
    default: fallback as hcl.Value,
    validations: field.terraform.validations ?? hclValidations(field.terraform.variable, field.rule, fallback === null),
  };
}

/** The module call's input for a field: plain data with Terraform names. */
export function moduleInput(field: TableField, spec: Spec): unknown {
  if (field.terraform.input) return field.terraform.input(spec);
  const value = spec[field.arg];
  return field.rule.kind === "object" ? objectInput(field.rule, value as object | undefined) : value;
}
