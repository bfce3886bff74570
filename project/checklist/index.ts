/**
 * The implementation checklist: the article's eight steps plus this project's model checks, run over
 * the resources a stack registered. Pure (no Pulumi import), so every item is unit tested with
 * hand-made records and the CLI's `check` command only wires it.
 */
import type { CheckItem, CheckStatus, ChecklistInput, ChecklistReport } from "./types";
import { redactRecord } from "./inspect";
import { productionRule, productionTables } from "./production";
import { advisorHints } from "./advisor-hints";
import {
  checkAutoscaling, checkBilling, checkKeys, checkLockTable, checkModules, checkMonitoring, checkPitr, checkProtection,
} from "./article";
import { checkEncryption, checkIgnoreChanges, checkKmsDeletionWindow, checkStateBucket } from "./hardening";
import { checkSchemaLock } from "./schema-lock";
import { checkAccess, checkStreamConsumers } from "./access";
import { checkResourcePolicies, checkResourcePolicyScope } from "./resource-policy";
import { checkContributorInsights } from "./contributor-insights";

export * from "./types";
export { isProduction, productionRule, PRODUCTION_SETTING } from "./production";
export type { ProductionDeclaration } from "./production";

/** In report order: the article's steps 1-8, then the model's checks. */
export const CHECKS: ((input: ChecklistInput) => CheckItem)[] = [
  checkModules, checkKeys, checkBilling, checkAutoscaling, checkPitr, checkProtection, checkLockTable, checkMonitoring,
  checkEncryption, checkIgnoreChanges, checkKmsDeletionWindow, checkStateBucket, checkAccess, checkStreamConsumers,
];

/** Checks that report only when the stack has what they judge (issue 15's table features). */
export const OPTIONAL_CHECKS: ((input: ChecklistInput) => CheckItem | undefined)[] = [checkResourcePolicies, checkResourcePolicyScope, checkContributorInsights];

export function runChecklist(raw: ChecklistInput): ChecklistReport {
  // Secrets are unwrapped and masked first: no item may print one, nor misread a wrapped setting.
  // The tables' own `advisor` arguments are the advisors' hints; hints passed here win.
  const input = { ...raw, resources: raw.resources.map(redactRecord), hints: advisorHints(raw.blueprints, raw.hints) };
  // The lock item needs the lock file, which only the CLI reads; pure callers leave it out.
  const items = [...CHECKS, ...OPTIONAL_CHECKS, ...(input.schemaLock ? [checkSchemaLock] : [])].map((check) => check(input))
    .filter((item): item is CheckItem => item !== undefined);
  const counts: Record<CheckStatus, number> = { PASS: 0, WARN: 0, FAIL: 0 };
  for (const item of items) counts[item.status]++;
  const production = { rule: productionRule(input), stackWide: input.production?.stackWide === true, tables: productionTables(input) };
  return { stack: input.stack, production, items, counts };
}

/** 1 on any FAIL, and on any WARN when warnings are errors (`--strict`); 0 otherwise. */
export function checklistExitCode(report: ChecklistReport, strict = false): number {
  return report.counts.FAIL > 0 || (strict && report.counts.WARN > 0) ? 1 : 0;
}
