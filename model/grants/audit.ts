/**
 * Reading IAM policies that touch DynamoDB tables, for `check`, `plan` and the policy pack: which
 * statements are too broad (`dynamodb:*`, `*`, or any DynamoDB action on Resource "*"), whether a
 * policy reaches a given table, and what it lets its principal do there, by evaluating every
 * DynamoDB action (./actions.ts) with the policy evaluator (./evaluate.ts).
 */
import { ACTION_NAMES } from "./actions";
import { PolicyDocument, PolicyStatement, evaluatePolicies, wildcardMatch } from "./evaluate";

/** Pulumi types of IAM resources that hold an identity policy document in `policy`. */
export const IAM_POLICY_TYPES = [
  "aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy",
];

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const statementsOf = (doc: PolicyDocument): PolicyStatement[] => (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]);

/** A policy given as JSON text or as an object; undefined when it is neither (or unknown). */
export function parsePolicy(policy: unknown): PolicyDocument | undefined {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return doc && typeof doc === "object" && "Statement" in doc ? doc as PolicyDocument : undefined;
  } catch {
    return undefined;
  }
}

export interface BroadStatement {
  /** `Sid`, or `Statement[i]` without one. */
  statement: string;
  reason: string;
}

/** Allow statements granting every DynamoDB action, or DynamoDB actions on every resource. */
export function broadDynamoStatements(doc: PolicyDocument): BroadStatement[] {
  const found: BroadStatement[] = [];
  statementsOf(doc).forEach((s, i) => {
    if (s.Effect !== "Allow") return;
    const label = s.Sid ? `statement ${s.Sid}` : `Statement[${i}]`;
    const patterns = list(s.Action);
    const dynamo = s.NotAction !== undefined ? ["(NotAction)"] : patterns.filter((p) => ACTION_NAMES.some((a) => wildcardMatch(p, a, true)));
    if (dynamo.length === 0) return;
    const all = s.NotAction !== undefined ? "NotAction (every action but a few)"
      : patterns.find((p) => ACTION_NAMES.every((a) => wildcardMatch(p, a, true)));
    if (all) found.push({ statement: label, reason: `allows ${all === "*" || all.includes("NotAction") ? all : `"${all}"`}, every DynamoDB action` });
    if (list(s.Resource).includes("*") || s.NotResource !== undefined) {
      found.push({ statement: label, reason: `allows ${dynamo.join(", ")} on Resource "*" (every table of the account)` });
    }
  });
  return found;
}

/** What a policy allows on a table: bare DynamoDB action names, per resource (table, index, stream). */
export function accessOn(doc: PolicyDocument, tableArn: string, indexNames: string[] = [], streamArn?: string): { table: string[]; index: string[]; stream: string[] } {
  const allowed = (resource: string) => ACTION_NAMES
    .filter((action) => evaluatePolicies([doc], { action, resource }) === "Allow")
    .map((a) => a.slice("dynamodb:".length));
  return {
    table: allowed(tableArn),
    index: indexNames.length ? allowed(`${tableArn}/index/${indexNames[0]}`) : [],
    stream: streamArn ? allowed(streamArn) : [],
  };
}

/** True when the policy allows any DynamoDB action on the table, its indexes or its stream. */
export function touches(doc: PolicyDocument, tableArn: string, indexNames: string[] = [], streamArn?: string): boolean {
  const a = accessOn(doc, tableArn, indexNames, streamArn);
  return a.table.length + a.index.length + a.stream.length > 0;
}
