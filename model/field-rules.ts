/**
 * What a field-table rule means to each consumer: the check the model runs before anything is
 * registered, the Terraform variable `type`, and the module's `validation` block. One rule, three
 * renderings, so the model and the module cannot accept different values.
 */
import * as hcl from "../hcl";
import { ProblemList } from "./errors";
import { checkChoice, checkRange, checkTags, checkUnknownKeys } from "./rules";

export interface IntegerRule {
  kind: "integer"; min: number; max: number; fix: string; unit?: string;
  /** A value outside min-max that AWS accepts as "no limit" (on-demand caps: -1 removes a cap). */
  noLimit?: number;
}
/** A member of a single nested block (`warm_throughput { read_units_per_second }`). */
export interface MemberRule extends IntegerRule { /** The provider's (snake_case) member name. */ tf: string }
export type FieldRule =
  | { kind: "boolean"; fix: string }
  | { kind: "choice"; values: readonly string[] }
  | IntegerRule
  | { kind: "attributeName"; fix: string }
  | { kind: "tags" }
  /** A single nested block of optional whole-number members, keyed by their Pulumi (camelCase) names. */
  | { kind: "object"; members: Record<string, MemberRule>; example: string };

/** The model's check of one value against its rule (undefined = not given, always fine). */
export function checkRule(problems: ProblemList, where: string, value: unknown, rule: FieldRule): void {
  if (value === undefined) return;
  switch (rule.kind) {
    case "boolean":
      if (typeof value !== "boolean") problems.add(where, value, "must be true or false", rule.fix);
      return;
    case "choice":
      return checkChoice(problems, where, value, rule.values);
    case "integer":
      if (rule.noLimit !== undefined && value === rule.noLimit) return;
      return checkRange(problems, where, value, rule.min, rule.max, rule.fix, rule.unit);
    case "attributeName":
      if (typeof value !== "string" || value.length === 0 || value.length > 255) problems.add(where, value, "must be an attribute name", rule.fix);
      return;
    case "tags":
      return checkTags(problems, where, value);
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.add(where, value, "must be an object", `write ${rule.example}`);
        return;
      }
      checkUnknownKeys(problems, where, value, Object.keys(rule.members));
      for (const [name, member] of Object.entries(rule.members)) {
        checkRule(problems, `${where}.${name}`, (value as Record<string, unknown>)[name], member);
      }
    }
  }
}

const t = (source: string) => hcl.raw(source);
export const optional = (type: hcl.Expr, fallback?: hcl.Value) => fallback === undefined ? hcl.call("optional", type) : hcl.call("optional", type, fallback);
export const isNull = (e: hcl.Expr) => hcl.binary(e, "==", hcl.nul());
export const notNull = (e: hcl.Expr) => hcl.binary(e, "!=", hcl.nul());
/** A list that may be null (an optional object attribute without a default), as a list. */
export const orEmpty = (e: hcl.Expr) => hcl.cond(isNull(e), hcl.list(), e);
export const oneOf = (values: readonly string[], e: hcl.Expr) => hcl.call("contains", hcl.list(...values), e);
export const between = (e: hcl.Expr, lo: number, hi: number) => hcl.and(hcl.binary(e, ">=", lo), hcl.binary(e, "<=", hi));

type ObjectRule = Extract<FieldRule, { kind: "object" }>;

/** An object rule's condition on the value named `name` (null passes: every member is optional). */
export function objectCondition(rule: ObjectRule, name: string): hcl.Expr {
  const member = (m: MemberRule) => hcl.call("coalesce", hcl.traversal(name, m.tf), m.min);
  const inRange = (m: MemberRule) => m.noLimit === undefined ? between(member(m), m.min, m.max) : hcl.or(between(member(m), m.min, m.max), hcl.binary(member(m), "==", m.noLimit));
  return hcl.cond(isNull(hcl.traversal(name)), true, hcl.and(...Object.values(rule.members).map(inRange)));
}
export const objectRuleText = (rule: ObjectRule) => Object.values(rule.members)
  .map((m) => `${m.tf} ${m.min}-${m.max}${m.noLimit === undefined ? "" : ` or ${m.noLimit} (no limit)`}`).join(", ");

/** An object value with the members' Terraform names, undefined members dropped. */
export function objectInput(rule: ObjectRule, value: object | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(rule.members)
    .map(([name, m]) => [m.tf, (value as Record<string, unknown>)[name]] as const).filter(([, x]) => x !== undefined));
}

/** The Terraform variable type of a rule. */
export function hclType(rule: FieldRule): hcl.Expr {
  switch (rule.kind) {
    case "boolean": return t("bool");
    case "choice": case "attributeName": return t("string");
    case "integer": return t("number");
    case "tags": return hcl.call("map", t("string"));
    case "object":
      return hcl.call("object", hcl.obj(Object.fromEntries(Object.values(rule.members).map((m) => [m.tf, optional(t("number"))]))));
  }
}

/**
 * The module's `validation` blocks for a rule on `var.<variable>`. `nullable` variables (no default)
 * accept null; Terraform's `||` does not short-circuit, so nulls are replaced before comparing.
 */
export function hclValidations(variable: string, rule: FieldRule, nullable: boolean): [hcl.Expr, string][] {
  const v = hcl.ref(`var.${variable}`);
  switch (rule.kind) {
    case "choice":
      return [[nullable ? hcl.or(isNull(v), oneOf(rule.values, hcl.call("coalesce", v, "-"))) : oneOf(rule.values, v),
        `${variable}: use one of ${rule.values.join(", ")}.`]];
    case "integer":
      return [[nullable ? between(hcl.call("coalesce", v, rule.min), rule.min, rule.max) : between(v, rule.min, rule.max),
        `${variable}: ${rule.min}-${rule.max}.`]];
    case "object":
      return [[hcl.call("alltrue", hcl.forList("x", hcl.list(v), objectCondition(rule, "x"))), `${variable}: ${objectRuleText(rule)}.`]];
    default:
      return [];
  }
}
