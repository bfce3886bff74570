/**
 * The published artefact works without ts-node: build to dist/, `npm pack`, unpack the tarball into
 * a scratch project's node_modules and use it from plain JavaScript under Pulumi mocks, and from
 * TypeScript through the shipped declarations.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

describe("package (npm pack, installed into a scratch project)", function () {
  this.timeout(120_000);
  let scratch: string;
  let packed: string[];

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-pack-"));
    // `npm pack` runs the prepare script, which builds dist/ first.
    const out = execFileSync(NPM, ["pack", "--json", "--pack-destination", scratch], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }).toString();
    const info = JSON.parse(out)[0];
    packed = info.files.map((f: { path: string }) => f.path);
    const modules = path.join(scratch, "node_modules");
    const target = path.join(modules, "dynamodb-blueprints");
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["xzf", path.join(scratch, info.filename), "-C", target, "--strip-components=1"]);
    // Dependencies come from this checkout's install, linked (not copied) to keep the test fast.
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (entry.startsWith(".") || entry === "dynamodb-blueprints") continue;
      fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
    }
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("ships compiled JavaScript and declarations, not sources or tests", () => {
    assert.ok(packed.includes("dist/components/index.js"));
    assert.ok(packed.includes("dist/components/index.d.ts"));
    assert.ok(packed.includes("bin/dynamodb-blueprints.js"));
    assert.ok(!packed.some((f) => f.startsWith("tests/") || f.startsWith("dist/tests/") || f.endsWith(".ts") && !f.endsWith(".d.ts")), packed.join("\n"));
  });

  it("works from plain JavaScript under Pulumi mocks", () => {
    const program = `
      const pulumi = require("@pulumi/pulumi");
      const types = [];
      pulumi.runtime.setMocks({
        newResource: (a) => { types.push(a.type + " " + a.name); return { id: a.name + "-id", state: { ...a.inputs, name: a.inputs.name || a.name } }; },
        call: () => ({}),
      }, "consumer", "dev", true).then(() => {
        const { DynamoTable } = require("dynamodb-blueprints");
        new DynamoTable("users", { partitionKey: { name: "userId", type: "S" } });
        setTimeout(() => console.log(JSON.stringify(types.sort())), 300);
      });`;
    fs.writeFileSync(path.join(scratch, "program.js"), program);
    const out = execFileSync(process.execPath, ["program.js"], { cwd: scratch }).toString().trim();
    assert.deepStrictEqual(JSON.parse(out.split("\n").pop()!), ["aws:dynamodb/table:Table users", "dynamodb-blueprints:index:DynamoTable users"]);
  });

  it("type-checks a TypeScript consumer against the shipped declarations, rejecting a wrong key type", () => {
    const good = `import { DynamoTable, OrdersTable } from "dynamodb-blueprints";
      const t = new DynamoTable("users", { partitionKey: { name: "userId", type: "S" } });
      export const arn = t.tableArn; export const o = OrdersTable;`;
    const bad = `import { DynamoTable } from "dynamodb-blueprints";
      new DynamoTable("users", { partitionKey: { name: "userId", type: "STRING" } });`;
    fs.writeFileSync(path.join(scratch, "good.ts"), good);
    fs.writeFileSync(path.join(scratch, "bad.ts"), bad);
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--skipLibCheck", "--module", "commonjs", "--moduleResolution", "node", "--target", "ES2022", "--types", "node"];
    execFileSync(process.execPath, [tsc, ...flags, "good.ts"], { cwd: scratch, stdio: "pipe" });
    assert.throws(() => execFileSync(process.execPath, [tsc, ...flags, "bad.ts"], { cwd: scratch, stdio: "pipe" }),
      (e: any) => /"STRING"/.test(e.stdout.toString()));
  });
});
