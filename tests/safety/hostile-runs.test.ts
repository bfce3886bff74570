/**
 * Issue 12: hostile or clumsy input that used to crash, mislead or hang, each as a test that failed
 * before the fix: a tag named toString (case 5), damaged --data stores (6), args that change between
 * reads (9), 10,000 problems (12), a stack file with 40,000 keys (15), the AWS SDK's Node warning (17).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DynamoTable } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError, MAX_LISTED_PROBLEMS } from "../../model/errors";
import { startLocalDynamo } from "../../local/server";
import { toTerraform } from "../../terraform/to-terraform";
import { readStackFile } from "../../cli/stack-file";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { runCli, STACK_TRACE } from "../cli/run-cli";
import { DEV, cli, scratch } from "./helpers";
import { CORRUPTED_DATA_DIRS, PROTOTYPE_NAMES } from "./invalid-inputs.fixture";

const id = { name: "id", type: "S" as const };
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dynamodb-blueprints-hostile-${p}-`));

describe("safety: hostile input neither crashes, misleads nor hangs", function () {
  this.timeout(30_000);

  describe("case 5: tags named like Object.prototype members reach the resources", () => {
    it("plan and check of a stack whose tags include toString and valueOf run (no 'Cannot convert object to primitive value')", async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV.replace("Owner: platform-team", "Owner: platform-team\n    toString: a\n    valueOf: b") });
      const plan = await cli(["plan", "--stack", "dev"], dir);
      assert.strictEqual(plan.code, 0, plan.err);
      const check = await cli(["check", "--stack", "dev", "--json"], dir);
      assert.ok(check.code === 0 || check.code === 1, check.err);
      assert.doesNotMatch(check.err, /Cannot convert|TypeError/);
    });
    const names = PROTOTYPE_NAMES.filter((n) => n !== "__proto__");
    it(`a DynamoTable registers its table with tags ${names.join(", ")}`, async () => {
      const tags = Object.fromEntries(names.map((n) => [n, `v-${n}`]));
      const run = await runUnderMocks(() => { new DynamoTable("t", { tableName: "t-table", partitionKey: id, tags }); });
      assertMocksActive(run);
      const table = run.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
      for (const n of names) assert.strictEqual(Object.hasOwn(table.inputs.tags, n) && table.inputs.tags[n], `v-${n}`, n);
    });
    it("a __proto__ tag, which the Pulumi SDK would drop silently, is refused by name before the table is registered", async () => {
      let error: unknown;
      const run = await runUnderMocks(() => {
        try { new DynamoTable("t", { tableName: "t-table", partitionKey: id, tags: Object.fromEntries([["__proto__", "x"]]) }); } catch (e) { error = e; }
      });
      assertMocksActive(run);
      assert.ok(error instanceof BlueprintValidationError, String(error));
      assert.match(error.message, /tags\["__proto__"\]: cannot be passed through the Pulumi SDK/);
      assert.deepStrictEqual(run.resources.filter((r) => r.custom).map((r) => r.type), []);
    });
  });

  describe("case 6: a damaged --data store is one error naming the directory and the way out", () => {
    for (const row of CORRUPTED_DATA_DIRS) {
      it(row.row, async () => {
        const dir = tmp("damaged");
        await (await startLocalDynamo({ port: 0, dataDir: dir })).close();
        await row.corrupt(dir);
        const ran = await cli(["local", "--port", "0", "--data", dir]);
        assert.strictEqual(ran.code, 2, ran.err);
        assert.match(ran.err, new RegExp(`^error: ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: is a damaged LevelDB store .*Fix: move the directory away`));
        assert.strictEqual(ran.err.trim().split("\n").length, 1, ran.err);
        assert.doesNotMatch(ran.err, STACK_TRACE);
        assert.ok(!fs.existsSync(path.join(dir, ".dynamodb-blueprints.lock")), "pid lock released");
        fs.rmSync(dir, { recursive: true, force: true });
      });
    }
  });

  describe("case 9: args are read once; only the snapshot is validated and rendered", () => {
    it("a getter that turns invalid after the first read cannot reach the blueprint or the HCL", async () => {
      let reads = 0;
      const args = { partitionKey: id, get tableName() { reads++; return reads === 1 ? "valid-table" : "x"; } };
      const blueprint = dynamoTable("t", args);
      assert.strictEqual(blueprint.table.tableName, "valid-table");
      const files = await toTerraform([blueprint]);
      const hcl = Object.values(files).join("\n");
      assert.match(hcl, /"valid-table"/);
      assert.doesNotMatch(hcl, /= "x"/);
      assert.strictEqual(reads, 1);
    });
    it("mutating args after construction changes nothing", () => {
      const args = { tableName: "kept-table", partitionKey: { name: "id", type: "S" as const }, tags: { Owner: "me" } };
      const blueprint = dynamoTable("t", args);
      args.partitionKey.name = "other";
      args.tags.Owner = "someone else";
      assert.strictEqual(blueprint.table.partitionKey.name, "id");
      assert.strictEqual(blueprint.table.tags.Owner, "me");
    });
  });

  describe("case 12: a message lists at most MAX_LISTED_PROBLEMS problems", () => {
    it("10,000 identical GSIs give a short message that says how many more", () => {
      const gsi = { name: "dup", partitionKey: { name: "k", type: "S" as const } };
      const error = (() => { try { dynamoTable("t", { tableName: "t-table", partitionKey: id, globalSecondaryIndexes: Array(10_000).fill(gsi) }); } catch (e) { return e; } })();
      assert.ok(error instanceof BlueprintValidationError, String(error));
      const lines = error.message.split("\n");
      assert.ok(lines.length <= MAX_LISTED_PROBLEMS + 2, `${lines.length} lines`);
      assert.match(lines[lines.length - 1], new RegExp(`and ${error.problems.length - MAX_LISTED_PROBLEMS} more`));
      assert.ok(error.message.length < 20_000, `${error.message.length} characters`);
    });
  });

  describe("case 12: echoed user text is capped everywhere the CLI echoes it", () => {
    for (const [row, args] of [["an unknown command", ["c".repeat(100_000)]], ["an unknown flag", ["plan", `--${"f".repeat(100_000)}`]],
      ["a flag value", ["plan", "--stack", "s".repeat(100_000)]]] as const) {
      it(`${row} of 100,000 characters`, async () => {
        const ran = await cli([...args]);
        assert.strictEqual(ran.code, 2);
        assert.ok(ran.err.length < 3000, `${ran.err.length} characters`);
        assert.match(ran.err, /… \(100\d{3} characters\)/);
      });
    }
  });

  describe("case 15: duplicate-key detection is linear", () => {
    it("a stack file with 40,000 keys parses (it took 22 s), and a duplicate at its end is still found by line", function () {
      this.timeout(15_000); // about 2.5 s here; the quadratic check took 22 s
      const keys = Array.from({ length: 40_000 }, (_, i) => `    k${i}: ${i}`).join("\n");
      const dir = scratch({
        "Pulumi.big.yaml": `${DEV}  other:big:\n${keys}\n`,
        "Pulumi.bigdup.yaml": `${DEV}  other:big:\n${keys}\n    k7: again\n`,
      });
      assert.ok(Object.hasOwn(readStackFile(dir, "big"), "other:big"));
      const lines = DEV.split("\n").length + 40_001;
      assert.throws(() => readStackFile(dir, "bigdup"), (e: Error) => e instanceof BlueprintValidationError &&
        e.message.includes(`Pulumi.bigdup.yaml line ${lines}, column 5`) && e.message.includes("DUPLICATE_KEY"));
    });
  });

  describe("case 17: no AWS SDK Node-version warning on a local run", () => {
    it("the real binary's `local --port 0` prints no NodeVersionSupportWarning", async function () {
      this.timeout(60_000);
      const ran = await runCli(["local", "--port", "0"]);
      assert.strictEqual(ran.code, 0, ran.stderr);
      assert.match(ran.stdout, /created|unchanged/);
      assert.doesNotMatch(ran.stderr, /NodeVersionSupportWarning/);
    });
  });
});
