/**
 * What an Allow statement of a table's or stream's resource policy lets in, beyond its principals
 * (./policy.ts judges those): every DynamoDB action (`*`, `dynamodb:*`: DeleteTable, PutResourcePolicy
 * and actions AWS adds later included), NotAction (every action it does not list, present and future),
 * and principals of another account with no Condition at all. A resource policy is how another
 * account gets in without any IAM policy of ours in the way, so each of those is a FAIL in `check` and
 * a violation in policy rule 10. AWS: "Using resource-based policies for DynamoDB",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html,
 * and IAM's warning on NotAction with Allow:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 */
import { ResourcePolicyDocument, statementsOf } from "./policy";

export interface BroadStatement {
  /** `statement <Sid>` or `Statement[i]`. */
  statement: string;
  /** What it lets in, one phrase each. */
  reasons: string[];
  /** The accounts it lets in without a Condition that are not known as the stack's own. */
  otherAccounts: string[];
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The account a resource ARN (`arn:aws:dynamodb:<region>:<account>:table/...`) belongs to. */
export const accountOfArn = (arn: unknown): string | undefined =>
  typeof arn === "string" ? /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(arn)?.[1] : undefined;

/** Accounts named by an AWS principal: `"111122223333"`, `arn:...:iam::111122223333:role/x`, `...:sts::...`. */
function principalAccounts(principal: unknown): string[] {
  if (!principal || typeof principal !== "object" || Array.isArray(principal)) return [];
  return list((principal as Record<string, unknown>).AWS).flatMap((p) => {
    if (typeof p !== "string") return [];
    const account = /^\d{12}$/.test(p) ? p : /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p)?.[1];
    return account ? [account] : [];
  });
}

/**
 * Allow statements that grant every action, use NotAction, or let another account in without a
 * Condition. `ownAccounts` are the accounts the stack deploys to: the table's own (from its ARN) and
 * any the stack pins with the AWS provider's `allowedAccountIds`; any other named account counts as
 * another one (so with none known, every named account does).
 */
export function broadStatements(doc: ResourcePolicyDocument, ownAccounts: readonly (string | undefined)[]): BroadStatement[] {
  return statementsOf(doc).flatMap((s, i) => {
    if (!s || typeof s !== "object" || s.Effect !== "Allow") return [];
    const reasons: string[] = [];
    const every = list(s.Action).filter((a) => a === "*" || a === "dynamodb:*");
    if (every.length > 0) reasons.push(`allows ${every.map((a) => `"${a}"`).join(", ")} (every DynamoDB action, DeleteTable and future ones included)`);
    if (s.NotAction !== undefined) reasons.push("uses NotAction (it allows every action it does not list, future ones included)");
    const others = [...new Set(principalAccounts(s.Principal).filter((a) => !ownAccounts.includes(a)))];
    const crossAccount = others.length > 0 && s.Condition === undefined ? others : [];
    if (crossAccount.length > 0) {
      reasons.push(`lets account${others.length === 1 ? "" : "s"} ${others.join(", ")} in without a Condition`);
    }
    return reasons.length > 0 ? [{ statement: s.Sid ? `statement ${s.Sid}` : `Statement[${i}]`, reasons, otherAccounts: crossAccount }] : [];
  });
}
