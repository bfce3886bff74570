/**
 * The blueprint's defaults, one home for each: the field table (model/table-fields.ts), the spec
 * resolver (model/table.ts), the Terraform module's variable defaults and the adopt command read them.
 */
export const TABLE_DEFAULTS = {
  billingMode: "PAY_PER_REQUEST",
  pointInTimeRecovery: true,
  recoveryPeriodInDays: 35,
  encryption: "AWS_OWNED",
  deletionProtection: false,
  projectionType: "ALL",
  targetUtilization: 70,
  scaleInCooldown: 60,
  scaleOutCooldown: 60,
  monitoring: {
    throttleThreshold: 1,
    systemErrorThreshold: 1,
    userErrors: false,
    consumedCapacityPercent: 80,
    replicationLatencyMs: 60_000,
    periodSeconds: 60,
    evaluationPeriods: 5,
  },
  streamConsumer: { batchSize: 100, startingPosition: "LATEST", maximumRetryAttempts: 3, bisectBatchOnFunctionError: true },
  /** AWS's own default mode (DynamoDB API UpdateContributorInsights, ContributorInsightsMode). */
  contributorInsights: { mode: "ACCESSED_AND_THROTTLED_KEYS" },
} as const;
