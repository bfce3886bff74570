/**
 * Validation of a GSI's key, single or multi-attribute (model/index-keys.ts), and of its projection
 * against every key attribute. The single-key check itself stays in model/validate.ts and is passed in.
 */
import type { GlobalSecondaryIndexArgs, KeyAttribute } from "./types";
import { ProblemList } from "./errors";
import { MAX_KEY_ATTRIBUTES } from "./index-keys";

/** A key attribute and where it was declared. */
export interface DeclaredKey { where: string; key: KeyAttribute }
/** Checks one key attribute (adds problems); true when it is valid. */
export type KeyCheck = (problems: ProblemList, where: string, key: unknown, required: boolean) => key is KeyAttribute;

/**
 * A GSI's key: `partitionKey` or `partitionKeys` (1-4 attributes), optionally `sortKey` or `sortKeys`
 * (1-4), no attribute twice. Returns the valid key attributes (they become attribute definitions).
 */
export function checkGsiKeys(problems: ProblemList, at: string, gsi: GlobalSecondaryIndexArgs, checkKey: KeyCheck): DeclaredKey[] {
  const keys: DeclaredKey[] = [];
  const list = (field: "partitionKeys" | "sortKeys", single: "partitionKey" | "sortKey") => {
    const value = gsi[field];
    if (value === undefined) return;
    if (gsi[single] !== undefined) {
      problems.add(`${at}.${field}`, value, `cannot be combined with ${single}`, `give ${single} for one attribute, or ${field} for a multi-attribute key, not both`);
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_KEY_ATTRIBUTES) {
      problems.add(`${at}.${field}`, Array.isArray(value) ? `${value.length} attributes` : value,
        `must list 1-${MAX_KEY_ATTRIBUTES} key attributes (DynamoDB's multi-attribute key limit)`,
        Array.isArray(value) && value.length > MAX_KEY_ATTRIBUTES ? `keep at most ${MAX_KEY_ATTRIBUTES}, or combine attributes into one` : `write [{ name: "a", type: "S" }, ...], or use ${single}`);
      if (!Array.isArray(value)) return;
    }
    value.forEach((k, i) => { if (checkKey(problems, `${at}.${field}[${i}]`, k, true)) keys.push({ where: `${at}.${field}[${i}]`, key: k }); });
  };
  if (gsi.partitionKeys === undefined) {
    if (checkKey(problems, `${at}.partitionKey`, gsi.partitionKey, true)) keys.push({ where: `${at}.partitionKey`, key: gsi.partitionKey });
  } else list("partitionKeys", "partitionKey");
  if (gsi.sortKeys === undefined) {
    if (checkKey(problems, `${at}.sortKey`, gsi.sortKey, false)) keys.push({ where: `${at}.sortKey`, key: gsi.sortKey! });
  } else list("sortKeys", "sortKey");
  const seen = new Map<string, string>();
  for (const { where: w, key } of keys) {
    const first = seen.get(key.name);
    if (first) problems.add(`${w}.name`, key.name, `is already a key attribute of this index (${first})`, "use each attribute once in an index's key");
    else seen.set(key.name, w);
  }
  return keys;
}

/**
 * Key attributes (the index's, all of them for a multi-attribute key, and the table's) are always
 * projected: listing one in nonKeyAttributes adds nothing but counts towards the 100 projected
 * attributes per table.
 */
export function checkNonKeyNotKey(problems: ProblemList, at: string, nonKey: unknown, keyNames: (string | undefined)[]): void {
  if (!Array.isArray(nonKey)) return;
  for (const name of nonKey) {
    if (typeof name === "string" && keyNames.includes(name)) {
      problems.add(`${at}.nonKeyAttributes`, name, "is a key attribute of this index or of the table, which every index projects already",
        `remove "${name}" from nonKeyAttributes`);
    }
  }
}

