/**
 * Resource policies on `aws:dynamodb/table:Table` (and the standalone GSI resource for key design).
 * They see the resource's inputs, one resource at a time, before it is created or updated.
 */
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { lowCardinalityFamily } from "../model/advice/key-design";
import {
  GSI_RESOURCE, PRODUCTION_DEFAULTS, ProductionConfig, ScopedConfig, TABLE, UNKNOWN, configOf, describe, inScope, items,
  num, productionSchema, productionTag, read, scopedSchema, str, violation,
} from "./lib";

/** Replicas are whole tables in other regions; each has its own PITR, key and deletion protection. */
function replicas(props: unknown): { i: number; region: string; replica: unknown }[] {
  const list = items(props, "replicas");
  if (list === UNKNOWN || !list) return [];
  return list.map((replica, i) => ({ i, replica, region: String(str(read(replica, "regionName")) ?? "?") }));
}

function scoped(args: ResourceValidationArgs, defaultScope: ScopedConfig["scope"]) {
  const cfg = configOf<ScopedConfig>(args, { scope: defaultScope, ...PRODUCTION_DEFAULTS });
  return inScope(cfg.scope, productionTag(args.props, args.provider, cfg));
}

// ---- 1. point-in-time recovery --------------------------------------------------------------------

export const pitrEnabled: ResourceValidationPolicy = {
  name: "dynamodb-pitr-enabled",
  description: "DynamoDB tables and their replicas must have point-in-time recovery enabled.",
  severity: "high",
  configSchema: scopedSchema("all"),
  remediationSteps: "Set pointInTimeRecovery: { enabled: true } on the table and pointInTimeRecovery: true on each replica.",
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type !== TABLE) return;
    const scope = scoped(args, "all");
    if (!scope.applies) return;
    const what = describe(args.type, args.name, args.props);
    const enabled = read(args.props, "pointInTimeRecovery", "enabled");
    if (enabled !== true && enabled !== UNKNOWN) {
      report(violation(what, "pointInTimeRecovery.enabled", enabled,
        `PITR is required because ${scope.because}; without it an accidental write or delete can only be undone from an older backup`,
        "set pointInTimeRecovery: { enabled: true } (Terraform: point_in_time_recovery { enabled = true }); it costs about $0.20 per GB-month"));
    }
    for (const r of replicas(args.props)) {
      const v = read(r.replica, "pointInTimeRecovery");
      if (v !== true && v !== UNKNOWN) {
        report(violation(what, `replicas[${r.i}] (${r.region}).pointInTimeRecovery`, v,
          "a replica does not inherit the table's PITR setting and defaults to off", "set pointInTimeRecovery: true on the replica"));
      }
    }
  },
};

// ---- 2. customer-managed key on production tables -------------------------------------------------

/** `alias/aws/dynamodb` (or its ARN form) is the AWS managed key, not a customer-managed one. */
const isAwsManagedKey = (arn: string) => /(^|:)alias\/aws\/dynamodb$/.test(arn);

export const productionCmk: ResourceValidationPolicy = {
  name: "dynamodb-production-cmk",
  description: "Production-tagged DynamoDB tables must be encrypted with a customer-managed KMS key.",
  severity: "high",
  configSchema: { properties: { ...productionSchema } },
  remediationSteps: "Create an aws.kms.Key with enableKeyRotation: true and set serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }.",
  validateResource: (args, report) => {
    if (args.type !== TABLE) return;
    const prod = productionTag(args.props, args.provider, configOf<ProductionConfig>(args, PRODUCTION_DEFAULTS));
    if (!prod.evidence) return;
    const what = `${describe(args.type, args.name, args.props)}, a production table (${prod.evidence})`;
    const fix = "create an aws.kms.Key (enableKeyRotation: true) and set serverSideEncryption: { enabled: true, kmsKeyArn: key.arn } " +
      "(Terraform: server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.x.arn })";
    const enabled = read(args.props, "serverSideEncryption", "enabled");
    const keyArn = read(args.props, "serverSideEncryption", "kmsKeyArn");
    if (enabled === UNKNOWN || keyArn === UNKNOWN) return; // a key created in this deployment: known at `up`
    if (enabled !== true) {
      report(violation(what, "serverSideEncryption.enabled", enabled,
        "the table is encrypted with an AWS-owned key, which you cannot audit in CloudTrail, rotate on your schedule or revoke", fix));
    } else if (typeof keyArn !== "string" || keyArn === "" || isAwsManagedKey(keyArn)) {
      report(violation(what, "serverSideEncryption.kmsKeyArn", keyArn,
        "the table uses the AWS managed key alias/aws/dynamodb, whose key policy you cannot control", fix));
    }
    for (const r of replicas(args.props)) {
      const arn = read(r.replica, "kmsKeyArn");
      if (arn !== UNKNOWN && (typeof arn !== "string" || arn === "" || isAwsManagedKey(arn))) {
        report(violation(what, `replicas[${r.i}] (${r.region}).kmsKeyArn`, arn,
          "a replica without kmsKeyArn is encrypted with the AWS managed key of its region",
          `set kmsKeyArn on the replica to a customer-managed key in ${r.region} (KMS keys are regional)`));
      }
    }
  },
};

// ---- 3. deletion protection -----------------------------------------------------------------------

export const deletionProtection: ResourceValidationPolicy = {
  name: "dynamodb-deletion-protection",
  description: "DynamoDB tables in scope (production-tagged by default) must have deletion protection enabled.",
  severity: "high",
  configSchema: scopedSchema("production"),
  remediationSteps: "Set deletionProtectionEnabled: true on the table and on each replica.",
  validateResource: (args, report) => {
    if (args.type !== TABLE) return;
    const scope = scoped(args, "production");
    if (!scope.applies) return;
    const what = describe(args.type, args.name, args.props);
    const v = read(args.props, "deletionProtectionEnabled");
    if (v !== true && v !== UNKNOWN) {
      report(violation(what, "deletionProtectionEnabled", v,
        `deletion protection is required because ${scope.because}; AWS itself then refuses DeleteTable, even from a destroy, ` +
        "a replacement or a deleted resource block", "set deletionProtectionEnabled: true (Terraform: deletion_protection_enabled = true)"));
    }
    for (const r of replicas(args.props)) {
      const rv = read(r.replica, "deletionProtectionEnabled");
      if (rv !== true && rv !== UNKNOWN) {
        report(violation(what, `replicas[${r.i}] (${r.region}).deletionProtectionEnabled`, rv,
          "each replica is a table of its own that can be deleted", "set deletionProtectionEnabled: true on the replica"));
      }
    }
  },
};

// ---- 7. capacity matches the billing mode ---------------------------------------------------------

function checkCapacities(what: string, prefix: string, holder: unknown, provisioned: boolean, modeText: string, report: ReportViolation): void {
  for (const field of ["readCapacity", "writeCapacity"]) {
    const v = num(read(holder, field));
    if (v === UNKNOWN) continue;
    if (provisioned && (v === undefined || v < 1)) {
      report(violation(what, `${prefix}${field}`, v, `${modeText} needs read and write capacity of at least 1 on the table and on every GSI`,
        `set ${field} to your baseline (>= 1) and add auto scaling, or switch to billingMode: "PAY_PER_REQUEST"`));
    } else if (!provisioned && v !== undefined && v > 0) {
      report(violation(what, `${prefix}${field}`, v, `${modeText} takes no provisioned capacity, and a capacity here hides that the table is on-demand`,
        `remove ${field} (or switch to billingMode: "PROVISIONED" if you meant provisioned capacity)`));
    }
  }
}

export const billingCapacity: ResourceValidationPolicy = {
  name: "dynamodb-billing-capacity",
  description: "PROVISIONED DynamoDB tables and GSIs need read/write capacity >= 1; PAY_PER_REQUEST ones must set none.",
  severity: "medium",
  remediationSteps: "Match readCapacity/writeCapacity (table and GSIs) to billingMode.",
  validateResource: (args, report) => {
    if (args.type !== TABLE) return;
    const what = describe(args.type, args.name, args.props);
    const mode = str(read(args.props, "billingMode"));
    if (mode === UNKNOWN) return;
    if (mode !== undefined && mode !== "PROVISIONED" && mode !== "PAY_PER_REQUEST") {
      report(violation(what, "billingMode", mode, "DynamoDB accepts only PROVISIONED or PAY_PER_REQUEST", 'set billingMode: "PAY_PER_REQUEST" (or "PROVISIONED" with capacities and auto scaling)'));
      return;
    }
    const provisioned = mode !== "PAY_PER_REQUEST";
    const modeText = mode === undefined ? "billingMode (not set, so the provider default PROVISIONED)" : `billingMode ${mode}`;
    checkCapacities(what, "", args.props, provisioned, modeText, report);
    const gsis = items(args.props, "globalSecondaryIndexes");
    if (gsis === UNKNOWN || !gsis) return;
    gsis.forEach((g, i) => checkCapacities(what, `globalSecondaryIndexes[${i}] (${String(str(read(g, "name")) ?? "?")}).`, g, provisioned, modeText, report));
  },
};

// ---- 8. hot-partition key names (advisory) --------------------------------------------------------

type Family = NonNullable<ReturnType<typeof lowCardinalityFamily>>;
const WHY: Record<Family, string> = {
  status: "a status/state has a handful of values and the busiest one takes most of the traffic",
  category: "a type/category has a handful of values, each one a single hot partition",
  boolean: "a boolean-like key has two values, so at most two partitions ever take the load",
  "time bucket": "a date/hour bucket sends every write of the current period to one key value",
  region: "a region-like key has few values and traffic follows the busiest one",
};

export interface HotKeyConfig {
  /** Key names the team has checked and accepts (matched case-insensitively). */
  allowKeyNames: string[];
}

function partitionKeysOf(type: string, props: unknown): { field: string; names: string[] }[] {
  const hashOf = (schemas: unknown[] | undefined) =>
    (schemas ?? []).filter((k) => read(k, "keyType") === "HASH").map((k) => str(read(k, "attributeName"))).filter((n): n is string => typeof n === "string");
  if (type === GSI_RESOURCE) {
    const schemas = items(props, "keySchemas");
    return [{ field: "keySchemas[HASH]", names: schemas === UNKNOWN ? [] : hashOf(schemas) }];
  }
  const keys: { field: string; names: string[] }[] = [];
  const hash = str(read(props, "hashKey"));
  if (typeof hash === "string") keys.push({ field: "hashKey", names: [hash] });
  const gsis = items(props, "globalSecondaryIndexes");
  if (gsis !== UNKNOWN && gsis) {
    gsis.forEach((g, i) => {
      const label = `globalSecondaryIndexes[${i}] (${String(str(read(g, "name")) ?? "?")})`;
      const gHash = str(read(g, "hashKey"));
      const schemas = items(g, "keySchemas");
      const names = typeof gHash === "string" ? [gHash] : hashOf(schemas === UNKNOWN ? undefined : schemas);
      keys.push({ field: typeof gHash === "string" ? `${label}.hashKey` : `${label}.keySchemas[HASH]`, names });
    });
  }
  return keys;
}

export const hotPartitionKey: ResourceValidationPolicy = {
  name: "dynamodb-hot-partition-key",
  description: "DynamoDB partition keys (table and GSI) should have high cardinality; names like status, type, isX, date or region suggest hot partitions.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: {
    properties: {
      allowKeyNames: { type: "array", items: { type: "string" }, default: [], description: "Partition key names accepted despite the heuristic (case-insensitive)." },
    },
  },
  remediationSteps: "Use a high-cardinality partition key (userId, orderId, customerId#productId) or write-shard the key with a #N suffix.",
  validateResource: (args, report) => {
    if (args.type !== TABLE && args.type !== GSI_RESOURCE) return;
    const cfg = configOf<HotKeyConfig>(args, { allowKeyNames: [] });
    const allowed = new Set(cfg.allowKeyNames.map((n) => n.toLowerCase()));
    const what = describe(args.type, args.name, args.props, args.type === GSI_RESOURCE ? "indexName" : "name");
    for (const { field, names } of partitionKeysOf(args.type, args.props)) {
      if (names.length === 0 || names.every((n) => allowed.has(n.toLowerCase()))) continue;
      // A multi-attribute GSI key is judged as a composite: low only if every attribute is.
      const family = lowCardinalityFamily(names.join("#"));
      if (!family) continue;
      report(violation(what, field, names.length === 1 ? names[0] : names,
        `the name looks like a ${family}: ${WHY[family]}; one partition serves at most 3,000 RCU/s and 1,000 WCU/s, so the key caps throughput`,
        "use a high-cardinality partition key (userId, orderId, customerId#productId), or write-shard it as \"<value>#0\"..\"<value>#N-1\" " +
        "with N computed from another attribute; if the values really are many, add the name to this policy's allowKeyNames"));
    }
  },
};

export const tablePolicies = [pitrEnabled, productionCmk, deletionProtection, billingCapacity, hotPartitionKey];
