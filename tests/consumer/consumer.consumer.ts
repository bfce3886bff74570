/**
 * The consumer test (`npm run test:consumer`, slow, run by CI, not by `npm test`): `npm pack`, then a
 * throwaway project laid out like `pulumi new aws-typescript` (CommonJS, the template's tsconfig)
 * installs the tarball with npm, type-checks every TypeScript block of the README, runs the CLI on
 * its own program (the README's `index.ts` block), runs its own mocha test (the README's test block,
 * asserting `protect` through `dynamodb-blueprints/testing`), and a plain script without Pulumi.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages;
/** The versions this checkout tested with, so the install is reproducible (and served from npm's cache). */
const version = (name: string) => lock[`node_modules/${name}`].version as string;

/** The README's ```ts blocks, in order. */
export function readmeTypeScriptBlocks(readme: string): string[] {
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}
const block = (blocks: string[], firstLine: RegExp) => {
  const found = blocks.filter((b) => firstLine.test(b.split("\n")[0]));
  assert.strictEqual(found.length, 1, `one README block starting with ${firstLine}`);
  return found[0];
};

describe("consumer project (npm pack + npm install, laid out like `pulumi new aws-typescript`)", function () {
  this.timeout(900_000);
  let dir: string;
  let packed: string[];
  const blocks = readmeTypeScriptBlocks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, DYNAMODB_BLUEPRINTS_PROJECT: "", ...env } });
  const cli = (...args: string[]) => run(process.execPath, [path.join(dir, "node_modules", "dynamodb-blueprints", "bin", "dynamodb-blueprints.js"), ...args]);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-consumer-"));
    // `npm pack` runs the prepare script, which builds dist/ first.
    const info = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }).toString())[0];
    packed = info.files.map((f: { path: string }) => f.path);
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "shop", main: "index.ts",
        devDependencies: {
          "@types/node": version("@types/node"), typescript: version("typescript"), "ts-node": version("ts-node"),
          mocha: version("mocha"), "@types/mocha": version("@types/mocha"),
        },
        dependencies: {
          "@pulumi/pulumi": version("@pulumi/pulumi"), "@pulumi/aws": version("@pulumi/aws"), "dynamodb-blueprints": `file:./${info.filename}`,
        },
      }, null, 2),
      // The aws-typescript template's tsconfig.json.
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
          experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
        },
        files: ["index.ts"],
      }, null, 2),
      "Pulumi.yaml": "name: shop\ndescription: A consumer of dynamodb-blueprints\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\nconfig:\n  pulumi:tags:\n    value:\n      pulumi:template: aws-typescript\n",
      "Pulumi.dev.yaml": "config:\n  aws:region: us-west-2\n  shop:team: payments\n",
      "index.ts": block(blocks, /^\/\/ index\.ts$/),
      "test/tables.test.ts": block(blocks, /^\/\/ test\/tables\.test\.ts/),
      "scripts/emit-terraform.ts": block(blocks, /^\/\/ scripts\/emit-terraform\.ts/),
    };
    blocks.forEach((b, i) => { files[`readme/block-${i + 1}.ts`] = b; });
    // The control: a snippet that must NOT compile, so the type-check can be seen to fail.
    files["readme/control-wrong-key-type.ts"] = `import { DynamoTable } from "dynamodb-blueprints";\nnew DynamoTable("x", { partitionKey: { name: "id", type: "STRING" } });\n`;
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const install = run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund"]);
    assert.strictEqual(install.status, 0, install.stderr);
  });

  after(() => { if (dir && !process.env.KEEP_CONSUMER) fs.rmSync(dir, { recursive: true, force: true }); });

  it("the tarball ships compiled JavaScript, declarations and the LICENSE, not sources or tests", () => {
    for (const f of ["dist/components/index.js", "dist/components/index.d.ts", "dist/testing/index.d.ts", "dist/entries/terraform.d.ts", "bin/dynamodb-blueprints.js", "LICENSE"]) {
      assert.ok(packed.includes(f), f);
    }
    assert.ok(!packed.some((f) => f.startsWith("tests/") || f.startsWith("dist/tests/") || (f.endsWith(".ts") && !f.endsWith(".d.ts"))), packed.join("\n"));
    assert.match(fs.readFileSync(path.join(dir, "node_modules", "dynamodb-blueprints", "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
  });

  it("installs only what components need: no emulator (dynalite, classic-level) and no AWS SDK", () => {
    for (const name of ["dynalite", "classic-level", "@aws-sdk/client-dynamodb"]) {
      assert.ok(!fs.existsSync(path.join(dir, "node_modules", name)), `${name} was installed`);
    }
    const local = cli("local", "--stack", "dev");
    assert.strictEqual(local.status, 2, local.stderr);
    assert.match(local.stderr, /needs optional packages this project has not installed.*npm install --save-dev "dynalite@\^4\.0\.0" "@aws-sdk\/client-dynamodb@\^3\.1164\.0"/s);
  });

  it("every TypeScript block of the README type-checks in the consumer (CommonJS); a wrong snippet does not", () => {
    fs.writeFileSync(path.join(dir, "tsconfig.readme.json"), JSON.stringify({
      extends: "./tsconfig.json", compilerOptions: { noEmit: true, types: ["node", "mocha"] }, files: [], include: ["readme/*.ts"],
    }));
    const tsc = run(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.readme.json", "--pretty", "false"]);
    const errors = tsc.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    assert.ok(errors.length > 0 && errors.every((l) => l.includes("control-wrong-key-type.ts")), `unexpected type errors:\n${tsc.stdout}`);
    assert.match(tsc.stdout, /"STRING"/);
    const program = run(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json", "--pretty", "false"]);
    assert.strictEqual(program.status, 0, program.stdout);
  });

  it("plan, check, lock and hcl --stack dev work on the consumer's own tables", () => {
    const plan = cli("plan", "--stack", "dev");
    assert.strictEqual(plan.status, 0, plan.stderr);
    assert.match(plan.stdout, /of shop under Pulumi mocks/);
    assert.match(plan.stdout, /\+ dynamodb-blueprints:index:DynamoTable users\n[\s\S]*table: users-dev/);
    assert.match(plan.stdout, /\+ dynamodb-blueprints:index:ProductionTable events  \[protect\] \[retain\]/);
    assert.doesNotMatch(plan.stdout, /orders|high-traffic|production-data|state-bucket/);
    // The README's program keeps its users table unprotected on purpose: only the ProductionTable is production.
    const check = cli("check", "--stack", "dev");
    assert.strictEqual(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /Implementation checklist for stack "dev"/);
    assert.match(JSON.parse(cli("check", "--stack", "dev", "--json").stdout).items[0].details.join("\n"), /users-dev: created by DynamoTable "users"/);
    const locked = cli("lock", "--stack", "dev", "--init");
    assert.strictEqual(locked.status, 0, locked.stderr);
    assert.deepStrictEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "dynamodb-blueprints.dev.lock.json"), "utf8")).tables).sort(), ["events", "users"]);
    const hcl = cli("hcl", "--stack", "dev", "--out", "terraform");
    assert.strictEqual(hcl.status, 0, hcl.stderr);
    const main = fs.readFileSync(path.join(dir, "terraform", "main.tf"), "utf8");
    assert.match(main, /"users-dev"/);
    assert.match(main, /"events-dev"/);
    assert.match(main, /"payments"/, "the stack's config reached the program");
  });

  it("the consumer's own mocha test (the README's) asserts protect through dynamodb-blueprints/testing", () => {
    const mocha = run(process.execPath, [path.join(dir, "node_modules", "mocha", "bin", "mocha.js"), "-r", "ts-node/register/transpile-only", "--timeout", "60000", "test/**/*.test.ts"]);
    assert.strictEqual(mocha.status, 0, mocha.stdout + mocha.stderr);
    assert.match(mocha.stdout, /2 passing/);
  });

  it("examples/orders-service against the tarball: type-checks, its mocha test passes, check --strict passes, hcl emits the committed Terraform", () => {
    const source = path.join(ROOT, "examples", "orders-service");
    const example = path.join(dir, "orders-service");
    // The example's own package.json points at the repository (file:../..); here it uses the consumer's installed tarball.
    fs.cpSync(source, example, { recursive: true, filter: (f) => !/[\\/](node_modules|terraform|package\.json)$/.test(f) });
    const inExample = (command: string, args: string[]) => spawnSync(command, args, { cwd: example, encoding: "utf8", env: { ...process.env, DYNAMODB_BLUEPRINTS_PROJECT: "" } });
    const tsc = inExample(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json", "--pretty", "false"]);
    assert.strictEqual(tsc.status, 0, tsc.stdout);
    const mocha = inExample(process.execPath, [path.join(dir, "node_modules", "mocha", "bin", "mocha.js"), "-r", "ts-node/register/transpile-only", "test/**/*.test.ts"]);
    assert.strictEqual(mocha.status, 0, mocha.stdout + mocha.stderr);
    assert.match(mocha.stdout, /3 passing/);
    const bin = path.join(dir, "node_modules", "dynamodb-blueprints", "bin", "dynamodb-blueprints.js");
    for (const stack of ["dev", "prod"]) {
      const check = inExample(process.execPath, [bin, "check", "--stack", stack, "--strict"]);
      assert.strictEqual(check.status, 0, check.stdout + check.stderr);
      const hcl = inExample(process.execPath, [bin, "hcl", "--stack", stack, "--out", path.join("terraform", stack)]);
      assert.strictEqual(hcl.status, 0, hcl.stderr);
      for (const file of ["inputs.tf", "main.tf", "outputs.tf", "versions.tf"]) {
        assert.strictEqual(fs.readFileSync(path.join(example, "terraform", stack, file), "utf8"), fs.readFileSync(path.join(source, "terraform", stack, file), "utf8"), `${stack}/${file}`);
      }
    }
  });

  it("a plain script emits Terraform from spec builders; a component without a Pulumi runtime is a clear error", () => {
    fs.rmSync(path.join(dir, "terraform"), { recursive: true, force: true });
    const script = run(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/emit-terraform.ts"]);
    assert.strictEqual(script.status, 0, script.stderr);
    assert.match(fs.readFileSync(path.join(dir, "terraform", "main.tf"), "utf8"), /"users-prod"/);
    const bare = run(process.execPath, ["-e", `const { DynamoTable } = require("dynamodb-blueprints"); new DynamoTable("t", { partitionKey: { name: "id", type: "S" } });`]);
    assert.notStrictEqual(bare.status, 0);
    assert.match(bare.stderr, /DynamoTable "t".*was created outside a Pulumi program.*dynamodb-blueprints\/terraform/s);
    const deep = run(process.execPath, ["-e", `require("dynamodb-blueprints/dist/model/errors")`]);
    assert.match(deep.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/, "internals are not importable");
  });
});
