/**
 * Checks this project adds from its model and docs/sources.md, beyond the article's eight steps: customer-
 * managed keys with rotation in production, ignoreChanges on capacities an auto scaler owns, the KMS
 * deletion window, and the state bucket's hardening.
 */
import type { CheckItem, ChecklistInput, RecordedResource } from "./types";
import {
  Finding, TYPES, count, encryptionOf, isLockTable, itemFrom, ofType, scalingTargets, tableName,
} from "./inspect";
import { isProduction } from "./production";
import { fixOn } from "./fix-text";

const MODE_TEXT = { AWS_OWNED: "AWS owned key", AWS_MANAGED: "AWS managed key (aws/dynamodb)" } as const;

/**
 * Production data tables use a customer-managed key with rotation (what ProductionTable enforces).
 * Lock tables are exempt: they hold lock ids and state digests, never application data.
 */
export function checkEncryption(input: ChecklistInput): CheckItem {
  const weak: RecordedResource[] = [];
  const findings: Finding[] = ofType(input.resources, TYPES.table).map((t): Finding => {
    const name = tableName(t);
    const enc = encryptionOf(input.resources, t);
    const production = isProduction(input, t);
    if (enc.mode !== "CUSTOMER_MANAGED") {
      if (isLockTable(t)) return { status: "PASS", text: `${name}: ${MODE_TEXT[enc.mode]}; a lock table holds no application data` };
      if (production) weak.push(t);
      return production
        ? { status: "FAIL", text: `${name}: ${MODE_TEXT[enc.mode]} on a production table` }
        : { status: "PASS", text: `${name}: ${MODE_TEXT[enc.mode]} (customer-managed keys are required in production only)` };
    }
    if (!enc.key) return { status: "WARN", text: `${name}: customer-managed key ${enc.keyArn} is not managed by this stack, so its rotation cannot be verified` };
    return enc.key.inputs.enableKeyRotation === true
      ? { status: "PASS", text: `${name}: customer-managed key ${enc.key.name}, rotation on` }
      : { status: production ? "FAIL" : "WARN", text: `${name}: customer-managed key ${enc.key.name} without automatic rotation` };
  });
  return itemFrom({ id: "encryption", title: "Customer-managed KMS keys with rotation on production tables" }, findings, {
    PASS: "Encryption at rest everywhere; every production data table uses a rotating customer-managed key.",
    WARN: "A customer-managed key's rotation is off or cannot be verified.",
    FAIL: "Production data is not under a rotating customer-managed key, as compliance regimes usually demand.",
  }, [...(weak.length ? [fixOn(input, weak, `encryption: "CUSTOMER_MANAGED"`, "ProductionTable always does")] : []), "enableKeyRotation: true on any key you pass as kmsKeyArn"].join("; "));
}

/** Capacity an auto scaler owns must be in ignoreChanges, or every update resets what it scaled to. */
export function checkIgnoreChanges(input: ChecklistInput): CheckItem {
  const tables = ofType(input.resources, TYPES.table);
  const findings: Finding[] = scalingTargets(input.resources).map((s): Finding => {
    const table = tables.find((t) => tableName(t) === s.table);
    if (!table) return { status: "WARN", text: `${s.resource.name}: scales table ${s.table}, which this stack does not create` };
    const i = (table.inputs.globalSecondaryIndexes ?? []).findIndex((g: any) => g.name === s.index);
    const path = s.index ? `globalSecondaryIndexes[${i}].${s.dimension}Capacity` : `${s.dimension}Capacity`;
    const ignored = table.ignoreChanges.includes(path) || (!!s.index && table.ignoreChanges.includes("globalSecondaryIndexes"));
    return ignored
      ? { status: "PASS", text: `${s.table}: ${path} ignored (owned by ${s.resource.name})` }
      : { status: "FAIL", text: `${s.table}: ${path} is scaled by ${s.resource.name} but not in ignoreChanges` };
  });
  const failed = findings.filter((f) => f.status === "FAIL").length;
  return itemFrom({ id: "ignore-changes", title: "ignoreChanges on auto scaled capacities" }, findings, {
    PASS: findings.length === 0 ? "No auto scaled capacity." : "Every auto scaled capacity is ignored by updates.",
    WARN: "A scaling target points at a table outside this stack.",
    FAIL: `${count(failed, "scaled capacity")} would be reset to the declared value on every update, undoing the scaler.`,
  }, `add the capacity paths to the table's ignoreChanges (Terraform: lifecycle { ignore_changes = [read_capacity, write_capacity] })`);
}

/** AWS allows a 7-30 day window; production keeps the maximum, the most time to cancel a deletion. */
export function checkKmsDeletionWindow(input: ChecklistInput): CheckItem {
  const findings: Finding[] = ofType(input.resources, TYPES.kmsKey).map((k): Finding => {
    const production = isProduction(input, k);
    const days = Number(k.inputs.deletionWindowInDays ?? 30);
    if (!(days >= 7 && days <= 30)) return { status: "FAIL", text: `${k.name}: ${days} days, outside the 7-30 AWS accepts` };
    if (production && days < 30) return { status: "WARN", text: `${k.name}: ${days} days; 30 gives the most time to cancel an accidental deletion` };
    return { status: "PASS", text: `${k.name}: ${days} days` };
  });
  return itemFrom({ id: "kms-deletion-window", title: "KMS key deletion window" }, findings, {
    PASS: findings.length === 0 ? "No customer-managed keys in this stack." : "Every key keeps a safe deletion window.",
    WARN: "A production key has less than the maximum 30-day deletion window.",
    FAIL: "A key's deletion window is outside what AWS accepts.",
  }, "set deletionWindowInDays to 30");
}

function statements(policy: unknown): any[] {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
  } catch {
    return [];
  }
}

const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** The state bucket: versioned, encrypted, all four public access blocks, a TLS-only policy. */
export function checkStateBucket(input: ChecklistInput): CheckItem {
  const findings: Finding[] = [];
  for (const bucket of ofType(input.resources, TYPES.bucket)) {
    const name = String(bucket.inputs.bucket ?? bucket.name);
    // Companion resources name the bucket by id (a reference) or by its physical name.
    const of = (type: string) => ofType(input.resources, type).find((r: RecordedResource) => r.inputs.bucket === bucket.id || r.inputs.bucket === name);
    const versioning = of(TYPES.bucketVersioning)?.inputs.versioningConfiguration?.status === "Enabled";
    const algorithm = (of(TYPES.bucketEncryption)?.inputs.rules ?? [])
      .map((r: any) => r.applyServerSideEncryptionByDefault?.sseAlgorithm).find((a: string) => SSE_ALGORITHMS.includes(a));
    const block = of(TYPES.bucketPublicAccess);
    const unblocked = PUBLIC_ACCESS_FLAGS.filter((f) => block?.inputs[f] !== true);
    const tlsOnly = statements(of(TYPES.bucketPolicy)?.inputs.policy).some((s) =>
      s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
    const missing = [
      ...(versioning ? [] : ["versioning"]),
      ...(algorithm ? [] : ["default encryption"]),
      ...(unblocked.length === 0 ? [] : [`public access block (${unblocked.join(", ")})`]),
      ...(tlsOnly ? [] : ["a TLS-only bucket policy"]),
    ];
    findings.push(missing.length === 0
      ? { status: "PASS", text: `${name}: versioned, encrypted (${algorithm}), public access blocked (all four), TLS-only policy` }
      : { status: "FAIL", text: `${name}: missing ${missing.join(", ")}` });
    if (bucket.inputs.forceDestroy === true) findings.push({ status: "WARN", text: `${name}: forceDestroy deletes every state version with the bucket` });
  }
  return itemFrom({ id: "state-bucket", title: "State bucket hardening" }, findings, {
    PASS: findings.length === 0 ? "No S3 bucket in this stack." : "The state bucket keeps history, is encrypted, private and TLS-only.",
    WARN: "The state bucket is hardened, but can be deleted with its contents.",
    FAIL: "The Terraform state (which can hold secrets) is not fully protected.",
  }, "create the bucket with TerraformStateBackend, which adds versioning, SSE, all four public access blocks and a TLS-only policy");
}
