/**
 * Access checks: IAM policies in the stack that reach a table must be narrow (no `dynamodb:*`, no
 * `*` action, no DynamoDB action on Resource "*"), FAIL for production tables; and a stream
 * consumer's function role must be able to read the stream, or `check` lists exactly what it needs.
 */
import type { CheckItem, ChecklistInput, RecordedResource } from "./types";
import { Finding, TYPES, encryptionOf, itemFrom, ofType, once, tableName } from "./inspect";
import { isProduction } from "./production";
import { IAM_POLICY_TYPES, accessOn, broadDynamoStatements, parsePolicy, touches } from "../../model/grants/audit";
import { KMS_READ_ACTIONS, STREAM_ACTIONS } from "../../model/grants/types";


const principalOf = (p: RecordedResource) => String(p.inputs.role ?? p.inputs.user ?? p.inputs.group ?? p.inputs.name ?? p.name);
const indexNames = (t: RecordedResource) => [...(t.inputs.globalSecondaryIndexes ?? []), ...(t.inputs.localSecondaryIndexes ?? [])].map((i: any) => String(i.name));
const streamOf = (t: RecordedResource) => (typeof t.outputs?.streamArn === "string" && t.outputs.streamArn ? t.outputs.streamArn as string : undefined);

/** IAM policies of the stack with their parsed documents, by name (registration order is not stable). */
export function iamPolicies(resources: RecordedResource[]) {
  // Asked for every table by `plan` (accessToTable): parsed once per list (project/checklist/inspect.ts `once`).
  return once(resources, "iam policies", () => Object.freeze(resources.filter((r) => IAM_POLICY_TYPES.includes(r.type)).sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ resource: r, doc: parsePolicy(r.inputs.policy) }))
    .filter((p): p is { resource: RecordedResource; doc: NonNullable<ReturnType<typeof parsePolicy>> } => p.doc !== undefined)));
}

/** Who can do what to a table: one entry per policy that reaches it (for `plan`). */
export function accessToTable(resources: RecordedResource[], t: RecordedResource): { principal: string; policy: string; table: string[]; index: string[]; stream: string[] }[] {
  const arn = t.outputs?.arn;
  if (typeof arn !== "string") return [];
  return iamPolicies(resources)
    .map((p) => ({ principal: principalOf(p.resource), policy: p.resource.name, ...accessOn(p.doc, arn, indexNames(t), streamOf(t)) }))
    .filter((a) => a.table.length + a.index.length + a.stream.length > 0);
}

export function checkAccess(input: ChecklistInput): CheckItem {
  const tables = ofType(input.resources, TYPES.table).filter((t) => typeof t.outputs?.arn === "string");
  const findings: Finding[] = [];
  for (const p of iamPolicies(input.resources)) {
    const reached = tables.filter((t) => touches(p.doc, t.outputs!.arn, indexNames(t), streamOf(t)));
    if (reached.length === 0) continue;
    const broad = broadDynamoStatements(p.doc);
    const who = `${p.resource.name} (${principalOf(p.resource)})`;
    if (broad.length === 0) {
      findings.push({ status: "PASS", text: `${who}: scoped to ${reached.map(tableName).join(", ")}` });
      continue;
    }
    const production = reached.filter((t) => isProduction(input, t));
    for (const b of broad) {
      findings.push(production.length > 0
        ? { status: "FAIL", text: `${who}: ${b.statement} ${b.reason}; reaches production table ${production.map(tableName).join(", ")}` }
        : { status: "WARN", text: `${who}: ${b.statement} ${b.reason}; reaches ${reached.map(tableName).join(", ")}` });
    }
  }
  return itemFrom({ id: "least-privilege", title: "IAM access to tables is least-privilege" }, findings, {
    PASS: findings.length === 0 ? "No IAM policy in the stack reaches a table." : "Every IAM policy reaching a table names its actions and resources.",
    WARN: "A policy grants every DynamoDB action or every table to a non-production table's users.",
    FAIL: "A policy grants dynamodb:* or a \"*\" resource over a production table.",
  }, "replace hand-written policies with grants (grants: [{ role, access: \"read\" }] or table.grantReadData(role)), which list actions and ARNs");
}

/** A stream consumer's function role needs stream read; without a grant in the stack, list exactly what. */
export function checkStreamConsumers(input: ChecklistInput): CheckItem {
  const tables = ofType(input.resources, TYPES.table);
  const policies = iamPolicies(input.resources);
  const findings: Finding[] = [];
  for (const m of input.resources.filter((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")) {
    const stream = String(m.inputs.eventSourceArn ?? "");
    const table = tables.find((t) => streamOf(t) === stream);
    if (!table) continue;
    const readers = policies.filter((p) => STREAM_ACTIONS.every((a) => accessOn(p.doc, "arn:unused", [], stream).stream.includes(a)));
    if (readers.length > 0) {
      findings.push({ status: "PASS", text: `${m.name}: stream read granted to ${readers.map((p) => principalOf(p.resource)).join(", ")}` });
      continue;
    }
    const enc = encryptionOf(input.resources, table);
    const key = enc.mode === "CUSTOMER_MANAGED" ? (enc.key?.outputs?.arn ?? enc.keyArn) : undefined;
    const region = String(table.outputs?.region ?? "<region>");
    findings.push({ status: "WARN", text: `${m.name}: the execution role of ${m.inputs.functionName} needs ${STREAM_ACTIONS.map((a) => `dynamodb:${a}`).join(", ")} on ${stream}` +
      (key ? `, and ${KMS_READ_ACTIONS.join(", ")} on ${key} with kms:ViaService = dynamodb.${region}.amazonaws.com` : "") });
  }
  return itemFrom({ id: "stream-consumer-permissions", title: "Stream consumers can read their stream" }, findings, {
    PASS: findings.length === 0 ? "No stream consumer." : "Every stream consumer's role is granted stream read in this stack.",
    WARN: "A stream consumer's function role is not granted stream read here; it must already have the permissions listed.",
    FAIL: "",
  }, "set streamConsumer.roleName to the function's execution role (or table.grantStreamRead(role)) so the stack grants exactly these");
}
