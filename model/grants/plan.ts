/**
 * Grants as planned resources: one `aws_iam_role_policy` per grant, holding the narrowest policy
 * document for it. The table ARN for table actions; `<arn>/index/*` only for actions that apply to
 * indexes, and only when the table has any; the stream ARN only for stream actions; with a
 * customer-managed key, the KMS actions the data access needs, on that key, only through DynamoDB in
 * the key's region (`kms:ViaService`). Replicas get the same, per replica region.
 */
import type { TableSpec } from "../types";
import { PlannedResource, Value, ref, terraformName } from "../resources";
import { GrantSpec, KMS_READ_ACTIONS, KMS_WRITE_ACTIONS } from "./types";
import { actionInfo } from "./actions";

export const GRANT_ROLE = "grant" as const;

interface Scope {
  region: Value;
  tableArn: Value;
  streamArn: Value;
  keyArn?: Value;
}

const partition: Value = { $data: "partition" };
const account: Value = { $data: "accountId" };
const sidSuffix = (region: string) => region.split("-").map((p) => p[0].toUpperCase() + p.slice(1)).join("");

/** The table's own region and one scope per replica region. */
function scopes(spec: TableSpec<unknown>, table: PlannedResource, key: PlannedResource | undefined): Scope[] {
  const cmk = spec.encryption === "CUSTOMER_MANAGED";
  const main: Scope = {
    region: spec.region ?? { $data: "region" },
    tableArn: ref(table, "arn"),
    streamArn: ref(table, "streamArn"),
    keyArn: cmk ? (key ? ref(key, "arn") : (spec.kmsKeyArn as Value)) : undefined,
  };
  const replicas = spec.replicas.map((r): Scope => {
    const tableArn: Value = { $concat: ["arn:", partition, `:dynamodb:${r.region}:`, account, ":table/", ref(table, "name")] };
    return {
      region: r.region,
      tableArn,
      streamArn: { $concat: ["arn:", partition, `:dynamodb:${r.region}:`, account, ":table/", ref(table, "name"), "/stream/*"] },
      keyArn: cmk ? (r.kmsKeyArn as Value | undefined) : undefined,
    };
  });
  return [main, ...replicas];
}

const withSuffix = (v: Value, suffix: string): Value =>
  typeof v === "object" && v !== null && "$concat" in v ? { $concat: [...(v as { $concat: never[] }).$concat, suffix] } : { $concat: [v as never, suffix] };

/** The policy document's statements for one grant (plain data with references). */
export function grantStatements(spec: TableSpec<unknown>, grant: GrantSpec<unknown>, table: PlannedResource, key?: PlannedResource): Value[] {
  const all = scopes(spec, table, key);
  const hasIndexes = spec.globalSecondaryIndexes.length + spec.localSecondaryIndexes.length > 0;
  const onTable: string[] = [];
  const onIndexes: string[] = [];
  const onStream: string[] = [];
  const unscoped: string[] = [];
  const wildcards: string[] = [];
  let reads = false;
  let writes = false;
  for (const action of grant.actions) {
    if (action.includes("*") || action.includes("?")) {
      wildcards.push(action);
      reads = writes = true;
      continue;
    }
    const info = actionInfo(action)!;
    if (info.data === "read") reads = true;
    if (info.data === "write") writes = true;
    if (info.resources.includes("table")) onTable.push(action);
    if (info.resources.includes("index") && hasIndexes) onIndexes.push(action);
    if (info.resources.includes("stream")) onStream.push(action);
    if (info.resources.includes("none")) unscoped.push(action);
  }
  const statements: Value[] = [];
  const add = (Sid: string, Action: string[], Resource: Value[] | string, Condition?: Value) => {
    if (Action.length === 0) return;
    statements.push({ Sid, Effect: "Allow", Action: [...Action], Resource, ...(Condition ? { Condition } : {}) });
  };
  add("Table", onTable, all.map((s) => s.tableArn));
  add("Indexes", onIndexes, all.map((s) => withSuffix(s.tableArn, "/index/*")));
  if (spec.streamViewType) add("Stream", onStream, all.map((s) => s.streamArn));
  add("Wildcard", wildcards, all.flatMap((s) => [s.tableArn, withSuffix(s.tableArn, "/index/*"), ...(spec.streamViewType ? [s.streamArn] : [])]));
  add("Unscoped", unscoped, "*");
  const kms = writes ? KMS_WRITE_ACTIONS : reads ? KMS_READ_ACTIONS : [];
  all.forEach((s, i) => {
    if (!s.keyArn) return;
    add(i === 0 ? "KeyViaDynamoDB" : `KeyViaDynamoDB${sidSuffix(s.region as string)}`, kms, [s.keyArn],
      { StringEquals: { "kms:ViaService": { $concat: ["dynamodb.", s.region as never, ".amazonaws.com"] } } });
  });
  return statements;
}

/** The inline policy resources for every grant of a table. */
export function planGrants(spec: TableSpec<unknown>, table: PlannedResource, key?: PlannedResource): PlannedResource[] {
  return (spec.grants ?? []).map((grant) => planGrant(spec, grant, table, key));
}

/** IAM inline policy names are at most 128 characters; a table name may be 255. */
function policyName(tableName: string, grantName: string): string {
  return `${tableName.slice(0, 128 - grantName.length - 1)}-${grantName}`;
}

export function planGrant(spec: TableSpec<unknown>, grant: GrantSpec<unknown>, table: PlannedResource, key?: PlannedResource): PlannedResource {
  return {
    type: "aws_iam_role_policy",
    name: `${spec.name}-${grant.name}-grant`,
    tfName: terraformName(`${spec.name}_${grant.name}`),
    role: GRANT_ROLE,
    comment: `${grant.access} access to table ${spec.tableName} for ${grant.roleArn !== undefined ? `role ${grant.roleArn}` : typeof grant.role === "string" ? `role ${grant.role}` : "a role from another resource (an input variable)"}.`,
    args: {
      name: policyName(spec.tableName, grant.name),
      // An ARN stays an ARN: renderers give the IAM API its name only in the ARN's own account (./role-arn.ts).
      role: grant.roleArn !== undefined ? { $roleArn: grant.roleArn } : grant.role as Value,
      policy: { $json: { Version: "2012-10-17", Statement: grantStatements(spec, grant, table, key) } },
    },
    options: { protect: false, retainOnDelete: false, ignoreChanges: [] },
  };
}
