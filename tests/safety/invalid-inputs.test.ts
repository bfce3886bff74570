/**
 * Every row of invalid-inputs.fixture.ts is refused with one error naming the place, the bad value and
 * the fix, and refused before anything happens: components register nothing (proved against a valid
 * control component registered in the same mock run), `hcl --out` creates no directory, toTerraform
 * returns no files. Plus the article's troubleshooting rows that input can cause.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { DynamoTable, DynamoTableArgs } from "../../components";
import { BlueprintValidationError } from "../../model/errors";
import { dynamoTable } from "../../model/blueprints";
import { buildLock, serializeLock, DestructiveChangeError } from "../../project/schema-lock";
import { loadStack } from "../../cli/stack-file";
import { guardReplacements } from "../../project/schema-lock-file";
import { toTerraform } from "../../terraform/to-terraform";
import { assertMocksActive, runUnderMocks, stackConfigStrings } from "../helpers/pulumi-mocks";
import { CliResult, STACK_TRACE, runScenarios } from "../cli/run-cli";
import { DEV, PROD, ROOT, assertProblem, cli, filesUnder, scratch } from "./helpers";
import { SECURE_CIPHERTEXT, componentRows, configRows, flagRows, terraformRows } from "./invalid-inputs.fixture";

const id = { name: "id", type: "S" as const };
const CONTROL = ["dynamodb-blueprints:index:DynamoTable control", "aws:dynamodb/table:Table control"].sort();
const control = () => new DynamoTable("control", { tableName: "control-table", partitionKey: id });
const inventory = (run: { resources: { type: string; name: string }[] }) => run.resources.map((r) => `${r.type} ${r.name}`).sort();

describe("safety: invalid inputs are refused with place, value and fix, before anything is registered or written", function () {
  this.timeout(30_000);
  const outBase = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-out-"));
  const configProject = scratch(Object.fromEntries(configRows.map((r) => [`Pulumi.${r.stack}.yaml`, r.file])));
  const flagProject = scratch({ "Pulumi.dev.yaml": DEV, "Pulumi.prod.yaml": PROD, "Pulumi.local.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.local.yaml"), "utf8"),
    "dynamodb-blueprints.dev.lock.json": fs.readFileSync(path.join(ROOT, "dynamodb-blueprints.dev.lock.json"), "utf8") });
  let real: Promise<Record<"config" | "flag", CliResult>>;

  before(() => {
    // Two rows through the real binary as well: exit code, stderr, no stack trace. Not awaited here, so
    // the children's ts-node start-up overlaps the in-process rows (two cores).
    real = runScenarios({
      config: { args: ["hcl", "--stack", "typo", "--out", path.join(outBase, "real-config")], env: { DYNAMODB_BLUEPRINTS_PROJECT: configProject } },
      flag: { args: ["hcl", "--stak", "dev", "--out", path.join(outBase, "real-flag")] },
    }, { spawn: true });
  });
  after(() => { for (const d of [outBase, configProject, flagProject]) fs.rmSync(d, { recursive: true, force: true }); });

  it("the fixture holds at least 40 distinct invalid inputs", () => {
    const rows = [...componentRows.map((r) => r.expect), ...configRows.map((r) => r.expect), ...flagRows.map((r) => r.expect), ...terraformRows.map((r) => r.expect)];
    const distinct = new Set(rows.map((e) => `${e.where}|${e.value}|${e.fix}`));
    assert.ok(distinct.size >= 40 && distinct.size === rows.length, `${distinct.size} distinct of ${rows.length}`);
  });

  describe("component args (real components, Pulumi mocks)", () => {
    for (const r of componentRows) {
      it(r.row, async () => {
        let error: unknown;
        const run = await runUnderMocks(() => {
          try { r.create(); } catch (e) { error = e; }
          control();
        });
        assertMocksActive(run);
        assert.ok(error instanceof BlueprintValidationError, `expected a BlueprintValidationError, got ${error}`);
        assertProblem(error.message, r.expect);
        assert.deepStrictEqual(inventory(run), CONTROL, "only the control component registered");
      });
    }

    it("an attribute no key uses cannot even be written: TableArgs has no `attributes`, and definitions are the keys", () => {
      const args: DynamoTableArgs = {
        partitionKey: id,
        // @ts-expect-error TableArgs has no `attributes` (tsc, which `npm test` runs, fails if one is ever added)
        attributes: [{ name: "email", type: "S" }],
      };
      assert.throws(() => dynamoTable("t-table", args as never), /attributes: is not a known argument/);
      const spec = dynamoTable("t-table", { partitionKey: id, sortKey: { name: "at", type: "N" },
        globalSecondaryIndexes: [{ name: "byEmail", partitionKey: { name: "email", type: "S" } }] }).table;
      assert.deepStrictEqual(spec.attributes, [{ name: "at", type: "N" }, { name: "email", type: "S" }, id]);
    });
  });

  describe("stack config files (`hcl --out` in-process: exit 2, no output directory)", () => {
    for (const r of configRows) {
      it(`Pulumi.${r.stack}.yaml`, async () => {
        const out = path.join(outBase, `config-${r.stack}`);
        const ran = await cli(["hcl", "--stack", r.stack, "--out", out], configProject);
        assert.strictEqual(ran.code, 2, ran.err);
        assertProblem(ran.err, r.expect);
        assert.strictEqual(ran.out, "");
        assert.ok(!fs.existsSync(out), "nothing written");
        assert.ok(!ran.err.includes(SECURE_CIPHERTEXT), "a secure value is never echoed, not even encrypted");
      });
    }

    it("the Pulumi program refuses the same files before registering anything (unknown key, bucket name, one table name twice)", async () => {
      for (const stack of ["typo", "bucket", "samename"]) {
        const expect = configRows.find((r) => r.stack === stack)!.expect;
        const config = stackConfigStrings(parse(configRows.find((r) => r.stack === stack)!.file).config);
        let error: unknown;
        const run = await runUnderMocks(() => {
          delete require.cache[require.resolve("../../index")];
          try { require("../../index"); } catch (e) { error = e; }
          control();
        }, { stack, config });
        assertMocksActive(run);
        assert.ok(error instanceof BlueprintValidationError, `${stack}: ${error}`);
        assertProblem(error.message, { ...expect, where: expect.where.replace(/^Pulumi\.\w+\.yaml /, "") });
        assert.deepStrictEqual(inventory(run), CONTROL, stack);
      }
    });
  });

  describe("CLI flags (in-process: exit 2, nothing created)", () => {
    const before = filesUnder(flagProject).map((f) => `${f}:${fs.readFileSync(path.join(flagProject, f), "utf8").length}`);
    flagRows.forEach((r, i) => {
      it(r.row, async () => {
        const out = path.join(outBase, `flag-${i}`);
        const ran = await cli(r.args(out), flagProject);
        assert.strictEqual(ran.code, 2, ran.err);
        assertProblem(ran.err, r.expect);
        assert.ok(!fs.existsSync(out), "no output directory");
        assert.deepStrictEqual(filesUnder(flagProject).map((f) => `${f}:${fs.readFileSync(path.join(flagProject, f), "utf8").length}`), before,
          "nothing written into the project (the lock file untouched)");
      });
    });
  });

  describe("toTerraform items and options", () => {
    for (const r of terraformRows) {
      it(r.row, async () => {
        let items: unknown;
        const run = await runUnderMocks(() => { items = r.items(); control(); });
        assertMocksActive(run);
        let files: unknown;
        const error = await toTerraform(items as never, ("options" in r ? r.options : {}) as never).then((f) => { files = f; }, (e) => e);
        assert.strictEqual(files, undefined, "no files returned");
        assert.ok(error instanceof BlueprintValidationError, `expected a BlueprintValidationError, got ${error}`);
        assertProblem(error.message, r.expect);
        if (r.row === "two tables, one name") assert.match(error.message, /is already used by DynamoTable "a"/, "both tables are named");
      });
    }
  });

  describe("the real binary agrees (child processes)", () => {
    it("a config row and a flag row: exit 2, the problem on stderr, no stack trace, nothing written", async () => {
      const { config, flag } = await real;
      for (const [name, res, expect] of [["config", config, configRows.find((r) => r.stack === "typo")!.expect],
        ["flag", flag, flagRows[0].expect]] as const) {
        assert.strictEqual(res.code, 2, `${name}: ${res.stderr}`);
        assertProblem(res.stderr, expect);
        assert.doesNotMatch(res.stderr, STACK_TRACE);
        assert.strictEqual(res.stdout, "");
        assert.deepStrictEqual(filesUnder(path.join(outBase, `real-${name}`)), []);
      }
    });
  });

  describe("the article's troubleshooting rows that input can cause", () => {
    it("'Terraform wants to replace the table' (a key changed): refused by the schema lock, naming table, setting and both ways out", async () => {
      // The committed lock says customerId; the stack says orderId: as if a PR had changed the key.
      const locked = buildLock("dev", loadStack(ROOT, "dev").blueprints);
      locked.tables.orders.partitionKey = { name: "customerId", type: "S" };
      const text = serializeLock(locked);
      const project = scratch({ "Pulumi.dev.yaml": DEV, "dynamodb-blueprints.dev.lock.json": text });
      try {
        const ran = await cli(["lock", "--stack", "dev"], project);
        assert.strictEqual(ran.code, 1, ran.err);
        assertProblem(ran.err, { where: 'OrdersTable "orders" (table orders-dev).partitionKey', value: "locked customerId (S), now orderId (S)",
          fix: /revert it to customerId \(S\); or, .*`dynamodb-blueprints lock --stack dev --accept-replacement orders`/ });
        assert.strictEqual(fs.readFileSync(path.join(project, "dynamodb-blueprints.dev.lock.json"), "utf8"), text, "nothing written");
        assert.throws(() => guardReplacements(project, "dev", loadStack(project, "dev").blueprints), DestructiveChangeError);
      } finally { fs.rmSync(project, { recursive: true, force: true }); }
    });

    it("'ResourceInUseException' against an existing table with other keys: `local` refuses it (tested in tests/local/deploy.test.ts)", () => {
      const deployTest = fs.readFileSync(path.join(ROOT, "tests", "local", "deploy.test.ts"), "utf8");
      assert.match(deployTest, /it\("refuses a changed key without recreate/, "the referenced test still exists");
    });
  });
});
