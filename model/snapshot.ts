/**
 * Args are read once: `snapshotArgs` makes a deep, plain copy before anything is validated, and only
 * the copy is validated and rendered. A getter that returns a valid table name to the validator and
 * an invalid one later (or a caller mutating args after construction) cannot reach the plan or the HCL.
 *
 * Plain objects and arrays are copied (every own enumerable key, `__proto__` included, each value read
 * exactly once); Pulumi Outputs, Promises and other class instances are kept as they are (fields that
 * must be plain are checked by validation, which names them). A cycle is refused: nothing downstream
 * (Pulumi's serializer, the HCL emitter, error messages) can walk one. So is text the two tools would
 * carry differently (textProblem): every string of the args, keys included, reaches both.
 */
import { BlueprintValidationError, ProblemList, isOutputLike, isPromiseLike } from "./errors";

/**
 * Where table args accept a Pulumi Input (the fields typed `T` in model/types.ts): ARNs of things
 * created elsewhere, and tag values. Everything else decides the resource plan, so it must be plain.
 */
const TABLE_INPUT_FIELDS = ["kmsKeyArn", "alarmTopicArn", "functionArn", "onFailureDestinationArn", "role", "roleName"];
export const tableInputAllowed = (keys: readonly string[]) =>
  TABLE_INPUT_FIELDS.includes(keys[keys.length - 1]) || (keys.length === 2 && keys[0] === "tags");

const MAX_DEPTH = 32;

/**
 * Why a string would not reach AWS the same through Pulumi and Terraform, or undefined. Pulumi sends a
 * string as it is; Terraform's HCL parser normalises every string to Unicode NFC, and composes a
 * supplementary-plane character with a following mark as if it were the BMP character with the same
 * low 16 bits (hcl/escape.ts; tests/hcl/string-value.ts models it against HashiCorp's parser). A lone
 * surrogate has no UTF-8 form at all. Returns [message, fix].
 */
/**
 * Whether the HCL parser's quirk changes `text`: a supplementary-plane character followed by a mark
 * that would compose with the BMP character of the same low 16 bits (U+100C2 U+0301 reads as U+1EA4).
 * Marks that compose with nothing, such as the emoji variation selector U+FE0F, are left alone.
 */
function recomposedByHcl(text: string): boolean {
  const cps = Array.from(text);
  return cps.some((c, i) => {
    const cp = c.codePointAt(0)!;
    if (cp <= 0xffff) return false;
    const base = String.fromCodePoint(cp & 0xffff);
    for (let j = i + 1; j < cps.length && /^\p{M}$/u.test(cps[j]); j++) {
      if (Array.from((base + cps[j]).normalize("NFC")).length === 1) return true;
    }
    return false;
  });
}

/** ASCII text is well-formed, already NFC, and has no supplementary-plane character for the parser to recompose. */
const PLAIN_ASCII = /^[\u0000-\u007f]*$/;

export function textProblem(text: string): [message: string, fix: string] | undefined {
  // Nearly every string of a program is ASCII; the checks below copy it (normalize, Array.from) to find nothing.
  if (PLAIN_ASCII.test(text)) return undefined;
  const inJson = "or, inside JSON text (a filter pattern, a policy), write the character as a JSON \\u escape";
  if (!text.isWellFormed()) return ["contains a lone UTF-16 surrogate, which no file or API can carry", "remove the broken character"];
  if (text.normalize("NFC") !== text) {
    return ["is not in Unicode normal form C: Terraform normalises it, so Terraform and Pulumi would deploy different text", `write it in NFC (text.normalize("NFC")), ${inJson}`];
  }
  if (recomposedByHcl(text)) {
    return ["has a combining mark after a supplementary-plane character, which Terraform's HCL parser recomposes: Terraform and Pulumi would deploy different text", `remove the mark, ${inJson}`];
  }
  return undefined;
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function snapshotArgs<A>(subject: string, args: A, inputAllowed: (keys: readonly string[]) => boolean = tableInputAllowed): A {
  const stack = new Set<object>();
  const problems = new ProblemList();
  const keys: string[] = [];
  const copy = (value: unknown, where: string, depth: number): unknown => {
    if ((isOutputLike(value) || isPromiseLike(value)) && !inputAllowed(keys.filter((k) => !/^\d+$/.test(k)))) {
      problems.add(where, value, "must be a plain value known at construction, not a Pulumi Output or a Promise: it decides which resources are planned (and the Terraform emitted), which happens before any Output resolves",
        "pass the value itself (a literal, or read it with pulumi.Config get/require); Outputs are accepted only for ARNs (kmsKeyArn, alarmTopicArn, functionArn, onFailureDestinationArn), grant roles (grants[].role, streamConsumer.roleName) and tag values");
      return value;
    }
    if (typeof value === "string") {
      const text = textProblem(value);
      if (text) problems.add(where, value, ...text);
      return value;
    }
    if (value === null || typeof value !== "object") return value;
    if (!Array.isArray(value) && !isPlainObject(value)) return value; // Output, Promise, Resource, Date...
    const refuse = (message: string, fix: string) => new BlueprintValidationError(subject, [{ where, value: Array.isArray(value) ? "a list" : "an object", message, fix }]);
    if (stack.has(value)) throw refuse("refers to itself (a cycle)", "pass plain data: each value once, no object inside itself");
    if (depth > MAX_DEPTH) throw refuse(`is nested more than ${MAX_DEPTH} levels deep`, "pass the plain, shallow data the docs describe");
    stack.add(value);
    try {
      const child = (key: string, at: string, read: () => unknown) => {
        keys.push(key);
        try { return copy(read(), at, depth + 1); } finally { keys.pop(); }
      };
      if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => child(String(i), `${where}[${i}]`, () => value[i]));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const text = textProblem(key);
        if (text) problems.add(`${where}[${JSON.stringify(key)}]`, key, ...text);
        // defineProperty: a key named "__proto__" stays an ordinary own key instead of hitting the setter.
        const v = child(key, `${where}.${key}`, () => (value as Record<string, unknown>)[key]);
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      stack.delete(value);
    }
  };
  const snapshot = copy(args, subject, 0) as A;
  problems.throwIfAny(subject);
  return snapshot;
}
