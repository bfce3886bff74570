/**
 * The CLI works on the user's own Pulumi program: a scratch project (its own Pulumi.yaml `main`, its
 * own config namespace, its own components plus one raw aws.dynamodb.Table) goes through `plan`,
 * `check`, `lock` and `hcl` in-process through `main(argv, io)`. Nothing of the reference stack may
 * appear: the CLI has no path of its own for it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cli, userProject } from "../helpers/user-project";

const ROOT = path.resolve(__dirname, "..", "..");

const COMPONENTS = JSON.stringify(path.join(ROOT, "components"));
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import { DynamoTable, ProductionTable } from ${COMPONENTS};

const config = new pulumi.Config();
const env = config.require("env");
export const users = new DynamoTable("users", {
  tableName: \`users-\${env}\`,
  partitionKey: { name: "userId", type: "S" },
  tags: { Team: config.get("team") ?? "none" },
}, { protect: config.getBoolean("protect") ?? false });
new ProductionTable("ledger", { tableName: \`ledger-\${env}\`, partitionKey: { name: "accountId", type: "S" }, sortKey: { name: "at", type: "N" } });
// Written by hand, outside the components: check sees it, hcl cannot emit it.
new dynamodb.Table("legacy", { name: \`legacy-\${env}\`, attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" });
`;

const project = (program = PROGRAM, extra: Record<string, string> = {}) => userProject({
  "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: src/main.ts\nconfig:\n  team:\n    default: payments\n",
  "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n  shop:env: dev\n",
  "src/main.ts": program,
  ...extra,
});

describe("CLI on the user's own program (Pulumi.yaml main, Pulumi.<stack>.yaml config)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = project(); });

  it("plan shows the user's components and the raw table, under the user's project name, nothing of the reference stack", async () => {
    const r = await cli(dir, "plan", "--stack", "dev");
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /of shop under Pulumi mocks/);
    assert.match(r.out, /\+ dynamodb-blueprints:index:DynamoTable users\n/);
    assert.match(r.out, /\+ dynamodb-blueprints:index:ProductionTable ledger  \[protect\] \[retain\]\n/);
    assert.match(r.out, /table: users-dev/);
    assert.match(r.out, /\+ aws:dynamodb\/table:Table legacy/);
    assert.doesNotMatch(r.out, /orders|high-traffic|production-data|state-bucket/);
  });

  it("plan --json names the user's project and proves the mocks served every registration", async () => {
    const view = JSON.parse((await cli(dir, "plan", "--stack", "dev", "--json")).out);
    assert.strictEqual(view.project, "shop");
    assert.deepStrictEqual(view.mocks, { monitor: "MockMonitor", registered: 6, newResourceCalls: 6 });
  });

  it("check judges the user's tables, warns about the raw one; only the ProductionTable is production (nothing inferred from it)", async () => {
    const r = await cli(dir, "check", "--stack", "dev", "--json");
    const report = JSON.parse(r.out);
    const modules = report.items.find((i: { id: string }) => i.id === "modules");
    assert.strictEqual(modules.status, "WARN");
    assert.ok(modules.details.some((d: string) => /legacy-dev: registered at the top level, outside any blueprint component/.test(d)), modules.details.join("\n"));
    assert.ok(modules.details.some((d: string) => /users-dev: created by DynamoTable "users"/.test(d)));
    assert.deepStrictEqual(report.production.tables, ["ledger-dev"], "the ProductionTable only: users and legacy are not declared production");
    assert.strictEqual(report.production.stackWide, false);
    const protect = report.items.find((i: { id: string }) => i.id === "protect");
    assert.strictEqual(protect.status, "PASS", protect.details.join("\n"));
    assert.ok(protect.details.includes("PASS table users-dev: not protected by design (not declared production)"), protect.details.join("\n"));
  });

  it("lock --init locks the user's tables; hcl emits them, lists the raw table as not emitted, and uses the stack region", async () => {
    const lock = await cli(dir, "lock", "--stack", "dev", "--init");
    assert.strictEqual(lock.code, 0, lock.err);
    const locked = JSON.parse(fs.readFileSync(path.join(dir, "dynamodb-blueprints.dev.lock.json"), "utf8"));
    assert.deepStrictEqual(Object.keys(locked.tables).sort(), ["ledger", "users"]);
    const hcl = await cli(dir, "hcl", "--stack", "dev", "--out", "tf");
    assert.strictEqual(hcl.code, 0, hcl.err);
    assert.match(hcl.out, /Not emitted \(aws\.dynamodb\.Table created outside the blueprint components; write their Terraform yourself\): legacy/);
    const tf = fs.readdirSync(path.join(dir, "tf"), { recursive: true }).map(String);
    const all = tf.filter((f) => f.endsWith(".tf")).map((f) => fs.readFileSync(path.join(dir, "tf", f), "utf8")).join("\n");
    assert.match(all, /"users-dev"/);
    assert.match(all, /"ledger-dev"/);
    assert.match(all, /eu-west-1/, "the stack's aws:region");
    assert.match(all, /"payments"/, "shop:team from Pulumi.yaml's config default");
    assert.doesNotMatch(all, /legacy-dev/);
  });

  it("a key change in the program fails check against the lock the user committed", async () => {
    const changed = project(PROGRAM.replace(`name: "userId", type: "S"`, `name: "email", type: "S"`));
    fs.copyFileSync(path.join(dir, "dynamodb-blueprints.dev.lock.json"), path.join(changed, "dynamodb-blueprints.dev.lock.json"));
    const r = await cli(changed, "check", "--stack", "dev");
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.out, /FAIL .*schema lock/);
  });

  it("an error thrown by the program is shown as the program's error with its own location, exit 2", async () => {
    const broken = project(`import * as pulumi from "@pulumi/pulumi";\nconst c = new pulumi.Config();\n\nthrow new Error("no tables today: " + c.require("env"));\n`);
    const r = await cli(broken, "plan", "--stack", "dev");
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /the program src\/main\.ts failed at src\/main\.ts:4:\d+: no tables today: dev/);
  });

  it("bad component args in the program are the model's validation error, exit 2, before anything is written", async () => {
    const bad = project(`import { DynamoTable } from ${COMPONENTS};\nnew DynamoTable("t", { partitionKey: { name: "id", type: "STRING" as never } });\n`);
    const r = await cli(bad, "hcl", "--stack", "dev", "--out", "tf");
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /DynamoTable "t"/);
    assert.ok(!fs.existsSync(path.join(bad, "tf")));
  });

  it("hcl on a program with only raw tables: exit 2, saying what to declare, nothing written", async () => {
    const raw = project(`import * as dynamodb from "@pulumi/aws/dynamodb";\nnew dynamodb.Table("legacy", { attributes: [{ name: "id", type: "S" }], hashKey: "id" });\n`);
    const r = await cli(raw, "hcl", "--stack", "dev", "--out", "tf");
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /src\/main\.ts: creates nothing the emitter can write \(got only aws\.dynamodb\.Table resources \(legacy\)\)\. Fix: declare the tables with DynamoTable/);
    assert.ok(!fs.existsSync(path.join(raw, "tf")));
  });

  it("runs a JavaScript program (runtime option typescript: false, main from package.json)", async () => {
    const js = userProject({
      "Pulumi.yaml": "name: jsshop\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
      "package.json": JSON.stringify({ name: "jsshop", main: "lib/index.js" }),
      "Pulumi.dev.yaml": "config:\n  jsshop:env: dev\n",
      "lib/index.js": `const { StateLockTable } = require(${COMPONENTS.replace(/components"$/, 'components/index.ts"')});\nnew StateLockTable("locks", { tableName: "locks-" + require("@pulumi/pulumi").getStack() });\n`,
    });
    const r = await cli(js, "plan", "--stack", "dev");
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /StateLockTable locks\n[\s\S]*table: locks-dev/);
  });
});
