/**
 * Vocabulary of `adopt`: turning an existing table (its AWS API responses, or its Terraform state) into
 * a blueprint declaration that imports it with no diff. Pure: no SDK or Pulumi import, so the mapping
 * is unit tested with recorded responses, including those of APIs the local emulator lacks.
 */
import type { Declaration } from "../reference-stack";

/** An answer that may be missing: the endpoint refused or does not implement the call. */
export type Probe<T> = { known: true; value: T } | { known: false; reason: string };

export const known = <T>(value: T): Probe<T> => ({ known: true, value });
export const unknown = <T = never>(reason: string): Probe<T> => ({ known: false, reason });

/** A setting adopt could not read: reported as "unknown", never guessed. */
export interface UnknownSetting {
  setting: string;
  /** Which call failed and why. */
  reason: string;
  /** What the generated component does about it (the blueprint's default applies). */
  effect: string;
}

/** Something the table has that the blueprint does not manage; left as it is and listed. */
export interface NotAdopted {
  what: string;
  why: string;
}

/** A customer-managed key adopted next to the component (the component references it). */
export interface AdoptedKmsKey {
  /** Pulumi logical name / Terraform resource name basis. */
  name: string;
  /** KMS key id: the import id of `aws_kms_key` in both tools. */
  keyId: string;
  arn: string;
  /** Pulumi-shaped arguments of `aws.kms.Key`, exactly as the key is. */
  args: Record<string, unknown>;
  /** Pulumi `ignoreChanges` of the imported key: inputs the Pulumi program cannot state exactly. */
  ignoreChanges?: string[];
}

/** An optional best-practice change, never part of the import itself. */
export interface FollowUp {
  /** Checklist item id or advisor rule. */
  id: string;
  title: string;
  status: "WARN" | "FAIL" | "info";
  reason: string;
  fix?: string;
}

export interface Adoption {
  tableName: string;
  /** Where the settings came from: `table orders (us-east-1)` or `terraform.tfstate aws_dynamodb_table.orders`. */
  source: string;
  declaration: Extract<Declaration, { kind: "DynamoTable" | "ProductionTable" | "StateLockTable" }>;
  kmsKey?: AdoptedKmsKey;
  unknown: UnknownSetting[];
  notAdopted: NotAdopted[];
}
