/**
 * Grant validation: every mistake is refused before anything is planned, naming the table, the
 * field, the bad value and the fix; action names are checked against the checked-in DynamoDB list.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { BlueprintValidationError } from "../../../model/errors";
import { TableArgs } from "../../../model/types";
import { DYNAMODB_ACTIONS } from "../../../model/grants/actions";
import { READ_ACTIONS, STREAM_ACTIONS, WRITE_ACTIONS } from "../../../model/grants/types";

const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" } };

function problemsOf(args: Partial<TableArgs> | Record<string, unknown>): { where: string; value: string; message: string; fix: string }[] {
  try {
    dynamoTable("orders", { ...base, ...args } as TableArgs);
  } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, String(e));
    return e.problems;
  }
  assert.fail("expected a validation error");
}

describe("model/grants: validation", () => {
  it("suggests the closest DynamoDB action for a typo", () => {
    const [p] = problemsOf({ grants: [{ role: "app", access: "custom", actions: ["dynamodb:GetItems"] }] });
    assert.deepStrictEqual(p, { where: `DynamoTable "orders".grants[0].actions[0]`, value: `"dynamodb:GetItems"`, message: "is not a DynamoDB action", fix: `did you mean "dynamodb:GetItem"?` });
  });

  it("refuses wildcards and Resource-* actions unless allowWildcard is set", () => {
    const problems = problemsOf({ grants: [{ role: "app", access: "custom", actions: ["dynamodb:*", "dynamodb:Get*", "ListTables"] }] });
    assert.deepStrictEqual(problems.map((p) => [p.where, p.fix]), [
      [`DynamoTable "orders".grants[0].actions[0]`, "list the actions you need, or set allowWildcard: true"],
      [`DynamoTable "orders".grants[0].actions[1]`, "list the actions you need, or set allowWildcard: true"],
      [`DynamoTable "orders".grants[0].actions[2]`, "remove it, or set allowWildcard: true"],
    ]);
    assert.doesNotThrow(() => dynamoTable("orders", { ...base, grants: [{ role: "app", access: "custom", allowWildcard: true, actions: ["dynamodb:*", "ListTables"] }] }));
  });

  it("refuses `*` over every service and other services' actions even with allowWildcard", () => {
    const problems = problemsOf({ grants: [{ role: "app", access: "custom", allowWildcard: true, actions: ["*", "s3:GetObject"] }] });
    assert.deepStrictEqual(problems.map((p) => p.message), ["is a wildcard over every AWS service", "is not a DynamoDB action"]);
  });

  it("refuses actions that are not about this table (backups, global-table settings)", () => {
    const [p] = problemsOf({ grants: [{ role: "app", access: "custom", actions: ["DeleteBackup"] }] });
    assert.match(p.message, /backups, exports or global-table settings/);
  });

  it("checks roles, access levels, names, unknown keys, and stream grants need a stream", () => {
    const problems = problemsOf({ grants: [
      { role: "arn:aws:iam::123:role/x", access: "read" },
      { role: "app", access: "reed" },
      { role: "app", access: "streamRead" },
      { role: "app", access: "read", actions: ["GetItem"], name: "has space", rol: "x" },
    ] as never });
    assert.deepStrictEqual(problems.map((p) => `${p.where}: ${p.message}`), [
      `DynamoTable "orders".grants[0].role: is not an IAM role name or role ARN`,
      `DynamoTable "orders".grants[1].access: is not an access level`,
      `DynamoTable "orders".grants[2].access: needs the table's stream`,
      `DynamoTable "orders".grants[3].rol: is not a grant setting`,
      `DynamoTable "orders".grants[3].name: is not a grant name`,
      `DynamoTable "orders".grants[3].actions: is only read with access "custom"`,
    ]);
    assert.strictEqual(problems[1].fix, `did you mean "read"? Allowed: "read", "write", "readWrite", "streamRead", "custom"`);
  });

  it("refuses two grants with one name, and a bad stream consumer role", () => {
    assert.deepStrictEqual(problemsOf({ grants: [{ role: "app", access: "read" }, { role: "arn:aws:iam::123456789012:role/app", access: "read" }] })
      .map((p) => [p.where, p.value]), [[`DynamoTable "orders".grants[1].name`, `"app-read"`]]);
    const [p] = problemsOf({ streamViewType: "NEW_IMAGE", streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "no spaces allowed" } });
    assert.strictEqual(p.where, `DynamoTable "orders".streamConsumer.roleName`);
  });

  it("every preset action is in the checked-in list, on the resource types the presets assume", () => {
    for (const a of [...READ_ACTIONS, ...WRITE_ACTIONS]) assert.ok(DYNAMODB_ACTIONS[a]?.resources.includes("table"), a);
    for (const a of STREAM_ACTIONS) assert.deepStrictEqual(DYNAMODB_ACTIONS[a]?.resources, ["stream"], a);
    assert.deepStrictEqual(Object.keys(DYNAMODB_ACTIONS).filter((a) => DYNAMODB_ACTIONS[a].resources.includes("index")).sort(),
      ["DescribeContributorInsights", "PartiQLSelect", "Query", "Scan", "SearchVectors", "UpdateContributorInsights"]);
  });

  // Rows of the Service Authorization Reference's DynamoDB page that the first, from-memory list got
  // wrong or left out (checked 2026-11-30; see the header of model/grants/actions.ts).
  it("knows the actions and resource types the Service Authorization Reference lists", () => {
    const resources = (a: string) => [...(DYNAMODB_ACTIONS[a]?.resources ?? ["(missing)"])].sort();
    for (const a of ["TagResource", "UntagResource", "ListTagsOfResource"]) assert.deepStrictEqual(resources(a), ["stream", "table"], a);
    for (const a of ["ListExports", "ListImports"]) assert.deepStrictEqual(resources(a), ["table"], a);
    assert.deepStrictEqual(resources("UpdateGlobalTableVersion"), ["other", "table"]);
    assert.deepStrictEqual(resources("SearchVectors"), ["index", "table"]);
    assert.deepStrictEqual(resources("InjectError"), ["none"]);
    for (const a of ["CreateGlobalTableWitness", "DeleteGlobalTableWitness", "ReadDataForReplication", "ReplicateSettings", "WriteDataForReplication"]) {
      assert.deepStrictEqual(resources(a), ["table"], a);
    }
    assert.deepStrictEqual(resources("ListStreams"), ["none"]);
    assert.doesNotThrow(() => dynamoTable("orders", { ...base, grants: [{ role: "app", access: "custom", actions: ["SearchVectors", "ListExports"] }] }));
    assert.deepStrictEqual(problemsOf({ grants: [{ role: "app", access: "custom", actions: ["InjectError"] }] }).map((p) => p.fix), ["remove it, or set allowWildcard: true"]);
  });
});
