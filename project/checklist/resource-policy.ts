/**
 * Resource-based policies on tables and streams (`aws:dynamodb/resourcePolicy:ResourcePolicy`): an
 * Allow statement whose principal is anyone (`*`, `{ "AWS": "*" }`) or everyone-but (NotPrincipal)
 * opens the table beyond the account, so it FAILs, with or without a Condition (a condition such as
 * aws:PrincipalOrgID narrows it, but a reviewer must see it; name the accounts or roles instead).
 * Only reported for stacks that have such a policy.
 */
import type { CheckItem, ChecklistInput, RecordedResource } from "./types";
import { COMPONENT_PREFIX, Finding, itemFrom } from "./inspect";
import { accountOfArn, broadStatements } from "../../model/resource-policy/scope";
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

/** `DynamoTable "orders" resourcePolicy`: the component argument a recorded policy came from (model/resource-policy/plan.ts names). */
function argumentOf(policy: RecordedResource): string {
  const field = policy.name.endsWith("-stream-resource-policy") ? "streamResourcePolicy" : "resourcePolicy";
  const component = policy.parent && policy.parent.type.startsWith(COMPONENT_PREFIX) ? `${policy.parent.type.slice(COMPONENT_PREFIX.length)} "${policy.parent.name}" ` : "";
  return `${component}${field}`;
}

/**
 * Statements that let in more than named actions for named accounts (model/resource-policy/scope.ts):
 * `dynamodb:*` or `*`, NotAction, another account with no Condition. FAIL, with the fix naming the
 * component argument that holds the statement. Only reported for stacks that have a resource policy.
 */
export function checkResourcePolicyScope(input: ChecklistInput): CheckItem | undefined {
  const policies = input.resources.filter((r) => r.type === RESOURCE_POLICY_TYPE).sort((a, b) => a.name.localeCompare(b.name));
  if (policies.length === 0) return undefined;
  const broad: string[] = [];
  const otherAccounts = new Set<string>();
  const findings: Finding[] = policies.map((p): Finding => {
    const doc = parseResourcePolicy(p.inputs.policy);
    const on = typeof p.inputs.resourceArn === "string" ? p.inputs.resourceArn : "(its table)";
    if (!doc) return { status: "WARN", text: `${p.name}: the policy on ${on} is not a readable policy document` };
    // The table ARN's account is the mocks' stand-in under `check`, so a stack's real account is only
    // known when the stack pins it with the provider's allowedAccountIds.
    const found = broadStatements(doc, [accountOfArn(p.inputs.resourceArn), ...(input.ownAccounts ?? [])]);
    for (const s of found) for (const a of s.otherAccounts) otherAccounts.add(a);
    if (found.length === 0) return { status: "PASS", text: `${p.name}: named actions, and a Condition for every other account (${on})` };
    broad.push(argumentOf(p));
    return { status: "FAIL", text: `${p.name} (${argumentOf(p)}): ${found.map((s) => `${s.statement} ${s.reasons.join(", ")}`).join("; ")} on ${on}` };
  });
  return itemFrom({ id: "resource-policy-scope", title: "Resource policies allow named actions, and other accounts only under a Condition" }, findings, {
    PASS: "Every table and stream resource policy lists its actions and puts a Condition on other accounts.",
    WARN: "A resource policy could not be read.",
    FAIL: "A resource policy allows every action, uses NotAction, or lets another account in without a Condition.",
  }, `in ${[...new Set(broad)].join(", ") || "resourcePolicy / streamResourcePolicy"}: list the actions the principal needs (e.g. "dynamodb:GetItem", ` +
    `"dynamodb:Query") instead of "dynamodb:*", "*" or NotAction, and give statements for other accounts a Condition ` +
    `(e.g. { "StringEquals": { "aws:PrincipalOrgID": "o-..." } } or aws:SourceVpce)` +
    (otherAccounts.size > 0 && !(input.ownAccounts ?? []).length
      ? `; if ${[...otherAccounts].join(", ")} is this stack's own account, say so with the AWS provider's own setting ` +
        `(aws:allowedAccountIds: ["${[...otherAccounts][0]}"] in Pulumi.${input.stack}.yaml), which also stops a deploy into any other account`
      : ""));
}
