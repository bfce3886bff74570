/**
 * The building blocks every validator shares: DynamoDB's limits, the name and region patterns, and
 * the small checks that add a problem (place, bad value, fix). One home per rule: the table
 * validator, the feature validator, the field table, the stack config and the Terraform module's
 * `validation` blocks all read them from here.
 */
import { ProblemList, choiceFix, didYouMean } from "./errors";
import { textProblem } from "./snapshot";

export const LIMITS = {
  nameMin: 3,
  nameMax: 255,
  maxGsi: 20,
  maxLsi: 5,
  maxProjectedAttributes: 100,
  minTargetUtilization: 20,
  maxTargetUtilization: 90,
  maxRecoveryDays: 35,
  maxTags: 50,
  maxTagKey: 128,
  maxTagValue: 256,
} as const;

/** Characters of table and index names (AWS: "Naming rules and data types" in the DynamoDB guide). */
export const NAME_CHARACTERS = "a-zA-Z0-9_.-";
/** A whole table or index name: 3-255 of NAME_CHARACTERS. */
export const TABLE_NAME_PATTERN = new RegExp(`^[${NAME_CHARACTERS}]{${LIMITS.nameMin},${LIMITS.nameMax}}$`);
/** An AWS region name such as `us-east-1` or `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** True for values the model may inspect; Pulumi Outputs and promises are opaque objects. */
export function isPlainString(value: unknown): value is string {
  return typeof value === "string";
}

export function isPositiveInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

export const isIntBetween = (v: unknown, min: number, max: number): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** Terraform spellings users bring along (the article's troubleshooting table): say what replaces them. */
const KEY_HINTS: Record<string, string> = {
  attributes: "remove it: attribute definitions are derived from partitionKey, sortKey and the index keys, so an attribute no key uses " +
    "(DynamoDB's ValidationException) cannot be declared; other attributes need no declaration",
  hashKey: "use partitionKey: { name, type }",
  rangeKey: "use sortKey: { name, type }",
};

export function checkUnknownKeys(problems: ProblemList, where: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key) || (value as Record<string, unknown>)[key] === undefined) continue;
    const guess = didYouMean(key, known);
    const hint = known.includes("sortKey") && Object.hasOwn(KEY_HINTS, key) ? KEY_HINTS[key] : undefined;
    problems.add(`${where}.${key}`, key, "is not a known argument",
      hint ?? (guess ? `did you mean "${guess}"?` : `remove it; known arguments are ${known.join(", ")}`));
  }
}

export function checkName(problems: ProblemList, where: string, value: unknown, what: string): void {
  if (typeof value !== "string" || !TABLE_NAME_PATTERN.test(value)) {
    problems.add(where, value, `is not a valid ${what} name`,
      `use ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, "_", "-" and "."`);
  }
}

export function checkChoice(problems: ProblemList, where: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    problems.add(where, value, "is not an allowed value", choiceFix(value, allowed));
  }
}

export function checkRange(problems: ProblemList, where: string, value: unknown, min: number, max: number, fix: string, unit?: string): void {
  if (value !== undefined && !isIntBetween(value, min, max)) {
    problems.add(where, value, `must be a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}`, fix);
  }
}

export function checkTags(problems: ProblemList, where: string, tags: unknown): void {
  if (tags === undefined) return;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
    problems.add(where, tags, "must be a map of tag names to values", `write { Environment: "prod" }`);
    return;
  }
  const entries = Object.entries(tags);
  if (entries.length > LIMITS.maxTags) {
    problems.add(where, `${entries.length} tags`, `exceeds the ${LIMITS.maxTags} tags AWS allows per resource`, "drop or merge tags");
  }
  for (const [key, value] of entries) {
    // Text Terraform would read differently from Pulumi (model/snapshot.ts refuses it first for args; tags merged later meet it here).
    const text = textProblem(key) ?? (typeof value === "string" ? textProblem(value) : undefined);
    if (text) {
      problems.add(`${where}[${JSON.stringify(key)}]`, key, ...text);
      continue;
    }
    if (key.length === 0 || key.length > LIMITS.maxTagKey) {
      problems.add(`${where}[${JSON.stringify(key)}]`, key, `tag keys must be 1-${LIMITS.maxTagKey} characters`, "shorten the tag key");
    } else if (key.toLowerCase().startsWith("aws:")) {
      problems.add(`${where}[${JSON.stringify(key)}]`, key, `the "aws:" prefix is reserved for AWS`, "use another prefix");
    }
    if (value === undefined || value === null) {
      problems.add(`${where}[${JSON.stringify(key)}]`, value, "has no value", `give it a string, or remove the tag`);
    } else if (isPlainString(value) && value.length > LIMITS.maxTagValue) {
      problems.add(`${where}[${JSON.stringify(key)}]`, `${value.length} characters`, `tag values may have at most ${LIMITS.maxTagValue} characters`, "shorten the value");
    } else if (typeof value !== "string" && typeof value !== "object") {
      problems.add(`${where}[${JSON.stringify(key)}]`, value, "must be a string", `quote it: "${String(value)}"`);
    }
  }
}
