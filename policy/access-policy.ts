/**
 * Rule 9: least-privilege access to production tables. A stack policy, because it judges IAM
 * policies against the tables they reach: any identity policy (role, user, group or managed policy)
 * in the stack that allows `dynamodb:*` / `*`, or a DynamoDB action on Resource "*", and reaches a
 * production-tagged table is a violation. Grants (components' `grants` / `grant…(role)`) never are.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { IAM_POLICY_TYPES, broadDynamoStatements, parsePolicy, touches } from "../model/grants/audit";
import { PRODUCTION_DEFAULTS, ProductionConfig, TABLE, UNKNOWN, configOf, describe, productionSchema, productionTag, read, violation } from "./lib";

/** Without a known ARN (preview) a table is reached by `*` or by a resource naming `table/<name>`. */
function reaches(doc: NonNullable<ReturnType<typeof parsePolicy>>, props: unknown): boolean {
  const arn = read(props, "arn");
  if (typeof arn === "string" && arn) {
    const indexes = read(props, "globalSecondaryIndexes");
    const names = Array.isArray(indexes) ? indexes.map((g) => String(read(g, "name"))) : [];
    const stream = read(props, "streamArn");
    return touches(doc, arn, names, typeof stream === "string" && stream ? stream : undefined);
  }
  const name = read(props, "name");
  const resources = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).flatMap((s) => [s.Resource ?? []].flat());
  return resources.includes("*") || (typeof name === "string" && resources.some((r) => r.includes(`:table/${name}`)));
}

export const leastPrivilege: StackValidationPolicy = {
  name: "dynamodb-least-privilege",
  description: "No IAM policy may grant dynamodb:* (or *) or a \"*\" resource over a production-tagged DynamoDB table.",
  severity: "high",
  configSchema: { properties: { ...productionSchema } },
  remediationSteps: "Use the table components' grants (grants: [{ role, access: \"read\" }] or table.grantReadData(role)), which list actions and ARNs.",
  validateStack: (args, report) => {
    const cfg = configOf<ProductionConfig>(args, PRODUCTION_DEFAULTS);
    const production = args.resources.filter((r) => r.type === TABLE).map((r) => ({ r, prod: productionTag(r.props, r.provider, cfg) }))
      .filter((t) => t.prod.evidence);
    if (production.length === 0) return;
    for (const p of args.resources) {
      if (!IAM_POLICY_TYPES.includes(p.type)) continue;
      const raw = read(p.props, "policy");
      if (raw === UNKNOWN) continue; // computed during preview; `pulumi up` re-checks with the real document
      const doc = parsePolicy(raw);
      if (!doc) continue;
      const broad = broadDynamoStatements(doc);
      if (broad.length === 0) continue;
      const hit = production.filter((t) => reaches(doc, t.r.props));
      if (hit.length === 0) continue;
      for (const b of broad) {
        report(violation(`${describe(p.type, p.name, p.props)}, reaching production table ${hit.map((t) => `${String(read(t.r.props, "name"))} (${t.prod.evidence})`).join(", ")}`,
          `policy ${b.statement}`, b.reason.replace(/^allows /, ""),
          "it lets the principal do more than it needs to production data (including actions added to DynamoDB later)",
          "grant named actions on the table's ARN, its /index/* and stream ARNs only: use the components' grants"), p.urn);
      }
    }
  },
};
