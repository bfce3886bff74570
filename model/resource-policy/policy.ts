/**
 * Resource-based policies on the table and on its stream (`aws_dynamodb_resource_policy`, Pulumi
 * `aws.dynamodb.ResourcePolicy`): who outside the account's own IAM policies may use them, e.g. a
 * role of another account. Given as JSON text; the model checks what AWS would reject before anything
 * is registered, and reads statements that open the table to anyone (`*` principal) for `check` and the
 * policy pack. AWS: "Using resource-based policies for DynamoDB",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html
 */
import { ProblemList, didYouMean } from "../errors";
import { ACTION_NAMES, actionInfo } from "../grants/actions";

/** "The maximum size supported for a resource-based policy document is 20 KB" (DynamoDB quotas). */
export const RESOURCE_POLICY_MAX_BYTES = 20 * 1024;

export interface ResourcePolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}
export interface ResourcePolicyDocument {
  Version?: string;
  Statement: ResourcePolicyStatement | ResourcePolicyStatement[];
}

const list = <V>(v: V | V[] | undefined): V[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const statementsOf = (doc: ResourcePolicyDocument): ResourcePolicyStatement[] => list(doc.Statement);
const label = (s: ResourcePolicyStatement, i: number) => (s.Sid ? `statement ${s.Sid}` : `Statement[${i}]`);

/** The document of a policy given as JSON text or as an object; undefined when it is neither. */
export function parseResourcePolicy(policy: unknown): ResourcePolicyDocument | undefined {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return doc && typeof doc === "object" && !Array.isArray(doc) && "Statement" in doc ? doc as ResourcePolicyDocument : undefined;
  } catch {
    return undefined;
  }
}

/** True for `"*"`, `{ "AWS": "*" }` or an AWS principal list holding `"*"`: anyone, in any account. */
export function isAnyPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object" && !Array.isArray(principal)) {
    return list((principal as Record<string, unknown>).AWS as string | string[] | undefined).includes("*");
  }
  return false;
}

export interface PublicStatement {
  /** `statement <Sid>` or `Statement[i]`. */
  statement: string;
  /** The statement's Condition narrows it (e.g. aws:PrincipalOrgID); it is still reported. */
  conditioned: boolean;
}

/** Allow statements whose principal is anyone (`*`), or that use NotPrincipal (everyone but a few). */
export function publicStatements(doc: ResourcePolicyDocument): PublicStatement[] {
  return statementsOf(doc).flatMap((s, i) => (s.Effect === "Allow" && (isAnyPrincipal(s.Principal) || s.NotPrincipal !== undefined)
    ? [{ statement: label(s, i), conditioned: s.Condition !== undefined }] : []));
}

/**
 * Problems with one policy given as plain text (a Pulumi Output is only known at deployment and is
 * checked by the policy pack then). `field` names the argument; `onStream` selects which actions fit.
 */
export function checkResourcePolicy(problems: ProblemList, field: string, policy: unknown, onStream: boolean): void {
  if (policy === undefined) return;
  if (typeof policy !== "string") {
    if (policy === null || typeof policy !== "object") problems.add(field, policy, "must be a JSON policy document (text)", "pass JSON.stringify({ Version: \"2012-10-17\", Statement: [...] })");
    return; // an Output: known at deployment
  }
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch (e) {
    problems.add(field, policy, `is not valid JSON (${(e as Error).message})`, "pass JSON.stringify({ Version: \"2012-10-17\", Statement: [...] })");
    return;
  }
  const parsed = parseResourcePolicy(doc);
  if (!parsed) {
    problems.add(field, policy, "is not a policy document (no Statement)", "write { \"Version\": \"2012-10-17\", \"Statement\": [ ... ] }");
    return;
  }
  const bytes = Buffer.byteLength(policy, "utf8");
  if (bytes > RESOURCE_POLICY_MAX_BYTES) {
    problems.add(field, `(${bytes} bytes)`, `is larger than DynamoDB's ${RESOURCE_POLICY_MAX_BYTES / 1024} KB limit for a resource-based policy`,
      "merge statements, or grant through IAM roles instead");
  }
  statementsOf(parsed).forEach((s, i) => {
    const at = `${field}.Statement[${i}]`;
    if (!s || typeof s !== "object") {
      problems.add(at, s, "must be an object", "write { \"Effect\": \"Allow\", \"Principal\": {...}, \"Action\": [...] }");
      return;
    }
    if (s.Effect !== "Allow" && s.Effect !== "Deny") problems.add(`${at}.Effect`, s.Effect, "must be \"Allow\" or \"Deny\"", "write \"Effect\": \"Allow\"");
    if (s.Principal === undefined && s.NotPrincipal === undefined) {
      problems.add(`${at}.Principal`, undefined, "is required in a resource-based policy (it says who the statement is for)",
        "write \"Principal\": { \"AWS\": \"arn:aws:iam::<account>:role/<name>\" }");
    }
    const actions = s.NotAction !== undefined ? list(s.NotAction) : list(s.Action);
    if (actions.length === 0) problems.add(`${at}.Action`, undefined, "is required", "list DynamoDB actions such as \"dynamodb:GetItem\"");
    actions.forEach((action, j) => {
      const problem = actionProblem(action, onStream);
      if (problem) problems.add(`${at}.Action[${j}]`, action, problem[0], problem[1]);
    });
  });
}

/** Why an action cannot appear in the table's (or stream's) resource policy, or undefined. */
function actionProblem(action: unknown, onStream: boolean): [string, string] | undefined {
  if (typeof action !== "string") return ["must be a string", "write \"dynamodb:GetItem\""];
  if (action === "*" || action.startsWith("dynamodb:") && /[*?]/.test(action)) return undefined;
  if (!action.startsWith("dynamodb:")) return ["is not a DynamoDB action: a table's resource policy can only allow DynamoDB actions", "write \"dynamodb:<Action>\""];
  const info = actionInfo(action);
  if (!info) {
    const guess = didYouMean(action.slice("dynamodb:".length), ACTION_NAMES.map((a) => a.slice("dynamodb:".length)));
    return ["is not a DynamoDB action", guess ? `did you mean "dynamodb:${guess}"?` : "see the Service Authorization Reference's list of DynamoDB actions"];
  }
  const fits = onStream ? info.resources.includes("stream") : info.resources.some((r) => r === "table" || r === "index");
  if (!fits) {
    return onStream
      ? ["does not act on a stream", "a stream's policy allows stream actions (dynamodb:DescribeStream, GetRecords, GetShardIterator); put table actions in resourcePolicy"]
      : ["does not act on a table or index", info.resources.includes("stream") ? "put stream actions in streamResourcePolicy" : "remove it"];
  }
  return undefined;
}
