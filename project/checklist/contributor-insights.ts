/**
 * Contributor Insights (`aws:dynamodb/contributorInsights:ContributorInsights`) where it pays: a table
 * or GSI whose partition key the key advisor flags (step 2) should have it, so the hot keys show up in
 * CloudWatch instead of being guessed; THROTTLED_KEYS mode is cheap enough to leave on. And where it
 * leaks: its graphs show partition and sort key values in plaintext, which AWS advises against for
 * tables that need their keys under a KMS key (UpdateContributorInsights API reference). Reported only
 * for stacks with a flagged key or with Contributor Insights.
 */
import type { CheckItem, ChecklistInput, RecordedResource } from "./types";
import { Finding, TYPES, encryptionOf, itemFrom, ofType, tableKeys, tableName } from "./inspect";
import { adviseKeys } from "../../model/advice/key-design";
import { RESOURCE_TYPES } from "../../model/resources";

export const CONTRIBUTOR_INSIGHTS_TYPE = RESOURCE_TYPES.aws_dynamodb_contributor_insights.pulumiType;

/** The Contributor Insights resource of a table (or one of its GSIs), matched by physical names. */
function insightsOn(all: RecordedResource[], table: string, index?: string): RecordedResource | undefined {
  return all.find((r) => r.type === CONTRIBUTOR_INSIGHTS_TYPE && r.inputs.tableName === table && (r.inputs.indexName ?? undefined) === index);
}

export function checkContributorInsights(input: ChecklistInput): CheckItem | undefined {
  const findings: Finding[] = [];
  for (const t of ofType(input.resources, TYPES.table)) {
    const name = tableName(t);
    const flagged = adviseKeys({ table: name, ...tableKeys(t), keyHints: input.hints?.keys?.[name] })
      .filter((a) => a.severity !== "info" && a.field === "partitionKey");
    const places = [...new Set(flagged.map((a) => a.index))];
    const enc = encryptionOf(input.resources, t);
    const kms = enc.mode !== "AWS_OWNED";
    for (const index of places) {
      const where = index ? `${name} index ${index}` : name;
      const key = flagged.find((a) => a.index === index)!.value;
      const on = insightsOn(input.resources, name, index);
      findings.push(on
        ? { status: "PASS", text: `${where}: partition key ${key} is flagged, and Contributor Insights (${on.inputs.mode ?? "ACCESSED_AND_THROTTLED_KEYS"}) shows its hot keys` }
        : kms
          ? { status: "PASS", text: `${where}: partition key ${key} is flagged; Contributor Insights stays off, since it would show a KMS-encrypted table's key values in plaintext (the throttle alarms watch it)` }
          : { status: "WARN", text: `${where}: partition key ${key} is flagged as low-cardinality; Contributor Insights would show which values are hot` });
    }
    const enabled = input.resources.filter((r) => r.type === CONTRIBUTOR_INSIGHTS_TYPE && r.inputs.tableName === name);
    if (enabled.length > 0 && kms) {
      findings.push({ status: "WARN", text: `${name}: Contributor Insights shows key values in plaintext in CloudWatch, and the table is encrypted with a ${enc.mode === "CUSTOMER_MANAGED" ? "customer-managed" : "AWS managed"} KMS key` });
    }
  }
  if (findings.length === 0) return undefined;
  return itemFrom({ id: "contributor-insights", title: "Contributor Insights where keys may run hot" }, findings, {
    PASS: "Every flagged partition key has Contributor Insights, or its table's keys must stay under KMS.",
    WARN: "A flagged partition key has no Contributor Insights, or Contributor Insights exposes the keys of a KMS-encrypted table.",
    FAIL: "",
  }, "set contributorInsights: { mode: \"THROTTLED_KEYS\", indexes: [...] } on tables with flagged keys; leave it off where key values must stay under KMS");
}
