/**
 * Args are read once: `snapshotArgs` makes a deep, plain copy before anything is validated, and only
 * the copy is validated and rendered. A getter that returns a valid table name to the validator and
 * an invalid one later (or a caller mutating args after construction) cannot reach the plan or the HCL.
 *
 * Plain objects and arrays are copied (every own enumerable key, `__proto__` included, each value read
 * exactly once); Pulumi Outputs, Promises and other class instances are kept as they are (fields that
 * must be plain are checked by validation, which names them). A cycle is refused: nothing downstream
 * (Pulumi's serializer, the HCL emitter, error messages) can walk one.
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
