/**
 * The policy each grant kind plans, statement by statement, with references replaced by the values
 * AWS would see: table ARN for table actions, `/index/*` only for index actions (and only with
 * indexes), the stream ARN only for stream actions, the key only for customer-managed keys and only
 * through DynamoDB in the key's region, and the same per replica region.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { planTable } from "../../../model/plan-table";
import { TableArgs } from "../../../model/types";
import { ACCOUNT, concrete, tableRefs } from "../../helpers/grants";

const ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;
const STREAM = `${ARN}/stream/2026-11-23T00:00:00.000`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/created`;
const EU_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/eu`;
const base: TableArgs = {
  tableName: "orders", partitionKey: { name: "id", type: "S" }, sortKey: { name: "at", type: "N" },
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
  streamViewType: "NEW_AND_OLD_IMAGES",
};

/** The grant resources of a table: name, role and the concrete policy document. */
function grantsOf(args: TableArgs) {
  const planned = planTable(dynamoTable("orders", args).table);
  return planned.filter((r) => r.role === "grant").map((r) => ({
    name: r.name, tfName: r.tfName, args: concrete(r.args, { refs: tableRefs("orders", "orders", KEY) }) as Record<string, any>,
  }));
}
const statementsOf = (args: TableArgs) => grantsOf(args).map((g) => JSON.parse(JSON.stringify(g.args.policy)).Statement);
const via = (region: string) => ({ StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com` } });

describe("model/grants: the planned policy per grant kind", () => {
  it("read: item reads on the table, Query/Scan on its indexes, nothing on the stream, no key (AWS owned)", () => {
    const [g] = grantsOf({ ...base, grants: [{ role: "arn:aws:iam::123456789012:role/service/orders-api", access: "read" }] });
    assert.strictEqual(g.name, "orders-orders-api-read-grant");
    // Kept whole: the renderers give PutRolePolicy the name only in the ARN's own account (model/grants/role-arn.ts).
    assert.deepStrictEqual(g.args.role, { $roleArn: "arn:aws:iam::123456789012:role/service/orders-api" }, "an ARN is never reduced to a bare name");
    assert.strictEqual(g.args.name, "orders-orders-api-read");
    assert.deepStrictEqual(g.args.policy, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Table", Effect: "Allow", Resource: [ARN],
          Action: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"] },
        { Sid: "Indexes", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:Scan"], Resource: [`${ARN}/index/*`] },
      ],
    });
  });

  it("write: item writes on the table only (no index resource: writes never target an index)", () => {
    assert.deepStrictEqual(statementsOf({ ...base, grants: [{ role: "w", access: "write" }] }), [[
      { Sid: "Table", Effect: "Allow", Resource: [ARN], Action: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"] },
    ]]);
  });

  it("readWrite: the union, indexes for Query/Scan", () => {
    assert.deepStrictEqual(statementsOf({ ...base, grants: [{ role: "rw", access: "readWrite" }] }), [[
      { Sid: "Table", Effect: "Allow", Resource: [ARN], Action: ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"] },
      { Sid: "Indexes", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:Scan"], Resource: [`${ARN}/index/*`] },
    ]]);
  });

  it("streamRead: the stream ARN only, never the table", () => {
    assert.deepStrictEqual(statementsOf({ ...base, grants: [{ role: "s", access: "streamRead" }] }), [[
      { Sid: "Stream", Effect: "Allow", Resource: [STREAM], Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"] },
    ]]);
  });

  it("custom: each action on the resources it applies to", () => {
    assert.deepStrictEqual(statementsOf({ ...base, grants: [{ role: "c", access: "custom", actions: ["Query", "dynamodb:GetRecords", "dynamodb:Query", "UpdateTimeToLive"] }] }), [[
      { Sid: "Table", Effect: "Allow", Resource: [ARN], Action: ["dynamodb:Query", "dynamodb:UpdateTimeToLive"] },
      { Sid: "Indexes", Effect: "Allow", Resource: [`${ARN}/index/*`], Action: ["dynamodb:Query"] },
      { Sid: "Stream", Effect: "Allow", Resource: [STREAM], Action: ["dynamodb:GetRecords"] },
    ]]);
  });

  it("custom: tagging reaches the table and its stream, SearchVectors the table and its indexes (Service Authorization Reference)", () => {
    assert.deepStrictEqual(statementsOf({ ...base, grants: [{ role: "c", access: "custom", actions: ["TagResource", "SearchVectors"] }] }), [[
      { Sid: "Table", Effect: "Allow", Resource: [ARN], Action: ["dynamodb:SearchVectors", "dynamodb:TagResource"] },
      { Sid: "Indexes", Effect: "Allow", Resource: [`${ARN}/index/*`], Action: ["dynamodb:SearchVectors"] },
      { Sid: "Stream", Effect: "Allow", Resource: [STREAM], Action: ["dynamodb:TagResource"] },
    ]]);
  });

  it("no index resource on a table without indexes", () => {
    const [statements] = statementsOf({ tableName: "orders", partitionKey: { name: "id", type: "S" }, grants: [{ role: "r", access: "read" }] });
    assert.deepStrictEqual(statements.map((s: any) => s.Sid), ["Table"]);
  });

  it("a customer-managed key adds the KMS actions on that key, only via DynamoDB in its region", () => {
    const [read, write, stream] = statementsOf({ ...base, encryption: "CUSTOMER_MANAGED",
      grants: [{ role: "r", access: "read" }, { role: "w", access: "write" }, { role: "s", access: "streamRead" }] });
    assert.deepStrictEqual(read[2], { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KEY], Condition: via("us-east-1") });
    assert.deepStrictEqual(write[1], { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], Resource: [KEY], Condition: via("us-east-1") });
    assert.deepStrictEqual(stream[1], { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KEY], Condition: via("us-east-1") });
    assert.strictEqual(read.length + write.length + stream.length, 3 + 2 + 2);
  });

  it("a key the user brings is the key granted; the table's region names the ViaService", () => {
    const given = "arn:aws:kms:eu-central-1:123456789012:key/given";
    const [read] = statementsOf({ ...base, region: "eu-central-1", encryption: "CUSTOMER_MANAGED", kmsKeyArn: given, grants: [{ role: "r", access: "read" }] });
    assert.deepStrictEqual(read[2], { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [given], Condition: via("eu-central-1") });
  });

  for (const encryption of ["AWS_OWNED", "AWS_MANAGED"] as const) {
    it(`no KMS statement with ${encryption} keys (their key policies already allow use through DynamoDB)`, () => {
      const all = statementsOf({ ...base, encryption, grants: [{ role: "r", access: "readWrite" }, { role: "s", access: "streamRead" }] }).flat();
      assert.deepStrictEqual(all.filter((s: any) => JSON.stringify(s).includes("kms:")), []);
    });
  }

  it("replicas: the same table, index, stream and key statements per replica region", () => {
    const [read] = statementsOf({ ...base, encryption: "CUSTOMER_MANAGED", replicas: [{ region: "eu-west-1", kmsKeyArn: EU_KEY }],
      grants: [{ role: "r", access: "custom", actions: ["GetItem", "Query", "GetRecords"] }] });
    const eu = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
    assert.deepStrictEqual(read, [
      { Sid: "Table", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: [ARN, eu] },
      { Sid: "Indexes", Effect: "Allow", Action: ["dynamodb:Query"], Resource: [`${ARN}/index/*`, `${eu}/index/*`] },
      { Sid: "Stream", Effect: "Allow", Action: ["dynamodb:GetRecords"], Resource: [STREAM, `${eu}/stream/*`] },
      { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KEY], Condition: via("us-east-1") },
      { Sid: "KeyViaDynamoDBEuWest1", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [EU_KEY], Condition: via("eu-west-1") },
    ]);
  });

  it("the stream consumer's role gets stream read (and the key) when given", () => {
    const grants = grantsOf({ ...base, encryption: "CUSTOMER_MANAGED",
      streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "arn:aws:iam::123456789012:role/f-role" } });
    assert.deepStrictEqual(grants.map((g) => [g.name, g.args.role, g.args.policy.Statement.map((s: any) => s.Sid)]),
      [["orders-stream-consumer-grant", { $roleArn: "arn:aws:iam::123456789012:role/f-role" }, ["Stream", "KeyViaDynamoDB"]]]);
  });

  it("wildcards only when asked for: dynamodb:* on the table's own resources, list actions on *", () => {
    const [statements] = statementsOf({ ...base, grants: [{ role: "admin", access: "custom", allowWildcard: true, actions: ["dynamodb:*", "ListTables"] }] });
    assert.deepStrictEqual(statements, [
      { Sid: "Wildcard", Effect: "Allow", Action: ["dynamodb:*"], Resource: [ARN, `${ARN}/index/*`, STREAM] },
      { Sid: "Unscoped", Effect: "Allow", Action: ["dynamodb:ListTables"], Resource: "*" },
    ]);
  });
});
