/**
 * Contributor Insights arguments (pure data, no imports: model/types.ts refers to them). Modes: DynamoDB
 * API UpdateContributorInsights, ContributorInsightsMode.
 */
export const CONTRIBUTOR_INSIGHTS_MODES = ["ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"] as const;
/** What Contributor Insights records: every request's keys, or only throttled requests' keys. */
export const ContributorInsightsMode = {
  ACCESSED_AND_THROTTLED_KEYS: "ACCESSED_AND_THROTTLED_KEYS", THROTTLED_KEYS: "THROTTLED_KEYS",
} as const;
export type ContributorInsightsMode = (typeof CONTRIBUTOR_INSIGHTS_MODES)[number];

/** Contributor Insights on the table, and on the GSIs named in `indexes`. */
export interface ContributorInsightsArgs {
  /** ACCESSED_AND_THROTTLED_KEYS (default, AWS's) or THROTTLED_KEYS (only throttled requests; cheaper to leave on). */
  mode?: ContributorInsightsMode;
  /** Names of global secondary indexes to enable it on as well. Default none. */
  indexes?: string[];
  /**
   * Insights already enabled on an adopted table (`importFrom`): import them instead of enabling them.
   * The provider's import id names the account (`name:TABLE/index:INDEX/ACCOUNT`), so give the table's
   * 12-digit account id. `adopt` sets it.
   */
  importAccountId?: string;
}

export interface ContributorInsightsSpec {
  mode: ContributorInsightsMode;
  indexes: string[];
  importAccountId?: string;
}
