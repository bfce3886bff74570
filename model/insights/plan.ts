/**
 * CloudWatch Contributor Insights for DynamoDB (`aws_dynamodb_contributor_insights`, Pulumi
 * `aws.dynamodb.ContributorInsights`): the most accessed and most throttled keys of the table and of
 * chosen GSIs, the tool for finding a hot partition key. Two modes (DynamoDB API
 * UpdateContributorInsights, ContributorInsightsMode): ACCESSED_AND_THROTTLED_KEYS (every request,
 * AWS's default) and THROTTLED_KEYS (only throttled requests: cheaper, fit to leave on).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/contributorinsights_HowItWorks.html
 */
import type { TableArgs, TableSpec } from "../types";
import { ProblemList, choiceFix, didYouMean } from "../errors";
import { checkUnknownKeys } from "../rules";
import { TABLE_DEFAULTS } from "../defaults";
import { PlannedResource, ref, terraformName } from "../resources";
import { CONTRIBUTOR_INSIGHTS_MODES, ContributorInsightsArgs, ContributorInsightsSpec } from "./types";

export * from "./types";

export const CONTRIBUTOR_INSIGHTS_ROLE = "contributorInsights";
const KEYS = ["mode", "indexes", "importAccountId"];

export function validateContributorInsights(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const ci = args.contributorInsights;
  if (ci === undefined) return;
  const at = `${where}.contributorInsights`;
  if (typeof ci !== "object" || ci === null || Array.isArray(ci)) {
    problems.add(at, ci, "must be an object", `write contributorInsights: { mode: "THROTTLED_KEYS" } (or {} for the defaults)`);
    return;
  }
  checkUnknownKeys(problems, at, ci, KEYS);
  if (ci.mode !== undefined && !CONTRIBUTOR_INSIGHTS_MODES.includes(ci.mode)) {
    problems.add(`${at}.mode`, ci.mode, "is not a Contributor Insights mode", choiceFix(ci.mode, CONTRIBUTOR_INSIGHTS_MODES));
  }
  if (ci.importAccountId !== undefined) {
    if (typeof ci.importAccountId !== "string" || !/^\d{12}$/.test(ci.importAccountId)) {
      problems.add(`${at}.importAccountId`, ci.importAccountId, "is not a 12-digit AWS account id", "write the table's account, e.g. \"123456789012\"");
    } else if (args.importFrom === undefined) {
      problems.add(`${at}.importAccountId`, ci.importAccountId, "imports the insights of a table that is not imported", "set importFrom as well, or remove importAccountId");
    }
  }
  if (ci.indexes === undefined) return;
  if (!Array.isArray(ci.indexes)) {
    problems.add(`${at}.indexes`, ci.indexes, "must be a list of GSI names", `write indexes: ["byCustomer"]`);
    return;
  }
  const gsis = Array.isArray(args.globalSecondaryIndexes) ? args.globalSecondaryIndexes.map((g) => g?.name).filter((n): n is string => typeof n === "string") : [];
  const lsis = Array.isArray(args.localSecondaryIndexes) ? args.localSecondaryIndexes.map((l) => l?.name) : [];
  const seen = new Set<string>();
  ci.indexes.forEach((name, i) => {
    const field = `${at}.indexes[${i}]`;
    if (typeof name !== "string") problems.add(field, name, "must be a GSI name", `write "byCustomer"`);
    else if (seen.has(name)) problems.add(field, name, "is listed twice", "list each index once");
    else if (lsis.includes(name)) problems.add(field, name, "is a local secondary index; Contributor Insights covers the table and its GSIs", "remove it (the table's own insights include LSI reads)");
    else if (!gsis.includes(name)) {
      const guess = didYouMean(name, gsis);
      problems.add(field, name, "is not a global secondary index of this table", guess ? `did you mean "${guess}"?` : gsis.length ? `use one of ${gsis.map((g) => `"${g}"`).join(", ")}` : "add the GSI first, or remove it");
    }
    if (typeof name === "string") seen.add(name);
  });
}

export function resolveContributorInsights(args: ContributorInsightsArgs | undefined): ContributorInsightsSpec | undefined {
  if (args === undefined) return undefined;
  return { mode: args.mode ?? TABLE_DEFAULTS.contributorInsights.mode, indexes: [...(args.indexes ?? [])], ...(args.importAccountId ? { importAccountId: args.importAccountId } : {}) };
}

/** One resource for the table and one per chosen GSI (each is enabled by its own API call). */
export function planContributorInsights(spec: TableSpec<unknown>, table: PlannedResource): PlannedResource[] {
  const ci = spec.contributorInsights;
  if (!ci) return [];
  const plain = { protect: false, retainOnDelete: false, ignoreChanges: [] as string[] };
  // The provider's id: name:TABLE/index:INDEX/ACCOUNT (index empty for the table's own insights;
  // terraform-provider-aws internal/service/dynamodb/contributor_insights.go, contributorInsightsCreateResourceID).
  const importId = (index?: string) => (ci.importAccountId && spec.importFrom ? { importId: `name:${spec.importFrom}/index:${index ?? ""}/${ci.importAccountId}` } : {});
  const one = (index?: string): PlannedResource => ({
    type: "aws_dynamodb_contributor_insights",
    name: `${spec.name}${index ? `-${index}` : ""}-insights`,
    tfName: terraformName(index ? `${spec.name}_${index}` : spec.name),
    role: CONTRIBUTOR_INSIGHTS_ROLE,
    args: { tableName: ref(table, "name"), ...(index ? { indexName: index } : {}), mode: ci.mode },
    options: { ...plain, ...importId(index) },
  });
  return [one(), ...ci.indexes.map((i) => one(i))];
}
