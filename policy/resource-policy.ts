/**
 * Rule 10: a DynamoDB resource-based policy (table or stream) may not let any principal (`*`) in.
 * A resource policy of its own, since it judges one `aws:dynamodb/resourcePolicy:ResourcePolicy` at
 * a time; the same reading as `check` (model/resource-policy/policy.ts).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseResourcePolicy, publicStatements } from "../model/resource-policy/policy";
import { accountOfArn, broadStatements } from "../model/resource-policy/scope";
import { UNKNOWN, describe, read, violation } from "./lib";

export const RESOURCE_POLICY = "aws:dynamodb/resourcePolicy:ResourcePolicy";

export const resourcePolicyPrincipals: ResourceValidationPolicy = {
  name: "dynamodb-resource-policy-principals",
  description: "A DynamoDB table's or stream's resource-based policy may not allow any principal (\"*\"), every action " +
    "(\"dynamodb:*\", \"*\", NotAction), or another account without a Condition.",
  severity: "critical",
  remediationSteps: "Name the accounts or roles in Principal (\"AWS\": \"arn:aws:iam::<account>:role/<name>\").",
  validateResource: (args, report) => {
    if (args.type !== RESOURCE_POLICY) return;
    const raw = read(args.props, "policy");
    if (raw === UNKNOWN) return; // computed during preview; `pulumi up` re-checks with the real document
    const doc = parseResourcePolicy(raw);
    if (!doc) return;
    for (const s of publicStatements(doc)) {
      report(violation(describe(args.type, args.name, args.props, "resourceArn"), `policy ${s.statement}`, "Principal \"*\"",
        `it lets anyone${s.conditioned ? " who meets its Condition" : ""} use the table or stream, across accounts`,
        "name the accounts or roles the statement is for"));
    }
    // The same reading as `check` (project/checklist/resource-policy.ts checkResourcePolicyScope).
    const arn = read(args.props, "resourceArn");
    for (const s of broadStatements(doc, arn === UNKNOWN ? [] : [accountOfArn(arn)])) {
      report(violation(describe(args.type, args.name, args.props, "resourceArn"), `policy ${s.statement}`, s.reasons.join("; "),
        "a resource policy lets principals in without any IAM policy of this account in the way",
        "list the actions the principal needs instead of \"dynamodb:*\", \"*\" or NotAction, and give statements for other accounts a Condition (in the component's resourcePolicy / streamResourcePolicy)"));
    }
  },
};
