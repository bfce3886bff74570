/**
 * The package's public surface is curated: each entry (`dynamodb-blueprints`, `/terraform`,
 * `/testing`) exports exactly these runtime values, so an internal helper (editDistance, show,
 * snakeCase, the model namespace) cannot leak in unnoticed; `exports` in package.json maps the entries.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CHILD_HANG_GUARD_MS } from "./helpers/child-process";

const ROOT = path.resolve(__dirname, "..");
const TERRAFORM = [
  "AttributeType", "BillingMode", "BlueprintValidationError", "DestructiveChangeError", "EncryptionMode", "LAYOUTS", "ProjectionType",
  "StartingPosition", "StreamViewType", "TableClass", "dynamoTable", "ordersTable", "productionTable", "stateBackend", "stateLockTable",
  "toTerraform", "writeTerraform",
];
const COMPONENTS = ["AccessLevel", "DynamoTable", "OrdersTable", "ProductionTable", "StateLockTable", "TerraformStateBackend", "isTableComponent"];
const TESTING = ["ACCOUNT_ID", "ProgramError", "assertMocksActive", "defaultMocks", "findResource", "mocksProblem", "record", "resourcesOfType", "runProgram"];

describe("package entries", () => {
  it("dynamodb-blueprints: the components plus everything of dynamodb-blueprints/terraform, nothing internal", () => {
    assert.deepStrictEqual(Object.keys(require("../components")).sort(), [...COMPONENTS, ...TERRAFORM].sort());
  });

  it("dynamodb-blueprints/terraform loads no Pulumi (a plain script can emit HCL)", function () {
    this.timeout(CHILD_HANG_GUARD_MS); // a fresh ts-node process: waits for its exit
    assert.deepStrictEqual(Object.keys(require("../entries/terraform")).sort(), TERRAFORM);
    // A fresh process: this one has Pulumi loaded already.
    const probe = `require("./entries/terraform"); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes("@pulumi"))))`;
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", probe], { cwd: ROOT }).toString();
    assert.deepStrictEqual(JSON.parse(out), []);
  });

  it("dynamodb-blueprints/testing", () => {
    assert.deepStrictEqual(Object.keys(require("../testing")).sort(), TESTING);
  });

  it("enums are values too", () => {
    const { BillingMode, AttributeType } = require("../entries/terraform");
    assert.strictEqual(BillingMode.PROVISIONED, "PROVISIONED");
    assert.strictEqual(AttributeType.S, "S");
  });

  it("package.json maps each entry (exports for Node, typesVersions for moduleResolution node) to files it ships", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const entries = { ".": "components/index", "./terraform": "entries/terraform", "./testing": "testing/index" };
    for (const [entry, source] of Object.entries(entries)) {
      assert.deepStrictEqual(pkg.exports[entry], { types: `./dist/${source}.d.ts`, default: `./dist/${source}.js` });
      assert.ok(fs.existsSync(path.join(ROOT, `${source}.ts`)), source);
      assert.ok(pkg.files.some((f: string) => `dist/${source}`.startsWith(f)), `${source} is packed`);
      if (entry !== ".") assert.deepStrictEqual(pkg.typesVersions["*"][entry.slice(2)], [`dist/${source}.d.ts`]);
    }
    assert.ok(pkg.peerDependenciesMeta.dynalite.optional && pkg.peerDependenciesMeta["@aws-sdk/client-dynamodb"].optional);
    assert.ok(!("dynalite" in (pkg.dependencies ?? {})) && !("@aws-sdk/client-dynamodb" in (pkg.dependencies ?? {})));
    assert.ok(fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8").includes("Apache License"));
    assert.strictEqual(pkg.license, "Apache-2.0");
  });

  it("engines match the strictest engines of the runtime dependencies", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const pulumi = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));
    assert.strictEqual(pkg.engines.node, pulumi.engines.node);
  });
});
