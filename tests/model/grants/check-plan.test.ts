/**
 * `check` and `plan` on grants, over what a program really registered under Pulumi mocks: broad
 * policies reaching a production table FAIL, grants pass; a stream consumer without a role gets the
 * exact permissions its function's role needs; the plan lists who can do what to each table.
 */
import * as assert from "assert";
import * as iam from "@pulumi/aws/iam";
import { MockRun, assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { DynamoTable, DynamoTableArgs } from "../../../components";
import { checkAccess, checkStreamConsumers } from "../../../project/checklist/access";
import { buildTree, renderTree } from "../../../cli/render-tree";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const table = (extra: Partial<DynamoTableArgs> = {}): DynamoTableArgs => ({
  tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }], ...extra,
});
/** `stackWide`: the stack file says dynamodb-blueprints:production: true. */
const inputOf = (run: MockRun, stack = "dev", stackWide = stack === "prod") => ({ stack, production: { stackWide }, blueprints: [], resources: run.resources });
const handWritten = (name: string, statement: Record<string, unknown>) =>
  new iam.RolePolicy(name, { role: "legacy", policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) });

describe("check and plan: who can do what to each table", () => {
  it("grants pass; dynamodb:* or a * resource over a protected (production) table FAIL, over a dev table WARN", async () => {
    const run = await runUnderMocks(() => {
      // A tag does not declare production (project/checklist/production.ts): protect does.
      new DynamoTable("orders", table({ tags: { Environment: "production" }, grants: [{ role: "api", access: "readWrite" }] }), { protect: true });
      new DynamoTable("scratch", { tableName: "scratch", partitionKey: { name: "id", type: "S" }, tags: { Environment: "production" } });
      handWritten("star-action", { Sid: "All", Effect: "Allow", Action: "dynamodb:*", Resource: ARN });
      handWritten("star-resource", { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "*" });
      handWritten("scratch-only", { Sid: "Scratch", Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/scratch" });
      handWritten("elsewhere", { Effect: "Allow", Action: "s3:*", Resource: "*" });
    });
    assertMocksActive(run);
    const item = checkAccess(inputOf(run));
    assert.strictEqual(item.status, "FAIL");
    assert.deepStrictEqual(item.details, [
      "PASS orders-api-read-write-grant (api): scoped to orders",
      "WARN scratch-only (legacy): statement Scratch allows \"dynamodb:*\", every DynamoDB action; reaches scratch",
      "FAIL star-action (legacy): statement All allows \"dynamodb:*\", every DynamoDB action; reaches production table orders",
      "FAIL star-resource (legacy): Statement[0] allows dynamodb:GetItem on Resource \"*\" (every table of the account); reaches production table orders",
    ]);
  });

  it("a stack declared production (dynamodb-blueprints:production) makes every table production; grants alone pass", async () => {
    const run = await runUnderMocks(() => {
      const t = new DynamoTable("orders", table());
      t.grantReadData("reader");
    });
    assert.strictEqual(checkAccess(inputOf(run, "prod")).status, "PASS");
    const withStar = await runUnderMocks(() => {
      new DynamoTable("orders", table());
      handWritten("admin", { Effect: "Allow", Action: "*", Resource: "*" });
    });
    const item = checkAccess(inputOf(withStar, "prod"));
    assert.strictEqual(item.status, "FAIL");
    assert.ok(item.details.some((d) => d.startsWith("FAIL admin (legacy): Statement[0] allows *, every DynamoDB action")), item.details.join("\n"));
  });

  it("a stream consumer without a role: WARN listing exactly the permissions (with the key for a CMK); with roleName: PASS", async () => {
    const without = await runUnderMocks(() => new DynamoTable("orders", table({ encryption: "CUSTOMER_MANAGED", streamConsumer: { functionArn: FUNCTION } })));
    const item = checkStreamConsumers(inputOf(without));
    assert.strictEqual(item.status, "WARN");
    assert.deepStrictEqual(item.details, [
      `WARN orders-stream-consumer: the execution role of ${FUNCTION} needs dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator ` +
      `on ${ARN}/stream/2026-11-23T00:00:00.000, and kms:Decrypt, kms:DescribeKey on arn:aws:kms:us-east-1:123456789012:key/orders-key ` +
      "with kms:ViaService = dynamodb.us-east-1.amazonaws.com",
    ]);
    assert.match(item.fix!, /streamConsumer\.roleName/);
    const withRole = await runUnderMocks(() => new DynamoTable("orders", table({ streamConsumer: { functionArn: FUNCTION, roleName: "order-events-role" } })));
    assert.deepStrictEqual(checkStreamConsumers(inputOf(withRole)).details, ["PASS orders-stream-consumer: stream read granted to order-events-role"]);
  });

  it("plan shows each principal's actions on the table, its indexes and its stream", async () => {
    const run = await runUnderMocks(() => {
      const t = new DynamoTable("orders", table({ grants: [{ role: "api", access: "read" }] }));
      t.grantStreamRead("consumer");
    });
    const text = renderTree(buildTree(run.resources)).join("\n");
    assert.match(text, /\n\s+access: api \(orders-api-read-grant\): table BatchGetItem ConditionCheckItem DescribeTable GetItem Query Scan; index Query Scan\n/);
    assert.match(text, /\n\s+access: consumer \(orders-consumer-stream-read-grant\): stream DescribeStream GetRecords GetShardIterator\n/);
    assert.match(text, /\+ aws:iam\/rolePolicy:RolePolicy orders-api-read-grant\n\s+role: api, statements: Table Indexes/);
  });
});
