/**
 * Grants on the Pulumi components, under mocks: the `grants` arg and the `grant…(role)` methods each
 * register one `aws.iam.RolePolicy` on the role's name, with exactly the statements of the grant
 * kind, resolved against the table, stream and key the component created.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs, ProductionTable } from "../../components";

const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const STREAM = `${ARN}/stream/2026-11-23T00:00:00.000`;
const KEY = "arn:aws:kms:us-east-1:123456789012:key/orders-key";
const VIA = { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } };
const args: DynamoTableArgs = {
  tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
};
const policyOf = (r: { inputs: Record<string, any> }) => JSON.parse(r.inputs.policy);
const rolePolicies = (run: Awaited<ReturnType<typeof runUnderMocks>>) => run.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy");

describe("components: grants", () => {
  it("grants arg and grant methods: one RolePolicy each, on the role's name, parented to the table component", async () => {
    const run = await runUnderMocks(() => {
      const role = new iam.Role("writer", { name: "writer", assumeRolePolicy: "{}" });
      const table = new DynamoTable("orders", { ...args, encryption: "CUSTOMER_MANAGED",
        grants: [{ role: pulumi.output("arn:aws:iam::123456789012:role/service/reader"), access: "read", name: "reader" }] });
      table.grantWriteData(role);
      table.grantStreamRead("arn:aws:iam::123456789012:role/consumer");
    });
    assertMocksActive(run);
    assert.deepStrictEqual(rolePolicies(run).map((r) => [r.name, r.inputs.name, r.inputs.role]).sort(), [
      ["orders-consumer-stream-read-grant", "orders-consumer-stream-read", "consumer"],
      ["orders-reader-grant", "orders-reader", "reader"],
      ["orders-write-grant", "orders-write", "writer"],
    ]);
    const component = byName(run, "orders", "dynamodb-blueprints:index:DynamoTable");
    for (const r of rolePolicies(run)) assert.strictEqual(r.parentUrn, component.urn, r.name);

    assert.deepStrictEqual(policyOf(byName(run, "orders-reader-grant")), { Version: "2012-10-17", Statement: [
      { Sid: "Table", Effect: "Allow", Resource: [ARN],
        Action: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"] },
      { Sid: "Indexes", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:Scan"], Resource: [`${ARN}/index/*`] },
      { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KEY], Condition: VIA },
    ] });
    assert.deepStrictEqual(policyOf(byName(run, "orders-write-grant")).Statement, [
      { Sid: "Table", Effect: "Allow", Resource: [ARN], Action: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"] },
      { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], Resource: [KEY], Condition: VIA },
    ]);
    assert.deepStrictEqual(policyOf(byName(run, "orders-consumer-stream-read-grant")).Statement, [
      { Sid: "Stream", Effect: "Allow", Resource: [STREAM], Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"] },
      { Sid: "KeyViaDynamoDB", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KEY], Condition: VIA },
    ]);
  });

  it("readWrite and custom via methods; an AWS-owned table's grants hold no KMS statement", async () => {
    const run = await runUnderMocks(() => {
      const table = new DynamoTable("orders", args);
      table.grantReadWriteData("app");
      table.grant("ops", ["dynamodb:DescribeTable", "UpdateTimeToLive"]);
    });
    assertMocksActive(run);
    assert.deepStrictEqual(policyOf(byName(run, "orders-app-read-write-grant")).Statement.map((s: any) => [s.Sid, s.Action.length, s.Resource]), [
      ["Table", 10, [ARN]], ["Indexes", 2, [`${ARN}/index/*`]],
    ]);
    assert.deepStrictEqual(policyOf(byName(run, "orders-ops-custom-grant")).Statement, [
      { Sid: "Table", Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:UpdateTimeToLive"], Resource: [ARN] },
    ]);
    assert.ok(!rolePolicies(run).some((r) => r.inputs.policy.includes("kms:")));
  });

  it("a stream consumer's role may be an Output of its ARN: the consumer's grant is on the role name", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", { ...args, streamConsumer: {
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: pulumi.output("arn:aws:iam::123456789012:role/lambda/f-exec") } }));
    assertMocksActive(run);
    assert.deepStrictEqual(rolePolicies(run).map((r) => [r.name, r.inputs.role]), [["orders-stream-consumer-grant", "f-exec"]]);
  });

  it("ProductionTable has the grant methods too, and a bad grant throws before anything is registered", async () => {
    let error: unknown;
    const run = await runUnderMocks(() => {
      const table = new ProductionTable("prod", { tableName: "prod", partitionKey: { name: "id", type: "S" } });
      try { table.grantStreamRead("app"); } catch (e) { error = e; }
      try { table.grant("app", ["dynamodb:Scann"]); } catch (e) { error = [error, e]; }
    });
    assertMocksActive(run);
    const [stream, typo] = error as BlueprintValidationError[];
    assert.ok(stream instanceof BlueprintValidationError && typo instanceof BlueprintValidationError);
    assert.match(stream.message, /ProductionTable "prod" grant.*access.*needs the table's stream/s);
    assert.match(typo.message, /dynamodb:Scann.*did you mean "dynamodb:Scan"\?/s);
    assert.deepStrictEqual(rolePolicies(run), []);
  });
});
