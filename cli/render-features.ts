/**
 * `plan` settings of the table features that are resources of their own (issue 15): what a reviewer
 * needs to judge each one at a glance.
 */
import { parseResourcePolicy, publicStatements, statementsOf } from "../model/resource-policy/policy";

/** A resource policy: what it is attached to, its statements (Sid or Effect) and any that let anyone in. */
export function resourcePolicySettings(i: Record<string, any>): Record<string, unknown> {
  const doc = parseResourcePolicy(i.policy);
  if (!doc) return { on: i.resourceArn };
  const open = publicStatements(doc).map((s) => s.statement);
  return {
    on: i.resourceArn,
    statements: statementsOf(doc).map((s) => s.Sid ?? s.Effect),
    principals: [...new Set(statementsOf(doc).flatMap((s) => principalsOf(s.Principal)))],
    ...(open.length > 0 ? { anyPrincipal: open } : {}),
  };
}

function principalsOf(p: unknown): string[] {
  if (typeof p === "string") return [p];
  if (p && typeof p === "object") return Object.values(p as Record<string, unknown>).flat().map(String);
  return [];
}
