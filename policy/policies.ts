/**
 * The pack's policies, importable without side effects: tests (and other tooling) use this module;
 * only `index.ts` hands them to a `PolicyPack`, which starts a gRPC server for the Pulumi CLI.
 *
 * Enforcement: rules 1-7 set no level of their own, so they follow the pack-wide default
 * (`PACK_ENFORCEMENT_LEVEL`, mandatory); the hot-key heuristic is advisory. Both are overridable
 * per policy, or for all at once, with `--policy-pack-config` (see README.md).
 */
import { EnforcementLevel, Policies, PolicyPackArgs } from "@pulumi/policy";
import { billingCapacity, deletionProtection, hotPartitionKey, pitrEnabled, productionCmk } from "./table-policies";
import { productionProtect } from "./protect-policy";
import { provisionedAutoscaling, targetUtilization } from "./scaling-policies";
import { leastPrivilege } from "./access-policy";
import { resourcePolicyPrincipals } from "./resource-policy";

export { billingCapacity, deletionProtection, hotPartitionKey, pitrEnabled, productionCmk } from "./table-policies";
export { productionProtect } from "./protect-policy";
export { provisionedAutoscaling, targetUtilization } from "./scaling-policies";
export { leastPrivilege } from "./access-policy";
export { resourcePolicyPrincipals } from "./resource-policy";

export const PACK_NAME = "dynamodb-blueprints";
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/** In the article's checklist order. */
export const policies: Policies = [
  pitrEnabled, // 1
  productionCmk, // 2
  deletionProtection, // 3
  productionProtect, // 4
  provisionedAutoscaling, // 5
  targetUtilization, // 6
  billingCapacity, // 7
  hotPartitionKey, // 8 (advisory)
  leastPrivilege, // 9: IAM access to production tables
  resourcePolicyPrincipals, // 10: resource-based policies name their principals
];

export const packArgs: PolicyPackArgs = {
  policies,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  description: "DynamoDB production practice: PITR, customer-managed keys and protection for production tables, " +
    "auto scaling for provisioned capacity, and high-cardinality partition keys.",
  displayName: "DynamoDB blueprints",
  provider: "aws",
  tags: ["aws", "dynamodb"],
};

/** The level a policy runs at when nothing is configured (what the CLI's policy server computes). */
export const defaultEnforcementLevel = (p: Policies[number]): EnforcementLevel => p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
