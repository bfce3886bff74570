/**
 * Rule 9 (dynamodb-least-privilege, a stack policy): IAM policies granting dynamodb:* / * or a "*"
 * resource over a production-tagged table are violations; scoped grants and non-production tables are not.
 */
import * as assert from "assert";
import { leastPrivilege } from "../../policy/policies";
import { TABLE } from "../../policy/lib";
import { TestResource, UNKNOWN_STRING, messages, urnOf, validateStack } from "./harness";

const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod";
const table = (tags: Record<string, string>, extra: Record<string, unknown> = { arn: ARN }): TestResource =>
  ({ type: TABLE, name: "orders", props: { name: "orders-prod", hashKey: "id", tags, ...extra } });
const rolePolicy = (name: string, ...Statement: Record<string, unknown>[]): TestResource =>
  ({ type: "aws:iam/rolePolicy:RolePolicy", name, props: { role: "app", policy: JSON.stringify({ Version: "2012-10-17", Statement }) } });
const scoped = rolePolicy("grant", { Sid: "Table", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: [ARN] },
  { Sid: "Indexes", Effect: "Allow", Action: ["dynamodb:Query"], Resource: [`${ARN}/index/*`] });

describe("policy: dynamodb-least-privilege (9)", () => {
  it("passes scoped grants, and broad policies when no table is production", async () => {
    assert.deepStrictEqual(await validateStack(leastPrivilege, [table({ Environment: "prod" }), scoped]), []);
    assert.deepStrictEqual(await validateStack(leastPrivilege, [table({ Environment: "dev" }),
      rolePolicy("broad", { Effect: "Allow", Action: "dynamodb:*", Resource: "*" })]), []);
  });

  it("fails dynamodb:* on a production table's ARN, reported against the policy's URN", async () => {
    const v = await validateStack(leastPrivilege, [table({ Environment: "production" }), rolePolicy("admin", { Sid: "All", Effect: "Allow", Action: "dynamodb:*", Resource: ARN })]);
    assert.strictEqual(v.length, 1);
    assert.strictEqual(v[0].urn, urnOf("aws:iam/rolePolicy:RolePolicy", "admin"));
    assert.strictEqual(v[0].level, "mandatory");
    assert.match(v[0].message, /^aws:iam\/rolePolicy:RolePolicy "admin".*reaching production table orders-prod \(tags\.Environment = "production"\): policy statement All is "\\"dynamodb:\*\\", every DynamoDB action"/);
    assert.match(v[0].message, /Fix: grant named actions on the table's ARN/);
  });

  it("fails a DynamoDB action on Resource \"*\" and a bare \"*\" action, also for managed policies", async () => {
    const v = messages(await validateStack(leastPrivilege, [table({ Environment: "prd" }),
      rolePolicy("reader", { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "*" }),
      { type: "aws:iam/policy:Policy", name: "everything", props: { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: ARN }] } } }]));
    assert.strictEqual(v.length, 2);
    assert.match(v.join("\n"), /"reader".*Statement\[0\] is "dynamodb:GetItem on Resource \\"\*\\"/);
    assert.match(v.join("\n"), /"everything".*Statement\[0\] is "\*, every DynamoDB action"/);
  });

  it("ignores other services' wildcards, policies not reaching the table, and unknown documents during preview", async () => {
    assert.deepStrictEqual(await validateStack(leastPrivilege, [table({ Environment: "prod" }),
      rolePolicy("s3", { Effect: "Allow", Action: "s3:*", Resource: "*" }),
      rolePolicy("other-table", { Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/other" }),
      { type: "aws:iam/rolePolicy:RolePolicy", name: "later", props: { role: "app", policy: UNKNOWN_STRING } }]), []);
  });

  it("during preview (no table ARN yet), a `*` resource or one naming the table still counts", async () => {
    const v = await validateStack(leastPrivilege, [table({ Environment: "prod" }, {}),
      rolePolicy("named", { Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:*:*:table/orders-prod" })]);
    assert.strictEqual(v.length, 1);
  });
});
