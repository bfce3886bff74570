/**
 * Checks a value read from outside (an API response, a state file) against the shape adopt expects,
 * before any of it is used: a member of the wrong type is refused by its path (`Table.KeySchema[0]
 * .KeyType`), never coerced, never read as "off". Messages name the member and the kind of value found
 * (`a string`, `null`), never the value itself: state attributes can hold passwords, and an endpoint's
 * text may carry terminal escapes (issue 22 classes 4 and 5).
 *
 * Members not listed are ignored (APIs and providers add members over time); listed members are
 * optional unless `required`. `nullable` members (Terraform state writes `null` for unset optional
 * attributes) accept null as "absent".
 */

export type Shape =
  | { kind: "string"; values?: readonly string[]; nullable?: boolean }
  | { kind: "number"; nullable?: boolean }
  | { kind: "boolean"; nullable?: boolean }
  | { kind: "array"; of: Shape; nullable?: boolean }
  | { kind: "map"; of: Shape; nullable?: boolean }
  | { kind: "object"; members: Record<string, Shape>; required?: readonly string[]; nullable?: boolean }
  | { kind: "any" };

export const str = (values?: readonly string[]): Shape => ({ kind: "string", ...(values ? { values } : {}) });
export const num: Shape = { kind: "number" };
export const bool: Shape = { kind: "boolean" };
export const any: Shape = { kind: "any" };
export const arr = (of: Shape): Shape => ({ kind: "array", of });
export const map = (of: Shape): Shape => ({ kind: "map", of });
export const obj = (members: Record<string, Shape>, required: readonly string[] = []): Shape => ({ kind: "object", members, required });
/** The same shape, also accepting null (Terraform state's "not set"). */
export const nullable = (s: Shape): Shape => (s.kind === "any" ? s : { ...s, nullable: true });

/** What kind of value `v` is, in words; never the value. */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "number") return Number.isFinite(v) ? "a number" : "a non-finite number";
  return typeof v === "string" ? "a string" : `a ${typeof v}`;
}

export interface ShapeProblem {
  /** Path of the member, e.g. `Table.KeySchema[0].KeyType`. */
  member: string;
  /** What was expected, in words. */
  expected: string;
  /** The kind of value found (see kindOf); never the value. */
  found: string;
}

function expectedText(s: Shape): string {
  switch (s.kind) {
    case "string": return s.values ? `one of ${s.values.join(", ")}` : "a string";
    case "number": return "a number";
    case "boolean": return "true or false";
    case "array": return "an array";
    case "map": return "an object of strings";
    case "object": return "an object";
    default: return "anything";
  }
}

const MAX_PROBLEMS = 20;
/** A lone UTF-16 surrogate: JSON can carry one (`"\ud800"`), but no file format adopt writes can (HCL needs UTF-8). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every mismatch of `value` against `shape` (at most 20), with member paths under `path`. */
export function checkShape(value: unknown, shape: Shape, path: string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const walk = (v: unknown, s: Shape, at: string): void => {
    if (problems.length >= MAX_PROBLEMS || s.kind === "any") return;
    if (v === null && s.nullable) return;
    const bad = () => problems.push({ member: at, expected: expectedText(s), found: kindOf(v) === "a string" && s.kind === "string" ? "another string" : kindOf(v) });
    switch (s.kind) {
      case "string":
        if (typeof v !== "string" || (s.values && !s.values.includes(v))) bad();
        else if (LONE_SURROGATE.test(v)) problems.push({ member: at, expected: "well-formed Unicode text", found: "a string with a lone surrogate" });
        return;
      case "number":
        if (typeof v !== "number" || !Number.isFinite(v)) bad();
        return;
      case "boolean":
        if (typeof v !== "boolean") bad();
        return;
      case "array":
        if (!Array.isArray(v)) return void bad();
        v.forEach((item, i) => walk(item, s.of, `${at}[${i}]`));
        return;
      case "map":
        if (typeof v !== "object" || v === null || Array.isArray(v)) return void bad();
        for (const [k, item] of Object.entries(v)) {
          if (LONE_SURROGATE.test(k)) problems.push({ member: `${at} (a key)`, expected: "well-formed Unicode keys", found: "a key with a lone surrogate" });
          walk(item, s.of, `${at}[${JSON.stringify(k)}]`);
        }
        return;
      case "object": {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return void bad();
        const o = v as Record<string, unknown>;
        for (const name of s.required ?? []) {
          if (!Object.hasOwn(o, name) || o[name] === undefined || o[name] === null) {
            problems.push({ member: `${at}.${name}`, expected: `${expectedText(s.members[name])} (required)`, found: Object.hasOwn(o, name) ? kindOf(o[name]) : "nothing" });
          }
        }
        for (const [name, member] of Object.entries(s.members)) {
          const required = (s.required ?? []).includes(name) && o[name] === null; // reported above
          if (Object.hasOwn(o, name) && o[name] !== undefined && !required) walk(o[name], member, `${at}.${name}`);
        }
      }
    }
  };
  walk(value, shape, path);
  return problems;
}
