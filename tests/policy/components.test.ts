/**
 * The pack against what our own program and components register under Pulumi mocks: the inputs
 * and the `protect` option each custom resource reaches the engine with, judged by every policy.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { MockRun, assertMocksActive, custom, runUnderMocks, stackConfigStrings, runProgram } from "../helpers/pulumi-mocks";
import { DynamoTable, ProductionTable } from "../../components";
import { PackConfig, TestResource, Violation, validatePack } from "./harness";

const ROOT = path.resolve(__dirname, "../..");

const runStack = (stack: string) => runProgram(stack);

/** Custom resources as the engine shows them to policies: inputs plus the protect option. */
const resourcesOf = (run: MockRun): TestResource[] =>
  custom(run).map((r) => ({ type: r.type, name: r.name, props: r.inputs, protect: r.protect }));
const summary = (vs: Violation[]) => vs.map((v) => `${v.level} ${v.policy} ${/^\S+ "([^"]+)"/.exec(v.message)?.[1]}`).sort();

describe("policy pack on our own program (Pulumi mocks)", () => {
  it("prod stack: passes every mandatory rule (lock table CMK aside); the hot-key advice flags orders' StatusIndex", async () => {
    const run = await runStack("prod");
    assertMocksActive(run);
    const resources = resourcesOf(run);
    assert.ok(resources.filter((r) => r.type === "aws:dynamodb/table:Table").length === 4 && resources.some((r) => r.type.startsWith("aws:appautoscaling")));
    const violations = await validatePack(resources);
    // Finding, reported to the lead rather than hidden: the prod lock table is tagged Environment=prod but
    // StateLockTable takes no encryption setting, so it stays on the AWS-owned key. Tolerated here (and only
    // this) so the test keeps passing once the model encrypts it.
    const mandatory = summary(violations.filter((v) => v.level === "mandatory"));
    assert.ok(mandatory.every((s) => s === "mandatory dynamodb-production-cmk state-locks"), mandatory.join("\n"));
    assert.deepStrictEqual(summary(violations.filter((v) => v.level === "advisory")), ["advisory dynamodb-hot-partition-key orders"]);
    assert.match(violations.find((v) => v.policy === "dynamodb-hot-partition-key")!.message, /\(StatusIndex\)\.keySchemas\[HASH\] is "orderStatus"/);
  });

  it("dev stack: PITR is off by config, so rule 1 (scope all) fails it; scope: production lets it pass", async () => {
    const run = await runStack("dev");
    assertMocksActive(run);
    const resources = resourcesOf(run);
    const strict = summary((await validatePack(resources)).filter((v) => v.level === "mandatory"));
    assert.deepStrictEqual(strict, ["high-traffic", "orders", "production-data"].map((t) => `mandatory dynamodb-pitr-enabled ${t}`));
    const relaxed = await validatePack(resources, { "dynamodb-pitr-enabled": { scope: "production" } });
    assert.deepStrictEqual(relaxed.filter((v) => v.level === "mandatory"), [], "nothing in dev is tagged production");
  });

  it("a dev-like table tagged production (unprotected, AWS-owned key, no deletion protection) fails rules 2, 3 and 4", async () => {
    const run = await runUnderMocks(() => new DynamoTable("scratch", {
      tableName: "scratch", partitionKey: { name: "userId", type: "S" }, tags: { Environment: "Production" },
    }));
    assertMocksActive(run);
    const violations = await validatePack(resourcesOf(run));
    assert.deepStrictEqual(summary(violations), [
      "mandatory dynamodb-deletion-protection scratch", "mandatory dynamodb-production-cmk scratch", "mandatory dynamodb-production-protect scratch",
    ]);
    assert.ok(violations.every((v) => /tags\.Environment = "Production"/.test(v.message)));
  });

  it("ProductionTable passes every policy, under the default and a custom production tag", async () => {
    const run = await runUnderMocks(() => new ProductionTable("data", {
      tableName: "data", partitionKey: { name: "id", type: "S" }, tags: { Environment: "prod", Stage: "live" },
    }));
    assertMocksActive(run);
    assert.deepStrictEqual(await validatePack(resourcesOf(run)), []);
    const custom: PackConfig = Object.fromEntries(["dynamodb-production-cmk", "dynamodb-deletion-protection", "dynamodb-production-protect"]
      .map((p) => [p, { productionTagKey: "Stage", productionTagValues: ["live"] }]));
    assert.deepStrictEqual(await validatePack(resourcesOf(run), custom), []);
  });
});
