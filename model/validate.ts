/**
 * Every DynamoDB rule that can be checked before anything is registered (docs/sources.md), split by
 * concern: keys, capacity and auto scaling, indexes, encryption, then the field table's rules
 * (model/table-fields.ts) and the optional features (model/validate-features.ts). The checks
 * collect problems instead of throwing at the first one, so a user sees them all at once.
 */
import { ATTRIBUTE_TYPES, AutoscalingArgs, ENCRYPTION_MODES, KeyAttribute, PROJECTION_TYPES, TableArgs } from "./types";
import { ProblemList, choiceFix } from "./errors";
import { LIMITS, checkChoice, checkName, checkUnknownKeys, isPlainString, isPositiveInt } from "./rules";
import { validateFeatures } from "./validate-features";
import { CheckContext, GSI_BLOCKS, WARM_THROUGHPUT_RULE, checkCapacityField } from "./table-fields";
import { FIELD_ARGS, checkFields } from "./field-walk";
import { checkRule } from "./field-rules";
import { checkGsiKeys, checkNonKeyNotKey } from "./validate-index-keys";
import { CREATION_SOURCE_KEYS, checkCreationSource } from "./creation-source";
import { checkMrsc } from "./validate-mrsc";
import { checkProviderArgumentsShape } from "./provider-arguments";
import { checkAdvisor } from "./advice/hints";

// Importers of the shared checks from their earlier home keep working.
export { LIMITS, checkName, checkTags, checkUnknownKeys } from "./rules";

/** Arguments with their own code below (structural); the scalar ones come from the field table. */
const STRUCTURAL_ARG_KEYS: readonly (keyof TableArgs)[] = [
  "tableName", "partitionKey", "sortKey", "autoscaling", "globalSecondaryIndexes", "localSecondaryIndexes",
  "encryption", "kmsKeyArn", "monitoring", "streamConsumer", "replicas", "region", "importFrom", "grants",
  "resourcePolicy", "streamResourcePolicy", "contributorInsights", "kinesisStreamingDestination",
  "globalTableWitness", "providerArguments", "advisor", ...CREATION_SOURCE_KEYS,
];
const TABLE_ARG_KEYS: readonly string[] = [...STRUCTURAL_ARG_KEYS, ...FIELD_ARGS];
const GSI_KEYS = ["name", "partitionKey", "partitionKeys", "sortKey", "sortKeys", "projectionType", "nonKeyAttributes", "readCapacity",
  "writeCapacity", "autoscaling", ...GSI_BLOCKS.map((b) => b.arg)];
const LSI_KEYS = ["name", "sortKey", "projectionType", "nonKeyAttributes"];
const SCALING_KEYS = ["read", "write", "scaleInCooldown", "scaleOutCooldown", "importExisting"];
const RANGE_KEYS = ["min", "max", "targetUtilization", "policyName"];

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
  for (const field of ["readCapacity", "writeCapacity"] as const) checkCapacityField(problems, where, provisioned, item, field);
  checkAutoscalingBilling(problems, where, provisioned, item.autoscaling);
}

function checkAutoscalingBilling(problems: ProblemList, where: string, provisioned: boolean, autoscaling: unknown): void {
  if (!provisioned && autoscaling !== undefined) {
    problems.add(`${where}autoscaling`, autoscaling, "only applies to PROVISIONED capacity",
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
  checkChoice(problems, `${where}.encryption`, args.encryption, ENCRYPTION_MODES);
  const keys = checkTableKeys(problems, where, args);
  checkTableScaling(problems, where, args);
  keys.push(...checkIndexes(problems, where, args));
  const keyTypes = checkKeyTypes(problems, keys);
  checkFields(problems, where, args, { keyTypes });
  checkKmsKey(problems, where, args);
  validateFeatures(problems, where, args);
  checkCreationSource(problems, where, args);
  checkMrsc(problems, where, args);
  checkProviderArgumentsShape(problems, where, args);
  checkAdvisor(problems, `${where}.advisor`, args.advisor, partitionKeyNames(args));
}

/** Attributes used as a partition key by the table or a GSI (what the key advisor judges). */
function partitionKeyNames(args: TableArgs<unknown>): string[] {
  const gsis = Array.isArray(args.globalSecondaryIndexes) ? args.globalSecondaryIndexes : [];
  return [args.partitionKey?.name, ...gsis.flatMap((g) => (Array.isArray(g?.partitionKeys) ? g.partitionKeys.map((k) => k?.name) : [g?.partitionKey?.name]))]
    .filter((n): n is string => typeof n === "string");
}

/** A key attribute and where it was declared, to derive attribute definitions and catch type conflicts. */
interface DeclaredKey { where: string; key: KeyAttribute }

function checkTableKeys(problems: ProblemList, where: string, args: TableArgs<unknown>): DeclaredKey[] {
  const keys: DeclaredKey[] = [];
  if (checkKey(problems, `${where}.partitionKey`, args.partitionKey, true)) keys.push({ where: `${where}.partitionKey`, key: args.partitionKey });
  if (checkKey(problems, `${where}.sortKey`, args.sortKey, false)) keys.push({ where: `${where}.sortKey`, key: args.sortKey! });
  if (args.sortKey && args.partitionKey && args.sortKey.name === args.partitionKey.name) {
    problems.add(`${where}.sortKey.name`, args.sortKey.name, "is the same attribute as the partition key",
      "use a different attribute for the sort key, or drop sortKey");
  }
  return keys;
}

/** The table's own auto scaling (its capacity is a field), and importExisting wherever it is set. */
function checkTableScaling(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  checkAutoscalingBilling(problems, `${where}.`, args.billingMode === "PROVISIONED", args.autoscaling);
  checkScaling(problems, where, args.autoscaling, { read: args.readCapacity, write: args.writeCapacity });
  const importing = [{ at: where, scaling: args.autoscaling },
    ...(Array.isArray(args.globalSecondaryIndexes) ? args.globalSecondaryIndexes : []).map((g, i) => ({ at: `${where}.globalSecondaryIndexes[${i}]`, scaling: g?.autoscaling }))];
  for (const { at, scaling } of importing) {
    if (scaling?.importExisting === true && args.importFrom === undefined) {
      problems.add(`${at}.autoscaling.importExisting`, true, "imports scaling targets of a table that is not imported",
        "set importFrom to the existing table's name, or remove importExisting");
    }
  }
}

/** GSIs and LSIs: limits, names, keys, projections, capacity. Returns the keys they declare. */
function checkIndexes(problems: ProblemList, where: string, args: TableArgs<unknown>): DeclaredKey[] {
  const keys: DeclaredKey[] = [];
  const indexNames = new Map<string, string>();
  const provisioned = args.billingMode === "PROVISIONED";
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
      const own = checkGsiKeys(problems, at, gsi, checkKey);
      keys.push(...own);
      projected += checkProjection(problems, at, gsi.projectionType ?? "ALL", gsi.nonKeyAttributes);
      checkNonKeyNotKey(problems, at, gsi.nonKeyAttributes, [...own.map((k) => k.key.name), args.partitionKey?.name, args.sortKey?.name]);
      checkCapacity(problems, `${at}.`, provisioned, gsi);
      checkScaling(problems, at, gsi.autoscaling, { read: gsi.readCapacity, write: gsi.writeCapacity });
      for (const block of GSI_BLOCKS) checkRule(problems, `${at}.${block.arg}`, gsi[block.arg], block.rule);
      if (provisioned && gsi.onDemandThroughput !== undefined) {
        problems.add(`${at}.onDemandThroughput`, gsi.onDemandThroughput, "only applies to PAY_PER_REQUEST tables (a provisioned index is capped by its capacity)",
          "remove it, or use billingMode \"PAY_PER_REQUEST\"");
      }
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
  return keys;
}

/** One type per attribute name across the table and its indexes. */
function checkKeyTypes(problems: ProblemList, keys: DeclaredKey[]): CheckContext["keyTypes"] {
  const types: CheckContext["keyTypes"] = new Map();
  for (const { where: at, key } of keys) {
    const seen = types.get(key.name);
    if (seen && seen.type !== key.type) {
      problems.add(`${at}.type`, key.type, `conflicts with ${seen.where} which declares "${key.name}" as ${seen.type}`,
        `declare "${key.name}" with one type everywhere`);
    } else if (!seen) types.set(key.name, { where: at, type: key.type });
  }
  return types;
}

function checkKmsKey(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  if (args.kmsKeyArn !== undefined && args.encryption !== "CUSTOMER_MANAGED") {
    problems.add(`${where}.kmsKeyArn`, isPlainString(args.kmsKeyArn) ? args.kmsKeyArn : "(a key ARN)",
      `is only used with encryption CUSTOMER_MANAGED (this table uses ${args.encryption ?? "AWS_OWNED"})`,
      `set encryption "CUSTOMER_MANAGED", or remove kmsKeyArn`);
  }
  if (isPlainString(args.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(args.kmsKeyArn)) {
    problems.add(`${where}.kmsKeyArn`, args.kmsKeyArn, "is not a KMS key ARN",
      "use arn:aws:kms:<region>:<account>:key/<id>, or omit it to create a rotating key");
  }
}

function checkIndexName(problems: ProblemList, seen: Map<string, string>, where: string, name: unknown): void {
  checkName(problems, `${where}.name`, name, "index");
  if (typeof name !== "string") return;
  const previous = seen.get(name);
  if (previous) problems.add(`${where}.name`, name, `is already used by ${previous}`, "give every index of a table its own name");
  else seen.set(name, where);
}
