/**
 * Access patterns under each grant: every DynamoDB action, on the table, its index, its stream and
 * other tables, is evaluated against the grant's policy (model/grants/evaluate.ts), and the allowed
 * set must be exactly the expected one. Then real calls go to the local emulator (dynalite) through a
 * client that authorises each request with the same evaluator first: allowed calls really read and
 * write items, denied ones never reach the table.
 */
import * as assert from "assert";
import {
  BatchGetItemCommand, BatchWriteItemCommand, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand,
  ScanCommand, UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { LocalDynamo, startLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { deployLocal } from "../../local/deploy";
import { dynamoTable } from "../../model/blueprints";
import { planTable } from "../../model/plan-table";
import { TableArgs } from "../../model/types";
import { AccessLevel } from "../../model/grants/types";
import { DYNAMODB_ACTIONS } from "../../model/grants/actions";
import { PolicyDocument, evaluatePolicies } from "../../model/grants/evaluate";
import { ACCOUNT, concrete, tableRefs } from "../helpers/grants";
import { notEmulated } from "../../local/create-table-input";

const TABLE = "grants-orders";
const ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE}`;
const INDEX = `${ARN}/index/byCustomer`;
const STREAM = `${ARN}/stream/2026-11-23T00:00:00.000`;
const OTHER = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/other`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/created`;
const args = (encryption: TableArgs["encryption"], access: AccessLevel): TableArgs => ({
  tableName: TABLE, partitionKey: { name: "id", type: "S" }, encryption, streamViewType: "NEW_AND_OLD_IMAGES",
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
  grants: [{ role: "app", access }],
});

function policyFor(access: AccessLevel, encryption: TableArgs["encryption"] = "AWS_OWNED"): PolicyDocument {
  const grant = planTable(dynamoTable("orders", args(encryption, access)).table).find((r) => r.role === "grant")!;
  return concrete(grant.args.policy, { refs: tableRefs("orders", TABLE, KEY) }) as PolicyDocument;
}

/** Every (action, resource) the policy allows, over all DynamoDB actions and the resources around the table. */
function allowed(policy: PolicyDocument): string[] {
  const resources = { table: ARN, index: INDEX, stream: STREAM, other: OTHER, otherIndex: `${OTHER}/index/x`, otherStream: `${OTHER}/stream/x` };
  const out: string[] = [];
  for (const action of Object.keys(DYNAMODB_ACTIONS)) {
    for (const [label, resource] of Object.entries(resources)) {
      if (evaluatePolicies([policy], { action: `dynamodb:${action}`, resource }) === "Allow") out.push(`${action} ${label}`);
    }
  }
  return out.sort();
}

const EXPECTED: Record<"read" | "write" | "readWrite" | "streamRead", string[]> = {
  read: ["BatchGetItem table", "ConditionCheckItem table", "DescribeTable table", "GetItem table", "Query index", "Query table", "Scan index", "Scan table"],
  write: ["BatchWriteItem table", "DeleteItem table", "PutItem table", "UpdateItem table"],
  readWrite: ["BatchGetItem table", "BatchWriteItem table", "ConditionCheckItem table", "DeleteItem table", "DescribeTable table", "GetItem table",
    "PutItem table", "Query index", "Query table", "Scan index", "Scan table", "UpdateItem table"],
  streamRead: ["DescribeStream stream", "GetRecords stream", "GetShardIterator stream"],
};

/** The IAM action and resource ARNs a data-plane call is authorised against (the Service Authorization Reference's mapping). */
function authorisation(command: string, input: any): { action: string; resources: string[] } {
  const op = command.replace(/Command$/, "");
  const arnOf = (table: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${table}`;
  if (op === "BatchGetItem" || op === "BatchWriteItem") return { action: `dynamodb:${op}`, resources: Object.keys(input.RequestItems).map(arnOf) };
  const arn = arnOf(input.TableName);
  return { action: `dynamodb:${op}`, resources: [input.IndexName ? `${arn}/index/${input.IndexName}` : arn] };
}

/** A client that evaluates the policy before each call, as IAM would, and only then sends it. */
function clientWithPolicy(endpoint: string, policy: PolicyDocument, sent: string[]): DynamoDBClient {
  const client = localDynamoClient(endpoint);
  client.middlewareStack.add((next, context) => async (a) => {
    const { action, resources } = authorisation(context.commandName!, a.input);
    for (const resource of resources) {
      if (evaluatePolicies([policy], { action, resource }) !== "Allow") {
        throw Object.assign(new Error(`AccessDeniedException: ${action} on ${resource}`), { name: "AccessDeniedException" });
      }
    }
    sent.push(action);
    return next(a);
  }, { step: "initialize", name: "iamAuthorise" });
  return client;
}

describe("grants: access patterns, evaluated and run on the local emulator", function () {
  this.timeout(15_000);
  let dynamo: LocalDynamo;
  before(async () => {
    dynamo = await startLocalDynamo();
    await deployLocal([dynamoTable("orders", args("AWS_OWNED", "read"))], { endpoint: dynamo.endpoint });
  });
  after(async () => { await dynamo?.close(); });

  for (const access of ["read", "write", "readWrite", "streamRead"] as const) {
    it(`${access}: allows exactly the expected actions on exactly the expected resources`, () => {
      assert.deepStrictEqual(allowed(policyFor(access)), EXPECTED[access]);
    });
  }

  it("a local deployment says that grants are not enforced (dynalite has no IAM)", () => {
    const note = notEmulated(dynamoTable("orders", args("AWS_OWNED", "read")).table).filter((l) => l.startsWith("grants"));
    assert.deepStrictEqual(note, ["grants (1 inline IAM policy): dynalite has no IAM; any caller may do anything locally"]);
  });

  it("a customer-managed key is usable only through DynamoDB in the table's region", () => {
    const policy = policyFor("read", "CUSTOMER_MANAGED");
    const decrypt = (resource: string, service?: string) => evaluatePolicies([policy], {
      action: "kms:Decrypt", resource, context: service ? { "kms:ViaService": service } : {},
    });
    assert.strictEqual(decrypt(KEY, "dynamodb.us-east-1.amazonaws.com"), "Allow");
    assert.strictEqual(decrypt(KEY), "ImplicitDeny", "not directly");
    assert.strictEqual(decrypt(KEY, "dynamodb.eu-west-1.amazonaws.com"), "ImplicitDeny", "not through another region");
    assert.strictEqual(decrypt(`${KEY}-other`, "dynamodb.us-east-1.amazonaws.com"), "ImplicitDeny", "not another key");
    assert.strictEqual(evaluatePolicies([policy], { action: "kms:Encrypt", resource: KEY, context: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } }), "ImplicitDeny", "read needs no Encrypt");
    assert.strictEqual(evaluatePolicies([policyFor("read")], { action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } }),
      "ImplicitDeny", "no KMS grant with an AWS-owned key");
  });

  const item = (id: string) => ({ id: { S: id }, customer: { S: "c-1" } });
  const calls: [string, (c: DynamoDBClient) => Promise<unknown>][] = [
    ["PutItem", (c) => c.send(new PutItemCommand({ TableName: TABLE, Item: item("p") }))],
    ["UpdateItem", (c) => c.send(new UpdateItemCommand({ TableName: TABLE, Key: { id: { S: "seed" } }, UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": { N: "1" } } }))],
    ["BatchWriteItem", (c) => c.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: item("b") } }] } }))],
    ["DeleteItem", (c) => c.send(new DeleteItemCommand({ TableName: TABLE, Key: { id: { S: "b" } } }))],
    ["GetItem", (c) => c.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: "seed" } } }))],
    ["BatchGetItem", (c) => c.send(new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: [{ id: { S: "seed" } }] } } }))],
    ["Query table", (c) => c.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: "id = :id", ExpressionAttributeValues: { ":id": { S: "seed" } } }))],
    ["Query index", (c) => c.send(new QueryCommand({ TableName: TABLE, IndexName: "byCustomer", KeyConditionExpression: "customer = :c", ExpressionAttributeValues: { ":c": { S: "c-1" } } }))],
    ["Scan table", (c) => c.send(new ScanCommand({ TableName: TABLE }))],
    ["Scan index", (c) => c.send(new ScanCommand({ TableName: TABLE, IndexName: "byCustomer" }))],
  ];
  const reads = ["GetItem", "BatchGetItem", "Query table", "Query index", "Scan table", "Scan index"];
  const writes = ["PutItem", "UpdateItem", "BatchWriteItem", "DeleteItem"];

  for (const [access, expected] of [["write", writes], ["read", reads], ["readWrite", [...writes, ...reads]], ["streamRead", []]] as const) {
    it(`${access}: the emulator serves exactly the ${access === "streamRead" ? "(no) table" : access} calls`, async () => {
      const admin = localDynamoClient(dynamo.endpoint);
      await admin.send(new PutItemCommand({ TableName: TABLE, Item: item("seed") }));
      admin.destroy();
      const sent: string[] = [];
      const client = clientWithPolicy(dynamo.endpoint, policyFor(access), sent);
      const served: string[] = [];
      try {
        for (const [label, call] of calls) {
          try {
            const result = await call(client) as { Item?: unknown; Items?: unknown[]; Responses?: Record<string, unknown[]> };
            served.push(label);
            if (label === "GetItem") assert.ok(result.Item, "the seeded item is really read");
            if (label.startsWith("Query index")) assert.ok((result.Items ?? []).length >= 1, "the index really answers");
          } catch (e) {
            assert.strictEqual((e as Error).name, "AccessDeniedException", `${label}: ${(e as Error).message}`);
          }
        }
      } finally {
        client.destroy();
      }
      assert.deepStrictEqual(served, [...calls.map(([l]) => l).filter((l) => (expected as readonly string[]).includes(l))]);
      assert.strictEqual(sent.length, served.length, "denied calls never reached the emulator");
    });
  }
});
