/**
 * Resource policies on the table and its stream: validation before anything is planned (naming the
 * table, the field, the value and the fix), the planned resources, `check`'s FAIL for a `*` principal
 * and the policy pack's rule 10 on the same documents.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { tableProblems } from "../../helpers/table-features";
import { planTable } from "../../../model/plan-table";
import { runChecklist } from "../../../project/checklist";
import type { RecordedResource } from "../../../project/checklist/types";
import { resourcePolicyPrincipals } from "../../../policy/resource-policy";
import { notEmulated } from "../../../local/create-table-input";
import { resourcePolicySettings } from "../../../cli/render-features";

const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_IMAGE" };
const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const PARTNER = { AWS: "arn:aws:iam::111122223333:role/partner" };
// Another account gets in only under a Condition (model/resource-policy/scope.ts).
const ORG = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };
const good = doc({ Sid: "Partner", Effect: "Allow", Principal: PARTNER, Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: "*", Condition: ORG });
const stream = doc({ Effect: "Allow", Principal: PARTNER, Action: "dynamodb:GetRecords", Resource: "*", Condition: ORG });
const open = doc({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: "*" });

const problemsOf = (args: Record<string, unknown>) => tableProblems(base, args);

describe("model: resource policies", () => {
  it("refuses what AWS would: bad JSON, no Statement, no Principal, a non-DynamoDB or misplaced action, over 20 KB", () => {
    const at = `DynamoTable "orders"`;
    assert.deepStrictEqual(problemsOf({ resourcePolicy: "{nope" })[0].slice(0, 1), [`${at}.resourcePolicy`]);
    assert.match(problemsOf({ resourcePolicy: "{nope" })[0][1], /^is not valid JSON/);
    assert.deepStrictEqual(problemsOf({ resourcePolicy: "{}" }), [[`${at}.resourcePolicy`, "is not a policy document (no Statement)", `write { "Version": "2012-10-17", "Statement": [ ... ] }`]]);
    assert.deepStrictEqual(problemsOf({ resourcePolicy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }) }).map((p) => p[0]),
      [`${at}.resourcePolicy.Statement[0].Principal`]);
    assert.deepStrictEqual(problemsOf({ resourcePolicy: doc({ Effect: "Allow", Principal: PARTNER, Action: ["s3:GetObject", "dynamodb:GetItems", "dynamodb:GetRecords"] }) }), [
      [`${at}.resourcePolicy.Statement[0].Action[0]`, "is not a DynamoDB action: a table's resource policy can only allow DynamoDB actions", `write "dynamodb:<Action>"`],
      [`${at}.resourcePolicy.Statement[0].Action[1]`, "is not a DynamoDB action", `did you mean "dynamodb:GetItem"?`],
      [`${at}.resourcePolicy.Statement[0].Action[2]`, "does not act on a table or index", "put stream actions in streamResourcePolicy"],
    ]);
    assert.deepStrictEqual(problemsOf({ streamResourcePolicy: doc({ Effect: "Allow", Principal: PARTNER, Action: "dynamodb:PutItem" }) }).map((p) => [p[0], p[1]]),
      [[`${at}.streamResourcePolicy.Statement[0].Action[0]`, "does not act on a stream"]]);
    const big = doc({ Effect: "Allow", Principal: { AWS: Array.from({ length: 800 }, (_, i) => `arn:aws:iam::${String(i).padStart(12, "0")}:root`) }, Action: "dynamodb:GetItem" });
    assert.deepStrictEqual(problemsOf({ resourcePolicy: big }).map((p) => [p[0], p[1]]), [[`${at}.resourcePolicy`, "is larger than DynamoDB's 20 KB limit for a resource-based policy"]]);
  });

  it("a stream policy needs the stream", () => {
    assert.deepStrictEqual(problemsOf({ streamViewType: undefined, streamResourcePolicy: stream }),
      [[`DynamoTable "orders".streamResourcePolicy`, "needs the table's stream", `set streamViewType, e.g. "NEW_AND_OLD_IMAGES"`]]);
  });

  it("plans one aws_dynamodb_resource_policy per policy, on the table's ARN and on its stream ARN", () => {
    const planned = planTable(dynamoTable("orders", { ...base, resourcePolicy: good, streamResourcePolicy: stream }).table)
      .filter((r) => r.type === "aws_dynamodb_resource_policy");
    assert.deepStrictEqual(planned.map((r) => [r.name, r.tfName, r.args.resourceArn]), [
      ["orders-resource-policy", "orders", { $ref: "orders", attribute: "arn" }],
      ["orders-stream-resource-policy", "orders_stream", { $ref: "orders", attribute: "streamArn" }],
    ]);
    assert.deepStrictEqual(planned[0].args.policy, { $json: JSON.parse(good) });
    assert.deepStrictEqual(planTable(dynamoTable("orders", base).table).filter((r) => r.type === "aws_dynamodb_resource_policy"), []);
  });

  const record = (name: string, policy: string): RecordedResource => ({
    type: "aws:dynamodb/resourcePolicy:ResourcePolicy", name, custom: true, inputs: { resourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", policy },
    parentUrn: "", urn: `urn:${name}`, protect: false, retainOnDelete: false, ignoreChanges: [], importId: "",
  });
  const check = (resources: RecordedResource[]) => runChecklist({ stack: "dev", config: { protect: false, environment: "dev" }, resources, blueprints: [] } as never).items
    .find((i) => i.id === "resource-policy-principals");

  it("check: a `*` principal FAILs (also { AWS: \"*\" } and with a Condition); named principals PASS; no policy, no item", () => {
    assert.strictEqual(check([]), undefined);
    assert.strictEqual(check([record("ok", good)])!.status, "PASS");
    const failed = check([record("ok", good), record("open", open),
      record("aws-star", doc({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "dynamodb:Query", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }))])!;
    assert.strictEqual(failed.status, "FAIL");
    assert.deepStrictEqual(failed.details, [
      "FAIL aws-star: Statement[0] allows any principal (narrowed only by a Condition) on arn:aws:dynamodb:us-east-1:123456789012:table/orders",
      "PASS ok: every statement names its principals (arn:aws:dynamodb:us-east-1:123456789012:table/orders)",
      "FAIL open: statement Anyone allows any principal on arn:aws:dynamodb:us-east-1:123456789012:table/orders",
    ]);
    assert.match(failed.fix!, /name the principals/);
  });

  it("policy pack rule 10 reports the same statements, and passes named principals and unknown documents", () => {
    const reports: string[] = [];
    const run = (policy: unknown) => (resourcePolicyPrincipals.validateResource as Function)(
      { type: "aws:dynamodb/resourcePolicy:ResourcePolicy", name: "p", props: { policy, resourceArn: "arn:t" }, getConfig: () => ({}) }, (m: string) => reports.push(m));
    run(good);
    run(undefined);
    assert.deepStrictEqual(reports, []);
    run(open);
    assert.strictEqual(reports.length, 1);
    assert.match(reports[0], /policy statement Anyone is "Principal \\"\*\\"": it lets anyone use the table or stream/);
  });

  it("plan shows attachment, statements, principals and the open ones; local lists both as not emulated", () => {
    assert.deepStrictEqual(resourcePolicySettings({ resourceArn: "arn:t", policy: open }), { on: "arn:t", statements: ["Anyone"], principals: ["*"], anyPrincipal: ["statement Anyone"] });
    assert.deepStrictEqual(resourcePolicySettings({ resourceArn: "arn:t", policy: good }), { on: "arn:t", statements: ["Partner"], principals: [PARTNER.AWS] });
    const lines = notEmulated(dynamoTable("orders", { ...base, resourcePolicy: good, streamResourcePolicy: stream }).table);
    assert.deepStrictEqual(lines.filter((l) => l.startsWith("resource policy")).map((l) => l.split(":")[0]), ["resource policy on the table", "resource policy on the stream"]);
  });
});
