/**
 * Contributor Insights on the table and chosen GSIs: validation before anything is planned, one
 * planned resource per place, `check` suggesting it where the key advisor flags a partition key (and
 * warning where it would show a KMS table's keys), `plan` settings and the `local` not-emulated line.
 */
import * as assert from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { tableProblems } from "../../helpers/table-features";
import { planTable } from "../../../model/plan-table";
import { runChecklist } from "../../../project/checklist";
import { notEmulated } from "../../../local/create-table-input";
import { runUnderMocks } from "../../helpers/pulumi-mocks";
import { assertMocksActive } from "../../helpers/pulumi-mocks";
import { DynamoTable } from "../../../components";
import { settingsOf } from "../../../cli/render-tree";
import { toTerraform } from "../../../terraform/to-terraform";

const base: TableArgs = {
  tableName: "orders", partitionKey: { name: "id", type: "S" }, sortKey: { name: "at", type: "N" },
  globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }, { name: "byStatus", partitionKey: { name: "status", type: "S" } }],
  localSecondaryIndexes: [{ name: "byTotal", sortKey: { name: "total", type: "N" } }],
};

const problemsOf = (args: Record<string, unknown>) => tableProblems(base, args);

describe("model: Contributor Insights", () => {
  const at = `DynamoTable "orders".contributorInsights`;

  it("refuses an unknown mode, unknown keys, and indexes that are not this table's GSIs (with the fix)", () => {
    assert.deepStrictEqual(problemsOf({ contributorInsights: { mode: "THROTTLED", indexs: [] } }).map((p) => p.slice(0, 2)), [
      [`${at}.indexs`, "is not a known argument"],
      [`${at}.mode`, "is not a Contributor Insights mode"],
    ]);
    assert.deepStrictEqual(problemsOf({ contributorInsights: { indexes: ["byCustomr", "byTotal", "byStatus", "byStatus"] } }), [
      [`${at}.indexes[0]`, "is not a global secondary index of this table", `did you mean "byCustomer"?`],
      [`${at}.indexes[1]`, "is a local secondary index; Contributor Insights covers the table and its GSIs", "remove it (the table's own insights include LSI reads)"],
      [`${at}.indexes[3]`, "is listed twice", "list each index once"],
    ]);
    assert.deepStrictEqual(problemsOf({ contributorInsights: true }), [[at, "must be an object", `write contributorInsights: { mode: "THROTTLED_KEYS" } (or {} for the defaults)`]]);
  });

  it("plans the table's and each chosen GSI's resource, with the mode (AWS's default when omitted)", () => {
    const plan = (ci: unknown) => planTable(dynamoTable("orders", { ...base, contributorInsights: ci } as TableArgs).table)
      .filter((r) => r.type === "aws_dynamodb_contributor_insights").map((r) => [r.name, r.tfName, r.args]);
    assert.deepStrictEqual(plan({ mode: "THROTTLED_KEYS", indexes: ["byStatus"] }), [
      ["orders-insights", "orders", { tableName: { $ref: "orders", attribute: "name" }, mode: "THROTTLED_KEYS" }],
      ["orders-byStatus-insights", "orders_byStatus", { tableName: { $ref: "orders", attribute: "name" }, indexName: "byStatus", mode: "THROTTLED_KEYS" }],
    ]);
    assert.deepStrictEqual(plan({}).map((p) => (p[2] as Record<string, unknown>).mode), ["ACCESSED_AND_THROTTLED_KEYS"]);
    assert.deepStrictEqual(plan(undefined), []);
  });

  it("Pulumi registers aws.dynamodb.ContributorInsights under the component, with the table's name", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", { ...base, contributorInsights: { mode: "THROTTLED_KEYS", indexes: ["byStatus"] } }));
    assertMocksActive(run);
    const insights = run.resources.filter((r) => r.type === "aws:dynamodb/contributorInsights:ContributorInsights");
    assert.deepStrictEqual(insights.map((r) => [r.name, r.inputs, r.parent?.type]), [
      ["orders-insights", { tableName: "orders", mode: "THROTTLED_KEYS" }, "dynamodb-blueprints:index:DynamoTable"],
      ["orders-byStatus-insights", { tableName: "orders", indexName: "byStatus", mode: "THROTTLED_KEYS" }, "dynamodb-blueprints:index:DynamoTable"],
    ]);
    assert.deepStrictEqual(settingsOf(run.resources, insights[1]), { table: "orders", index: "byStatus", mode: "THROTTLED_KEYS" });
  });

  it("check suggests it for the table or GSI the key advisor flags, passes once enabled there, and warns on a KMS table", async () => {
    const check = async (args: Partial<TableArgs>) => {
      const run = await runUnderMocks(() => new DynamoTable("orders", { ...base, ...args } as TableArgs));
      return runChecklist({ stack: "dev", config: { protect: false, environment: "dev" }, resources: run.resources, blueprints: [] } as never).items
        .find((i) => i.id === "contributor-insights");
    };
    const without = (await check({}))!;
    assert.strictEqual(without.status, "WARN");
    assert.deepStrictEqual(without.details, ["WARN orders index byStatus: partition key status is flagged as low-cardinality; Contributor Insights would show which values are hot"]);
    assert.match(without.fix!, /contributorInsights: \{ mode: "THROTTLED_KEYS"/);
    const enabled = (await check({ contributorInsights: { mode: "THROTTLED_KEYS", indexes: ["byStatus"] } }))!;
    assert.strictEqual(enabled.status, "PASS");
    const kms = (await check({ contributorInsights: { indexes: ["byStatus"] }, encryption: "AWS_MANAGED" }))!;
    assert.deepStrictEqual(kms.details.map((d) => d.split(":")[0]), ["PASS orders index byStatus", "WARN orders"]);
    assert.strictEqual(await check({ globalSecondaryIndexes: [], localSecondaryIndexes: [], sortKey: undefined }), undefined, "nothing flagged, nothing enabled: no item");
  });

  it("versions.tf asks for hashicorp/aws >= 6.11.0, where `mode` arrived (flat layout, no other floor above it)", async () => {
    const files = await toTerraform([dynamoTable("events", { tableName: "events", partitionKey: { name: "id", type: "S" }, contributorInsights: {} })], { layout: "flat" });
    assert.match(files["versions.tf"], /version = ">= 6\.11\.0, < 7\.0\.0"/);
    const without = await toTerraform([dynamoTable("events", { tableName: "events", partitionKey: { name: "id", type: "S" } })], { layout: "flat" });
    assert.doesNotMatch(without["versions.tf"], /6\.11\.0/);
  });

  it("local lists it as not emulated, with the mode and the indexes", () => {
    const lines = notEmulated(dynamoTable("orders", { ...base, contributorInsights: { mode: "THROTTLED_KEYS", indexes: ["byStatus"] } }).table);
    assert.ok(lines.includes("Contributor Insights (THROTTLED_KEYS) on the table and index byStatus: dynalite has no CloudWatch; nothing is recorded locally"), lines.join("\n"));
  });
});
