/**
 * Resource-based policies on tables and streams (`aws:dynamodb/resourcePolicy:ResourcePolicy`): an
 * Allow statement whose principal is anyone (`*`, `{ "AWS": "*" }`) or everyone-but (NotPrincipal)
 * opens the table beyond the account, so it FAILs, with or without a Condition (a condition such as
 * aws:PrincipalOrgID narrows it, but a reviewer must see it; name the accounts or roles instead).
 * Only reported for stacks that have such a policy.
 */
import type { CheckItem, ChecklistInput } from "./types";
import { Finding, itemFrom } from "./inspect";
import { RESOURCE_TYPES } from "../../model/resources";
import { parseResourcePolicy, publicStatements } from "../../model/resource-policy/policy";

export const RESOURCE_POLICY_TYPE = RESOURCE_TYPES.aws_dynamodb_resource_policy.pulumiType;

export function checkResourcePolicies(input: ChecklistInput): CheckItem | undefined {
  const policies = input.resources.filter((r) => r.type === RESOURCE_POLICY_TYPE).sort((a, b) => a.name.localeCompare(b.name));
  if (policies.length === 0) return undefined;
  const findings: Finding[] = policies.map((p): Finding => {
    const doc = parseResourcePolicy(p.inputs.policy);
    const on = typeof p.inputs.resourceArn === "string" ? p.inputs.resourceArn : "(its table)";
    if (!doc) return { status: "WARN", text: `${p.name}: the policy on ${on} is not a readable policy document` };
    const open = publicStatements(doc);
    if (open.length === 0) return { status: "PASS", text: `${p.name}: every statement names its principals (${on})` };
    return { status: "FAIL", text: `${p.name}: ${open.map((s) => `${s.statement} allows any principal${s.conditioned ? " (narrowed only by a Condition)" : ""}`).join("; ")} on ${on}` };
  });
  return itemFrom({ id: "resource-policy-principals", title: "Resource policies name their principals" }, findings, {
    PASS: "Every table and stream resource policy names the accounts or roles it lets in.",
    WARN: "A resource policy could not be read.",
    FAIL: "A resource policy lets any principal (\"*\") use a table or stream.",
  }, "name the principals (\"Principal\": { \"AWS\": \"arn:aws:iam::<account>:role/<name>\" }) in resourcePolicy / streamResourcePolicy");
}
