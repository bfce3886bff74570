/**
 * Validation and defaults for grants: role names or ARNs, access levels, and custom action lists
 * checked against the Service Authorization Reference's DynamoDB actions (./actions.ts) with a
 * did-you-mean. `*` actions, and actions IAM only accepts on Resource "*", need `allowWildcard`.
 */
import { ProblemList, choiceFix, didYouMean } from "../errors";
import { ACCESS_LEVELS, AccessLevel, GrantArgs, GrantSpec, presetActions } from "./types";
import { ACTION_NAMES, actionInfo } from "./actions";
import { parseRoleArn } from "./role-arn";

const GRANT_KEYS = ["role", "access", "actions", "allowWildcard", "name"];
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const GRANT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A role given as a plain string: its name (for an ARN, the last path segment), or undefined. Only a
 * label (default grant names): the role an ARN grant reaches is decided with its account (./role-arn.ts).
 */
export function roleNameOf(role: unknown): string | undefined {
  if (typeof role !== "string") return undefined;
  const arn = parseRoleArn(role);
  if (arn) return arn.name;
  return ROLE_NAME.test(role) ? role : undefined;
}

export function checkRole(problems: ProblemList, where: string, role: unknown, field = "role"): void {
  if (role === undefined || role === null || role === "") {
    problems.add(`${where}.${field}`, role, "is required", `pass the role's name or ARN, e.g. "orders-api"`);
  } else if (typeof role === "string" && roleNameOf(role) === undefined) {
    problems.add(`${where}.${field}`, role, "is not an IAM role name or role ARN",
      "use a name of 1-64 letters, digits and +=,.@_- or arn:aws:iam::<account>:role/<name>");
  }
}

/** Why an action may not be granted, or undefined when it may. */
function actionProblem(action: string, allowWildcard: boolean, hasStream: boolean): [string, string] | undefined {
  if (!action.startsWith("dynamodb:") && action.includes(":")) {
    return ["is not a DynamoDB action", "grants cover DynamoDB actions only; attach other services' permissions to the role yourself"];
  }
  if (action.includes("*") || action.includes("?")) {
    if (!allowWildcard) return ["is a wildcard, which grants actions nobody reviewed (and future ones)", "list the actions you need, or set allowWildcard: true"];
    if (!action.startsWith("dynamodb:")) return ["is a wildcard over every AWS service", `write "dynamodb:${action}" at most`];
    return undefined;
  }
  const info = actionInfo(action);
  if (!info) {
    const bare = action.replace(/^dynamodb:/, "");
    const guess = didYouMean(bare, ACTION_NAMES.map((a) => a.slice("dynamodb:".length)));
    return ["is not a DynamoDB action", guess ? `did you mean "dynamodb:${guess}"?` : "see the Service Authorization Reference's list of DynamoDB actions"];
  }
  if (info.resources.includes("none") && !allowWildcard) {
    return ["only works on Resource \"*\" (every table of the account)", "remove it, or set allowWildcard: true"];
  }
  if (!info.resources.some((r) => r === "table" || r === "index" || r === "stream" || r === "none")) {
    return ["acts on backups, exports or global-table settings, not on this table", "attach it to the role yourself, scoped to those resources"];
  }
  if (info.resources.every((r) => r === "stream") && !hasStream) {
    return ["needs the table's stream", `set streamViewType, e.g. "NEW_AND_OLD_IMAGES"`];
  }
  return undefined;
}

/** Validate `grants` (and `streamConsumer.roleName`); problems are added, nothing is thrown. */
export function validateGrants(problems: ProblemList, where: string, grants: unknown, hasStream: boolean): void {
  if (grants === undefined) return;
  if (!Array.isArray(grants)) {
    problems.add(`${where}.grants`, grants, "must be a list", `write [{ role: "orders-api", access: "read" }]`);
    return;
  }
  grants.forEach((g: GrantArgs<unknown>, i) => {
    const at = `${where}.grants[${i}]`;
    if (typeof g !== "object" || g === null) {
      problems.add(at, g, "must be an object", `write { role: "orders-api", access: "read" }`);
      return;
    }
    const known = new Set(GRANT_KEYS);
    for (const key of Object.keys(g)) {
      if (!known.has(key)) {
        const guess = didYouMean(key, GRANT_KEYS);
        problems.add(`${at}.${key}`, key, "is not a grant setting", guess ? `did you mean "${guess}"?` : `remove it; grant settings: ${GRANT_KEYS.join(", ")}`);
      }
    }
    checkRole(problems, at, g.role);
    if (!ACCESS_LEVELS.includes(g.access as AccessLevel)) {
      problems.add(`${at}.access`, g.access, "is not an access level", choiceFix(g.access, ACCESS_LEVELS));
    }
    if (g.access === "streamRead" && !hasStream) {
      problems.add(`${at}.access`, g.access, "needs the table's stream", `set streamViewType, e.g. "NEW_AND_OLD_IMAGES"`);
    }
    if (g.allowWildcard !== undefined && typeof g.allowWildcard !== "boolean") {
      problems.add(`${at}.allowWildcard`, g.allowWildcard, "must be true or false", "remove it (default false)");
    }
    if (g.name !== undefined && (typeof g.name !== "string" || !GRANT_NAME.test(g.name))) {
      problems.add(`${at}.name`, g.name, "is not a grant name", "use 1-64 letters, digits, _ - .");
    }
    if (g.access !== "custom") {
      if (g.actions !== undefined) problems.add(`${at}.actions`, "(a list)", `is only read with access "custom"`, `remove actions, or set access: "custom"`);
      return;
    }
    if (!Array.isArray(g.actions) || g.actions.length === 0) {
      problems.add(`${at}.actions`, g.actions, "must be a non-empty list of DynamoDB actions", `write ["dynamodb:GetItem", "dynamodb:Query"]`);
      return;
    }
    g.actions.forEach((action, j) => {
      if (typeof action !== "string") {
        problems.add(`${at}.actions[${j}]`, action, "must be a string", `write "dynamodb:GetItem"`);
        return;
      }
      const problem = actionProblem(action, g.allowWildcard === true, hasStream);
      if (problem) problems.add(`${at}.actions[${j}]`, action, problem[0], problem[1]);
    });
  });
}

const kebab = (access: AccessLevel) => access.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Defaulted grants, after validation. Duplicate names are reported to `problems`. */
export function resolveGrants<T>(problems: ProblemList, where: string, grants: GrantArgs<T>[] | undefined,
  consumerRole: T | undefined): GrantSpec<T>[] {
  const specs: GrantSpec<T>[] = (grants ?? []).map((g) => {
    const roleName = roleNameOf(g.role);
    const actions = g.access === "custom"
      ? [...new Set(g.actions!.map((a) => (a.startsWith("dynamodb:") ? a : `dynamodb:${a}`)))].sort()
      : presetActions(g.access);
    return {
      name: g.name ?? (roleName ? `${roleName}-${kebab(g.access)}` : kebab(g.access)),
      role: (roleName ?? g.role) as T,
      ...(parseRoleArn(g.role) ? { roleArn: g.role as string } : {}),
      access: g.access,
      actions,
      allowWildcard: g.allowWildcard === true,
    };
  });
  if (consumerRole !== undefined) {
    specs.push({ name: "stream-consumer", role: (roleNameOf(consumerRole) ?? consumerRole) as T,
      ...(parseRoleArn(consumerRole) ? { roleArn: consumerRole as string } : {}), access: "streamRead",
      actions: presetActions("streamRead"), allowWildcard: false, forStreamConsumer: true });
  }
  const seen = new Set<string>();
  specs.forEach((s, i) => {
    if (seen.has(s.name)) {
      problems.add(`${where}.grants[${i}].name`, s.name, "is used by another grant of this table", "give each grant its own name");
    }
    seen.add(s.name);
  });
  return specs;
}
