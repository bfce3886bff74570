/**
 * A small IAM policy evaluator for identity policies: explicit Deny wins, then any Allow, else the
 * implicit deny. Supports what grants emit and what reviewers write by hand: `Action`/`NotAction`
 * with `*` and `?` wildcards (case-insensitive, as IAM matches actions), `Resource`/`NotResource`
 * with ARN wildcards (case-sensitive), and the StringEquals / StringNotEquals / StringLike
 * conditions. Any other condition operator throws rather than guessing, so a result is never silently
 * wrong. It models one policy set, not SCPs, boundaries, sessions or resource policies.
 */
export type Effect = "Allow" | "Deny";
export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface PolicyStatement {
  Sid?: string;
  Effect: Effect;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface AccessRequest {
  /** `dynamodb:GetItem` */
  action: string;
  /** The resource ARN the call acts on. */
  resource: string;
  /** Request context keys (`kms:ViaService`, ...). */
  context?: Record<string, string>;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's wildcard match: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s").test(value);
}

function conditionHolds(condition: PolicyStatement["Condition"], context: Record<string, string>): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      // Condition keys are case-insensitive; values are compared as the operator says.
      const actualKey = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
      const actual = actualKey === undefined ? undefined : context[actualKey];
      const values = list(expected);
      switch (operator) {
        case "StringEquals":
          if (actual === undefined || !values.includes(actual)) return false;
          break;
        case "StringNotEquals":
          if (actual !== undefined && values.includes(actual)) return false;
          break;
        case "StringLike":
          if (actual === undefined || !values.some((p) => wildcardMatch(p, actual))) return false;
          break;
        default:
          throw new Error(`policy evaluator: condition operator ${operator} is not supported`);
      }
    }
  }
  return true;
}

function statementMatches(s: PolicyStatement, request: AccessRequest): boolean {
  const actionMatch = s.NotAction !== undefined
    ? !list(s.NotAction).some((p) => wildcardMatch(p, request.action, true))
    : list(s.Action).some((p) => wildcardMatch(p, request.action, true));
  if (!actionMatch) return false;
  const resourceMatch = s.NotResource !== undefined
    ? !list(s.NotResource).some((p) => wildcardMatch(p, request.resource))
    : list(s.Resource).some((p) => wildcardMatch(p, request.resource));
  return resourceMatch && conditionHolds(s.Condition, request.context ?? {});
}

/** The decision of a set of identity policies for one request. */
export function evaluatePolicies(policies: PolicyDocument[], request: AccessRequest): Decision {
  const statements = policies.flatMap((p) => (Array.isArray(p.Statement) ? p.Statement : [p.Statement]));
  const matching = statements.filter((s) => statementMatches(s, request));
  if (matching.some((s) => s.Effect === "Deny")) return "ExplicitDeny";
  return matching.some((s) => s.Effect === "Allow") ? "Allow" : "ImplicitDeny";
}
