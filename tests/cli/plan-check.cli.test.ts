/**
 * `plan` and `check` through the real CLI (in-process through `main` with the bin's io, see
 * run-cli.ts; errors.cli.test.ts proves the bin prints the same) on the repo's dev and prod stacks. Expected values come
 * from the model (planned resources, table names) and the stack files, never from CLI output.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { loadStack } from "../../cli/stack-file";
import { planBlueprint, tablesOf } from "../../model/stack";
import type { PlanNode } from "../../cli/render-tree";
import { planStack } from "../../cli/commands/plan";
import { toJson } from "../../cli/stack-option";
import { CliResult, ROOT, STACK_TRACE, runScenarios } from "./run-cli";

const TABLE = "aws:dynamodb/table:Table";
const STATEFUL = [TABLE, "aws:kms/key:Key", "aws:s3/bucket:Bucket"];
const flat = (nodes: PlanNode[]): PlanNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
const stackFile = (stack: string) => parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;

/** What the model plans for a stack: one component per blueprint (+ the backend's lock table), its resources. */
function modelCounts(stack: string) {
  const { blueprints } = loadStack(ROOT, stack);
  const components = blueprints.length + blueprints.filter((b) => b.kind === "TerraformStateBackend").length;
  const resources = blueprints.reduce((n, b) => n + planBlueprint(b).length, 0);
  return { create: components + resources, components, resources, tables: tablesOf(blueprints).map((t) => t.table.tableName).sort() };
}

describe("CLI plan and check (in-process through main, dev and prod stacks)", function () {
  this.timeout(90_000);
  let r: Record<string, CliResult>;

  before(async () => {
    r = await runScenarios({
      planDev: { args: ["plan", "--stack", "dev"] },
      planDevJson: { args: ["plan", "--stack", "dev", "--json"] },
      planProd: { args: ["plan", "--stack", "prod"] },
      planProdJson: { args: ["plan", "--stack", "prod", "--json"] },
      checkDev: { args: ["check", "--stack", "dev"] },
      checkDevStrict: { args: ["check", "--stack", "dev", "--strict", "--json"] },
      checkProd: { args: ["check", "--stack", "prod"] },
      checkProdJson: { args: ["check", "--stack", "prod", "--json"] },
    });
  });

  it("every run prints no stack trace and nothing on stderr", () => {
    for (const [name, res] of Object.entries(r)) {
      assert.doesNotMatch(res.stderr, STACK_TRACE, name);
      assert.strictEqual(res.stderr, "", `${name} stderr`);
    }
  });

  for (const stack of ["dev", "prod"]) {
    it(`plan ${stack} --json: the mock monitor registered exactly what the model plans`, () => {
      const res = r[stack === "dev" ? "planDevJson" : "planProdJson"];
      assert.strictEqual(res.code, 0, res.stderr);
      const view = JSON.parse(res.stdout);
      const expected = modelCounts(stack);
      assert.deepStrictEqual(view.mocks, { monitor: "MockMonitor", registered: expected.create, newResourceCalls: expected.create });
      assert.deepStrictEqual(view.summary, { create: expected.create, components: expected.components, resources: expected.resources });
      const nodes = flat(view.resources);
      assert.strictEqual(nodes.length, expected.create);
      assert.deepStrictEqual(nodes.filter((n) => n.type === TABLE).map((n) => n.settings.tableName).sort(), expected.tables);
      // Step 1 of the article, seen in the tree: every table sits under one of our components.
      for (const parent of nodes) {
        for (const child of parent.children.filter((c) => c.type === TABLE)) assert.match(parent.type, /^dynamodb-blueprints:index:/);
      }
      assert.ok(view.resources.every((n: PlanNode) => n.component), "top-level nodes are components");
    });
  }

  it("plan --json is deterministic (a second, in-process run prints the same bytes) and in the text's order", async () => {
    assert.strictEqual(toJson(await planStack(ROOT, "dev")), r.planDevJson.stdout);
    const names = flat(JSON.parse(r.planDevJson.stdout).resources).map((n) => `+ ${n.type} ${n.name}`);
    const textNames = r.planDev.stdout.split("\n").filter((l) => /^\s*\+ /.test(l)).map((l) => l.trim().replace(/ {2}.*$/, ""));
    assert.deepStrictEqual(textNames, names);
  });

  it("plan prod: protect + retain on every stateful resource, 10..500 scaling from Pulumi.prod.yaml, ignored capacity", () => {
    const nodes = flat(JSON.parse(r.planProdJson.stdout).resources);
    const stateful = nodes.filter((n) => STATEFUL.includes(n.type));
    assert.ok(stateful.length >= 5, "tables, keys and the bucket");
    assert.ok(stateful.every((n) => n.options.protect && n.options.retainOnDelete), "every stateful resource protected");
    assert.ok(nodes.filter((n) => n.type.startsWith("aws:appautoscaling/")).every((n) => !n.options.protect), "scaling resources stay replaceable");
    const cfg = stackFile("prod");
    const [min, max, target] = ["highTrafficMinCapacity", "highTrafficMaxCapacity", "targetUtilization"].map((k) => cfg[`dynamodb-blueprints:${k}`]);
    assert.deepStrictEqual([min, max], [10, 500], "the article's range, as the stack file says");
    const traffic = nodes.find((n) => n.type === TABLE && n.name === "high-traffic")!;
    assert.deepStrictEqual(traffic.settings.scaling, { read: { min, max, targetUtilization: target }, write: { min, max, targetUtilization: target } });
    assert.deepStrictEqual(traffic.options.ignoreChanges, ["readCapacity", "writeCapacity"]);
    assert.match(r.planProd.stdout, new RegExp(`billing: PROVISIONED, capacity read ${min} / write ${min}, scaling read ${min}\\.\\.${max} @${target}%, write ${min}\\.\\.${max} @${target}%`));
    assert.match(r.planProd.stdout, /\n\+ dynamodb-blueprints:index:OrdersTable orders {2}\[protect\] \[retain\]\n {4}\+ aws:kms\/key:Key orders-key {2}\[protect\] \[retain\]/);
    assert.match(r.planProd.stdout, /encryption: customer-managed key orders-key/);
  });

  it("plan dev: nothing protected, no customer-managed keys, the summary line counts the model's plan", () => {
    const expected = modelCounts("dev");
    assert.strictEqual(r.planDev.code, 0);
    assert.doesNotMatch(r.planDev.stdout, /\[protect\]|\[retain\]|aws:kms/);
    assert.match(r.planDev.stdout, /\n\+ dynamodb-blueprints:index:OrdersTable orders\n {4}\+ aws:dynamodb\/table:Table orders\n/);
    assert.ok(r.planDev.stdout.includes(`Resources: ${expected.create} to create (${expected.components} components, ${expected.resources} resources)`));
    assert.match(r.planDev.stdout, /gsi StatusIndex: partition orderStatus \(S\), sort createdAt \(N\), projection KEYS_ONLY/);
    assert.match(r.planDev.stdout, /pitr: off/, "Pulumi.dev.yaml turns PITR off");
  });

  it("check dev: warnings only (StatusIndex, PITR, monitoring), exit 0; --strict exits 1", () => {
    assert.strictEqual(r.checkDev.code, 0, r.checkDev.stdout);
    assert.match(r.checkDev.stdout, /^WARN {2}2\. High-cardinality/m);
    assert.match(r.checkDev.stdout, /orders-dev index StatusIndex/);
    assert.match(r.checkDev.stdout, /^PASS {2}6\. .*\n.*destroyable by design/m);
    assert.doesNotMatch(r.checkDev.stdout, /^FAIL/m);
    assert.strictEqual(r.checkDevStrict.code, 1);
    const report = JSON.parse(r.checkDevStrict.stdout);
    assert.deepStrictEqual([report.strict, report.exitCode, report.production.stackWide, report.production.tables], [true, 1, false, []]);
    assert.match(r.checkDev.stdout, /^Production is declared per table .*: none of this stack's tables is\.$/m);
    const byId = Object.fromEntries(report.items.map((i: any) => [i.id, i.status]));
    assert.deepStrictEqual([byId.keys, byId.pitr, byId.monitoring, byId.protect, byId["lock-table"]], ["WARN", "WARN", "WARN", "PASS", "PASS"]);
  });

  it("check prod: no FAIL, every article step reported, the production safeguards pass, exit 0", () => {
    assert.strictEqual(r.checkProd.code, 0, r.checkProd.stdout);
    for (let step = 1; step <= 8; step++) assert.match(r.checkProd.stdout, new RegExp(`^(PASS|WARN) {2}${step}\\. `, "m"));
    const report = JSON.parse(r.checkProdJson.stdout);
    assert.strictEqual(report.production.stackWide, true, "Pulumi.prod.yaml declares dynamodb-blueprints:production: true");
    assert.deepStrictEqual(report.items.filter((i: any) => i.status === "FAIL"), []);
    const byId = Object.fromEntries(report.items.map((i: any) => [i.id, i]));
    for (const id of ["modules", "autoscaling", "pitr", "protect", "lock-table", "encryption", "ignore-changes", "kms-deletion-window", "state-bucket"]) {
      assert.strictEqual(byId[id].status, "PASS", `${id}: ${byId[id].reason} ${byId[id].details}`);
    }
    assert.strictEqual(byId.keys.status, "WARN");
    assert.ok(byId.keys.details.some((d: string) => /orders-prod index StatusIndex/.test(d)));
    // Prod turns monitoring on (Pulumi.prod.yaml), so step 8 finds an alarm set on every data table.
    assert.strictEqual(byId.monitoring.status, "PASS", byId.monitoring.details.join("\n"));
    assert.ok(byId.monitoring.details.some((d: string) => /orders-prod: alarms on .*ConsumedReadCapacityUnits.*ReadThrottleEvents/.test(d)), byId.monitoring.details.join("\n"));
    assert.strictEqual(report.counts.PASS + report.counts.WARN, report.items.length);
  });
});
