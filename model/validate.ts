/**
 * Every DynamoDB rule of docs/sources.md that can be checked before anything is registered. The checks
 * collect problems instead of throwing at the first one, so a user sees them all at once.
 */
import {
  ATTRIBUTE_TYPES, AutoscalingArgs, BILLING_MODES, ENCRYPTION_MODES, KeyAttribute, PROJECTION_TYPES,
  STREAM_VIEW_TYPES, TABLE_CLASSES, TableArgs,
} from "./types";
import { ProblemList, choiceFix, didYouMean } from "./errors";
import { validateFeatures } from "./validate-features";

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

const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

const TABLE_ARG_KEYS: readonly (keyof TableArgs)[] = [
  "tableName", "partitionKey", "sortKey", "billingMode", "readCapacity", "writeCapacity", "autoscaling",
  "globalSecondaryIndexes", "localSecondaryIndexes", "pointInTimeRecovery", "recoveryPeriodInDays",
  "encryption", "kmsKeyArn", "deletionProtection", "ttlAttribute", "streamViewType", "tableClass", "tags",
  "onDemandThroughput", "monitoring", "streamConsumer", "replicas", "region", "importFrom", "grants",
];
const GSI_KEYS = ["name", "partitionKey", "sortKey", "projectionType", "nonKeyAttributes", "readCapacity",
  "writeCapacity", "autoscaling"];
const LSI_KEYS = ["name", "sortKey", "projectionType", "nonKeyAttributes"];
const SCALING_KEYS = ["read", "write", "scaleInCooldown", "scaleOutCooldown", "importExisting"];
const RANGE_KEYS = ["min", "max", "targetUtilization", "policyName"];

/** True for values the model may inspect; Pulumi Outputs and promises are opaque objects. */
function isPlainString(value: unknown): value is string {
  return typeof value === "string";
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

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
  if (typeof value !== "string" || value.length < LIMITS.nameMin || value.length > LIMITS.nameMax ||
      !NAME_PATTERN.test(value)) {
    problems.add(where, value, `is not a valid ${what} name`,
      `use ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, "_", "-" and "."`);
  }
}

function checkKey(problems: ProblemList, where: string, key: unknown, required: boolean): key is KeyAttribute {
  if (key === undefined) {
    if (required) problems.add(where, key, "is required", `give a key such as { name: "id", type: "S" }`);
    return false;
  }
  if (typeof key !== "object" || key === null) {
    problems.add(where, key, "must be an object { name, type }", `write { name: "id", type: "S" }`);
    return false;
  }
  const k = key as Partial<KeyAttribute>;
  let ok = true;
  checkUnknownKeys(problems, where, k, ["name", "type"]);
  if (typeof k.name !== "string" || k.name.length === 0 || k.name.length > 255 || !k.name.isWellFormed()) {
    problems.add(`${where}.name`, k.name, "must be an attribute name of 1-255 characters", `name the attribute, e.g. "id"`);
    ok = false;
  } else if (k.name.normalize("NFC") !== k.name) {
    problems.add(`${where}.name`, k.name, "is not in Unicode normal form C, so Terraform would store a different name than DynamoDB",
      `use the NFC form ${JSON.stringify(k.name.normalize("NFC"))}`);
    ok = false;
  }
  if (!ATTRIBUTE_TYPES.includes(k.type as never)) {
    problems.add(`${where}.type`, k.type, "is not a DynamoDB key type", `${choiceFix(k.type, ATTRIBUTE_TYPES)} (S string, N number, B binary)`);
    ok = false;
  }
  return ok;
}

function checkChoice(problems: ProblemList, where: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    problems.add(where, value, "is not an allowed value", choiceFix(value, allowed));
  }
}

function checkScaling(problems: ProblemList, owner: string, scaling: AutoscalingArgs | undefined,
  capacity: { read?: number; write?: number }): void {
  const where = `${owner}.autoscaling`;
  if (scaling === undefined) return;
  if (typeof scaling !== "object" || scaling === null) {
    problems.add(where, scaling, "must be an object { read?, write?, scaleInCooldown?, scaleOutCooldown? }",
      "write { read: { min: 10, max: 500 } }");
    return;
  }
  checkUnknownKeys(problems, where, scaling, SCALING_KEYS);
  for (const dimension of ["read", "write"] as const) {
    const range = scaling[dimension];
    if (range === undefined) continue;
    const at = `${where}.${dimension}`;
    checkUnknownKeys(problems, at, range, RANGE_KEYS);
    if (!isPositiveInt(range.min)) problems.add(`${at}.min`, range.min, "must be a whole number >= 1", "set min to 1 or more");
    if (!isPositiveInt(range.max)) problems.add(`${at}.max`, range.max, "must be a whole number >= 1", "set max to 1 or more");
    if (isPositiveInt(range.min) && isPositiveInt(range.max) && range.min > range.max) {
      problems.add(at, `${range.min}..${range.max}`, "has min above max", `swap them: { min: ${range.max}, max: ${range.min} }`);
    }
    const target = range.targetUtilization;
    if (target !== undefined && (typeof target !== "number" || !(target >= LIMITS.minTargetUtilization && target <= LIMITS.maxTargetUtilization))) {
      problems.add(`${at}.targetUtilization`, target, `must be a percentage from ${LIMITS.minTargetUtilization} to ${LIMITS.maxTargetUtilization}`,
        "use 70, the usual target");
    }
    if (range.policyName !== undefined && (typeof range.policyName !== "string" || !/^[\p{L}\p{N}_.:/#+=@-]{1,256}$/u.test(range.policyName))) {
      problems.add(`${at}.policyName`, range.policyName, "is not an Application Auto Scaling policy name",
        "use 1-256 letters, digits and _ . : / # + = @ -, or omit it for the default name");
    }
    const start = capacity[dimension];
    if (isPositiveInt(start) && isPositiveInt(range.min) && isPositiveInt(range.max) && (start < range.min || start > range.max)) {
      problems.add(`${owner}.${dimension}Capacity`,
        start, `is outside the auto scaling range ${range.min}..${range.max}`, `start within the range, e.g. ${range.min}, or omit it to start at min`);
    }
  }
  if (scaling.importExisting !== undefined && typeof scaling.importExisting !== "boolean") {
    problems.add(`${where}.importExisting`, scaling.importExisting, "must be true or false", "write importExisting: true, or omit it");
  }
  for (const cooldown of ["scaleInCooldown", "scaleOutCooldown"] as const) {
    const v = scaling[cooldown];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= 0)) {
      problems.add(`${where}.${cooldown}`, v, "must be whole seconds >= 0", "use 60, the article's cooldown");
    }
  }
}

function checkCapacity(problems: ProblemList, where: string, provisioned: boolean,
  item: { readCapacity?: number; writeCapacity?: number; autoscaling?: AutoscalingArgs }): void {
  for (const field of ["readCapacity", "writeCapacity"] as const) {
    const value = item[field];
    const dimension = field === "readCapacity" ? "read" : "write";
    const scaledMin = item.autoscaling?.[dimension]?.min;
    if (provisioned) {
      if (value === undefined && scaledMin === undefined) {
        problems.add(`${where}${field}`, value, "is required when billingMode is PROVISIONED",
          `set ${field} (>= 1) or autoscaling.${dimension}, or use billingMode "PAY_PER_REQUEST"`);
      } else if (value !== undefined && !isPositiveInt(value)) {
        problems.add(`${where}${field}`, value, "must be a whole number >= 1", `set ${field} to 1 or more`);
      }
    } else if (value !== undefined) {
      problems.add(`${where}${field}`, value, "is not allowed with billingMode PAY_PER_REQUEST",
        `remove ${field}, or set billingMode "PROVISIONED"`);
    }
  }
  if (!provisioned && item.autoscaling !== undefined) {
    problems.add(`${where}autoscaling`, item.autoscaling, "only applies to PROVISIONED capacity",
      `remove autoscaling (on-demand scales itself), or set billingMode "PROVISIONED"`);
  }
}

function checkProjection(problems: ProblemList, where: string, type: unknown, nonKey: unknown): number {
  checkChoice(problems, `${where}.projectionType`, type, PROJECTION_TYPES);
  if (type === "INCLUDE") {
    if (!Array.isArray(nonKey) || nonKey.length === 0) {
      problems.add(`${where}.nonKeyAttributes`, nonKey, "is required with projectionType INCLUDE",
        `list the attributes to project, e.g. ["total"], or use "KEYS_ONLY"`);
      return 0;
    }
    if (!nonKey.every((a) => typeof a === "string" && a.length > 0)) {
      problems.add(`${where}.nonKeyAttributes`, nonKey, "must be non-empty attribute names", "list attribute names as strings");
    }
    if (new Set(nonKey).size !== nonKey.length) {
      problems.add(`${where}.nonKeyAttributes`, nonKey, "repeats an attribute", "list each attribute once");
    }
    return nonKey.length;
  }
  if (nonKey !== undefined && !(Array.isArray(nonKey) && nonKey.length === 0)) {
    problems.add(`${where}.nonKeyAttributes`, nonKey, `is only allowed with projectionType INCLUDE (this index uses ${type ?? "ALL"})`,
      `remove nonKeyAttributes, or set projectionType "INCLUDE"`);
  }
  return 0;
}

/** Validate `DynamoTable` args. Problems are added to `problems`; nothing throws. */
export function validateTableArgs(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  if (typeof args !== "object" || args === null) {
    problems.add(where, args, "needs an args object", "pass { partitionKey: { name: \"id\", type: \"S\" } }");
    return;
  }
  checkUnknownKeys(problems, where, args, TABLE_ARG_KEYS);
  if (args.tableName !== undefined) checkName(problems, `${where}.tableName`, args.tableName, "table");
  checkChoice(problems, `${where}.billingMode`, args.billingMode, BILLING_MODES);
  checkChoice(problems, `${where}.encryption`, args.encryption, ENCRYPTION_MODES);
  checkChoice(problems, `${where}.streamViewType`, args.streamViewType, STREAM_VIEW_TYPES);
  checkChoice(problems, `${where}.tableClass`, args.tableClass, TABLE_CLASSES);

  // Every key, with where it was declared, to derive attribute definitions and catch type conflicts.
  const keys: { where: string; key: KeyAttribute }[] = [];
  if (checkKey(problems, `${where}.partitionKey`, args.partitionKey, true)) keys.push({ where: `${where}.partitionKey`, key: args.partitionKey });
  if (checkKey(problems, `${where}.sortKey`, args.sortKey, false)) keys.push({ where: `${where}.sortKey`, key: args.sortKey! });
  if (args.sortKey && args.partitionKey && args.sortKey.name === args.partitionKey.name) {
    problems.add(`${where}.sortKey.name`, args.sortKey.name, "is the same attribute as the partition key",
      "use a different attribute for the sort key, or drop sortKey");
  }

  const provisioned = args.billingMode === "PROVISIONED";
  checkCapacity(problems, `${where}.`, provisioned, args);
  checkScaling(problems, where, args.autoscaling, { read: args.readCapacity, write: args.writeCapacity });
  const importing = [{ at: where, scaling: args.autoscaling },
    ...(Array.isArray(args.globalSecondaryIndexes) ? args.globalSecondaryIndexes : []).map((g, i) => ({ at: `${where}.globalSecondaryIndexes[${i}]`, scaling: g?.autoscaling }))];
  for (const { at, scaling } of importing) {
    if (scaling?.importExisting === true && args.importFrom === undefined) {
      problems.add(`${at}.autoscaling.importExisting`, true, "imports scaling targets of a table that is not imported",
        "set importFrom to the existing table's name, or remove importExisting");
    }
  }

  const indexNames = new Map<string, string>();
  let projected = 0;
  const gsis = args.globalSecondaryIndexes ?? [];
  if (!Array.isArray(gsis)) {
    problems.add(`${where}.globalSecondaryIndexes`, gsis, "must be a list", "write [{ name, partitionKey, ... }]");
  } else {
    if (gsis.length > LIMITS.maxGsi) {
      problems.add(`${where}.globalSecondaryIndexes`, `${gsis.length} indexes`, `exceeds the ${LIMITS.maxGsi} GSIs DynamoDB allows per table`,
        "merge access patterns into overloaded indexes, or split the table");
    }
    gsis.forEach((gsi, i) => {
      const at = `${where}.globalSecondaryIndexes[${i}]${gsi && typeof gsi.name === "string" ? ` ("${gsi.name}")` : ""}`;
      if (typeof gsi !== "object" || gsi === null) {
        problems.add(at, gsi, "must be an object", "write { name, partitionKey, projectionType }");
        return;
      }
      checkUnknownKeys(problems, at, gsi, GSI_KEYS);
      checkIndexName(problems, indexNames, at, gsi.name);
      if (checkKey(problems, `${at}.partitionKey`, gsi.partitionKey, true)) keys.push({ where: `${at}.partitionKey`, key: gsi.partitionKey });
      if (checkKey(problems, `${at}.sortKey`, gsi.sortKey, false)) keys.push({ where: `${at}.sortKey`, key: gsi.sortKey! });
      projected += checkProjection(problems, at, gsi.projectionType ?? "ALL", gsi.nonKeyAttributes);
      checkCapacity(problems, `${at}.`, provisioned, gsi);
      checkScaling(problems, at, gsi.autoscaling, { read: gsi.readCapacity, write: gsi.writeCapacity });
    });
  }

  const lsis = args.localSecondaryIndexes ?? [];
  if (!Array.isArray(lsis)) {
    problems.add(`${where}.localSecondaryIndexes`, lsis, "must be a list", "write [{ name, sortKey, ... }]");
  } else {
    if (lsis.length > LIMITS.maxLsi) {
      problems.add(`${where}.localSecondaryIndexes`, `${lsis.length} indexes`, `exceeds the ${LIMITS.maxLsi} LSIs DynamoDB allows per table`,
        "use global secondary indexes for the other access patterns");
    }
    if (lsis.length > 0 && !args.sortKey) {
      problems.add(`${where}.localSecondaryIndexes`, lsis.map((l) => l?.name), "need the table to have a sort key",
        "add a sortKey to the table (LSIs share its partition key), or use global secondary indexes");
    }
    lsis.forEach((lsi, i) => {
      const at = `${where}.localSecondaryIndexes[${i}]${lsi && typeof lsi.name === "string" ? ` ("${lsi.name}")` : ""}`;
      if (typeof lsi !== "object" || lsi === null) {
        problems.add(at, lsi, "must be an object", "write { name, sortKey, projectionType }");
        return;
      }
      checkUnknownKeys(problems, at, lsi, LSI_KEYS);
      checkIndexName(problems, indexNames, at, lsi.name);
      if (checkKey(problems, `${at}.sortKey`, lsi.sortKey, true)) keys.push({ where: `${at}.sortKey`, key: lsi.sortKey });
      if (lsi.sortKey && args.sortKey && lsi.sortKey.name === args.sortKey.name) {
        problems.add(`${at}.sortKey.name`, lsi.sortKey.name, "is the table's own sort key, so the index adds nothing",
          "sort this index by a different attribute");
      }
      projected += checkProjection(problems, at, lsi.projectionType ?? "ALL", lsi.nonKeyAttributes);
    });
  }
  if (projected > LIMITS.maxProjectedAttributes) {
    problems.add(`${where} (all indexes).nonKeyAttributes`, `${projected} attributes`,
      `exceeds the ${LIMITS.maxProjectedAttributes} projected non-key attributes DynamoDB allows per table`,
      `project fewer attributes, or use projectionType "ALL"`);
  }

  const types = new Map<string, { where: string; type: string }>();
  for (const { where: at, key } of keys) {
    const seen = types.get(key.name);
    if (seen && seen.type !== key.type) {
      problems.add(`${at}.type`, key.type, `conflicts with ${seen.where} which declares "${key.name}" as ${seen.type}`,
        `declare "${key.name}" with one type everywhere`);
    } else if (!seen) types.set(key.name, { where: at, type: key.type });
  }

  if (args.pointInTimeRecovery !== undefined && typeof args.pointInTimeRecovery !== "boolean") {
    problems.add(`${where}.pointInTimeRecovery`, args.pointInTimeRecovery, "must be true or false", "use true (recommended) or false");
  }
  const days = args.recoveryPeriodInDays;
  if (days !== undefined) {
    if (!(Number.isInteger(days) && days >= 1 && days <= LIMITS.maxRecoveryDays)) {
      problems.add(`${where}.recoveryPeriodInDays`, days, `must be a whole number of days from 1 to ${LIMITS.maxRecoveryDays}`, "use 35, the maximum and default");
    } else if (args.pointInTimeRecovery === false) {
      problems.add(`${where}.recoveryPeriodInDays`, days, "has no effect with pointInTimeRecovery false", "remove it, or enable pointInTimeRecovery");
    }
  }
  if (args.kmsKeyArn !== undefined && args.encryption !== "CUSTOMER_MANAGED") {
    problems.add(`${where}.kmsKeyArn`, isPlainString(args.kmsKeyArn) ? args.kmsKeyArn : "(a key ARN)",
      `is only used with encryption CUSTOMER_MANAGED (this table uses ${args.encryption ?? "AWS_OWNED"})`,
      `set encryption "CUSTOMER_MANAGED", or remove kmsKeyArn`);
  }
  if (isPlainString(args.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(args.kmsKeyArn)) {
    problems.add(`${where}.kmsKeyArn`, args.kmsKeyArn, "is not a KMS key ARN",
      "use arn:aws:kms:<region>:<account>:key/<id>, or omit it to create a rotating key");
  }
  if (args.deletionProtection !== undefined && typeof args.deletionProtection !== "boolean") {
    problems.add(`${where}.deletionProtection`, args.deletionProtection, "must be true or false", "use true for production tables");
  }
  if (args.ttlAttribute !== undefined) {
    if (typeof args.ttlAttribute !== "string" || args.ttlAttribute.length === 0 || args.ttlAttribute.length > 255) {
      problems.add(`${where}.ttlAttribute`, args.ttlAttribute, "must be an attribute name", `name the Number attribute holding epoch seconds, e.g. "expiresAt"`);
    } else {
      const keyType = types.get(args.ttlAttribute);
      if (keyType && keyType.type !== "N") {
        problems.add(`${where}.ttlAttribute`, args.ttlAttribute, `is a key of type ${keyType.type}, but TTL needs a Number (epoch seconds)`,
          "use a separate Number attribute for expiry");
      }
    }
  }
  checkTags(problems, `${where}.tags`, args.tags);
  validateFeatures(problems, where, args);
}

function checkIndexName(problems: ProblemList, seen: Map<string, string>, where: string, name: unknown): void {
  checkName(problems, `${where}.name`, name, "index");
  if (typeof name !== "string") return;
  const previous = seen.get(name);
  if (previous) problems.add(`${where}.name`, name, `is already used by ${previous}`, "give every index of a table its own name");
  else seen.set(name, where);
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
    if (!key.isWellFormed() || (typeof value === "string" && !value.isWellFormed())) {
      problems.add(`${where}[${JSON.stringify(key)}]`, key, "contains a lone UTF-16 surrogate, which no file or API can carry", "remove the broken character");
      continue;
    }
    if (key.normalize("NFC") !== key || (typeof value === "string" && value.normalize("NFC") !== value)) {
      // Terraform normalises strings to NFC; Pulumi sends them as they are. Both must see one value.
      problems.add(`${where}[${JSON.stringify(key)}]`, key, "is not in Unicode normal form C, so Terraform and Pulumi would store different text",
        "write it in NFC (e.g. text.normalize(\"NFC\"))");
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
