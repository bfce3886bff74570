/**
 * README "Exit codes" is the contract: this test reads the table, runs every scenario it names
 * in-process through the CLI's main(), and checks the code. A scenario here but not in the README (or
 * the reverse) fails too, so the table cannot drift from the code.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { startLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { DEV, ROOT, Ran, cli, scratch } from "../safety/helpers";
import { occupyPort } from "../local/helpers";
import { userProject } from "../helpers/user-project";
import { WRITE_LOCK } from "../../terraform/write-owner";

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dynamodb-blueprints-exit-${p}-`));
const LOCK = fs.readFileSync(path.join(ROOT, "dynamodb-blueprints.dev.lock.json"), "utf8");

/** The dev stack with a lock whose `orders` partition key differs: deploying would replace the table. */
function replacedProject(): string {
  const lock = JSON.parse(LOCK);
  lock.tables.orders.partitionKey.name = "legacyOrderId";
  return scratch({ "Pulumi.dev.yaml": DEV, "dynamodb-blueprints.dev.lock.json": `${JSON.stringify(lock, null, 2)}\n` });
}

/** A user's project (not the reference program) with one DynamoTable, `tail` appended to its program. */
function userProgram(tail: string, stackFile = "config:\n  aws:region: eu-west-1\n"): string {
  const components = JSON.stringify(path.join(ROOT, "components"));
  return userProject({
    "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\nmain: main.ts\n",
    "Pulumi.dev.yaml": stackFile,
    "main.ts": `import { DynamoTable } from ${components};\nnew DynamoTable("users", { tableName: "users", partitionKey: { name: "id", type: "S" } });\n${tail}`,
  });
}

/** Nine levels of ten aliases each: a billion strings if expanded ("billion laughs"). */
const ALIAS_BOMB = ["config:", '  other:a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => `  other:a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(",")}]`)].join("\n");

/** Each scenario returns what the CLI did; `says` must appear in its output (the error is the documented one). */
const SCENARIOS: Record<string, { run: () => Promise<Ran>; says?: RegExp }> = {
  "plan-ok": { run: () => cli(["plan", "--stack", "dev"]) },
  "hcl-ok": { run: () => cli(["hcl", "--stack", "dev", "--out", tmp("hcl")]) },
  "lock-ok": { run: () => cli(["lock", "--stack", "dev", "--init"], scratch({ "Pulumi.dev.yaml": DEV })) },
  "check-fail": { run: () => cli(["check", "--stack", "dev"], replacedProject()), says: /FAIL/ },
  "lock-unaccepted": { run: () => cli(["lock", "--stack", "dev"], replacedProject()), says: /Nothing was written/ },
  "local-differs": {
    run: async () => {
      const data = tmp("differs");
      const dynamo = await startLocalDynamo({ port: 0, dataDir: data });
      const client = localDynamoClient(dynamo.endpoint);
      try {
        await client.send(new CreateTableCommand({ TableName: "orders-dev", BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] }));
        // dynalite flips CREATING to ACTIVE on a timer; closing before it fires would persist CREATING.
        while ((await client.send(new DescribeTableCommand({ TableName: "orders-dev" }))).Table?.TableStatus !== "ACTIVE") {
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        client.destroy();
        await dynamo.close();
      }
      return cli(["local", "--port", "0", "--data", data]);
    },
    says: /refused/,
  },
  "no-command": { run: () => cli([]) },
  "unknown-command": { run: () => cli(["plna"]), says: /did you mean "plan"/i },
  "unknown-flag": { run: () => cli(["plan", "--stak", "dev"]), says: /did you mean --stack\?/ },
  "prototype-flag": { run: () => cli(["plan", "--constructor", "x"]), says: /--constructor: is not a known flag/ },
  "bad-config": { run: () => cli(["plan", "--stack", "dev"], scratch({ "Pulumi.dev.yaml": DEV.replace("protect: false", "protect: maybe") })), says: /must be true or false/ },
  "unknown-setting": {
    run: () => cli(["check", "--stack", "dev"], userProgram("", "config:\n  aws:region: eu-west-1\n  dynamodb-blueprints:protect: true\n")),
    says: /dynamodb-blueprints:protect: is not a setting dynamodb-blueprints reads \(valid: dynamodb-blueprints:production\)/,
  },
  "program-exit": { run: () => cli(["check", "--stack", "dev"], userProgram("process.exit(0);\n")), says: /it called process\.exit\(0\) before its resources were registered/ },
  "program-never-settles": {
    run: () => cli(["plan", "--stack", "dev"], userProgram(
      `new (require("@pulumi/aws/dynamodb").Table)("legacy", { name: new Promise(() => {}), attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" });\n`)),
    says: /1 resource registration never completes/,
  },
  "broken-lock": { run: () => cli(["check", "--stack", "dev"], scratch({ "Pulumi.dev.yaml": DEV, "dynamodb-blueprints.dev.lock.json": "{" })), says: /is not valid JSON/ },
  "alias-bomb": { run: () => cli(["plan", "--stack", "bomb"], scratch({ "Pulumi.bomb.yaml": ALIAS_BOMB })), says: /Pulumi\.bomb\.yaml: cannot be read: .*alias/i },
  "huge-stack-file": { run: () => cli(["plan", "--stack", "huge"], scratch({ "Pulumi.huge.yaml": `${DEV}# ${"x".repeat(5 << 20)}\n` })), says: /is larger than a stack file can be/ },
  "hcl-hand-written": {
    run: () => { const out = tmp("hand"); fs.writeFileSync(path.join(out, "main.tf"), "# mine\n"); return cli(["hcl", "--stack", "dev", "--out", out]); },
    says: /refusing to overwrite hand-written file\(s\) main\.tf/,
  },
  "hcl-other-stack": {
    run: async () => { const out = tmp("other"); await cli(["hcl", "--stack", "prod", "--out", out]); return cli(["hcl", "--stack", "dev", "--out", out]); },
    says: /was generated for stack "prod", not "dev"/,
  },
  "hcl-locked": {
    // A live writer (this very process) holds the folder: refused even with --force, and its lock is left alone.
    run: async () => {
      const out = tmp("locked");
      const lock = `${JSON.stringify({ pid: process.pid, host: os.hostname(), token: "t", stack: "prod" })}\n`;
      fs.writeFileSync(path.join(out, WRITE_LOCK), lock);
      const ran = await cli(["hcl", "--stack", "dev", "--out", out, "--force"]);
      assert.strictEqual(fs.readFileSync(path.join(out, WRITE_LOCK), "utf8"), lock, "the live writer's lock is untouched");
      assert.deepStrictEqual(fs.readdirSync(out), [WRITE_LOCK], "nothing written");
      return ran;
    },
    says: /is being written by another writer \(process \d+ \(this process\).*writing stack "prod"/,
  },
  "hcl-replacement": { run: () => cli(["hcl", "--stack", "dev", "--out", tmp("replaced")], replacedProject()), says: /would be replaced/ },
  "stack-file-is-dir": {
    run: () => { const dir = scratch({}); fs.mkdirSync(path.join(dir, "Pulumi.dir.yaml")); return cli(["plan", "--stack", "dir"], dir); },
    says: /Pulumi\.dir\.yaml: cannot read the stack file: is a directory \(EISDIR\)/,
  },
  "stack-file-unreadable": {
    // Tests run as root here, where chmod 000 does not stop a read: the read itself fails as it would for a user.
    run: async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV });
      const nodeFs = require("fs") as { readFileSync: unknown };
      const real = nodeFs.readFileSync;
      nodeFs.readFileSync = (file: unknown, ...rest: unknown[]) => {
        if (typeof file === "string" && file.endsWith("Pulumi.dev.yaml")) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES", syscall: "open", path: file });
        return (real as (...a: unknown[]) => unknown)(file, ...rest);
      };
      try { return await cli(["plan", "--stack", "dev"], dir); } finally { nodeFs.readFileSync = real; }
    },
    says: /Pulumi\.dev\.yaml: cannot read the stack file: permission denied \(EACCES\)/,
  },
  "out-under-file": {
    run: () => { const base = tmp("file"); fs.writeFileSync(path.join(base, "file"), "x"); return cli(["hcl", "--stack", "dev", "--out", path.join(base, "file", "sub")]); },
    says: /file\/sub.*(a part of the path is not a directory|is not a directory)/,
  },
  "data-is-file": { run: () => { const f = path.join(tmp("datafile"), "f"); fs.writeFileSync(f, "x"); return cli(["local", "--port", "0", "--data", f]); }, says: /f: is not a directory/ },
  "data-foreign": { run: () => { const d = tmp("foreign"); fs.writeFileSync(path.join(d, "notes.txt"), "mine"); return cli(["local", "--port", "0", "--data", d]); }, says: /is not empty and was not created by dynamodb-blueprints local/ },
  "pid-lock-is-dir": {
    run: () => { const d = tmp("piddir"); fs.writeFileSync(path.join(d, ".dynamodb-blueprints-data"), "m"); fs.mkdirSync(path.join(d, ".dynamodb-blueprints.lock")); return cli(["local", "--port", "0", "--data", d]); },
    says: /\.dynamodb-blueprints\.lock: is not a regular file/,
  },
  "lock-disk-full": {
    run: async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV });
      // The module object itself: `import * as` gives read-only bindings, and the helper reads through to it.
      const nodeFs = require("fs") as { writeFileSync: unknown };
      const real = nodeFs.writeFileSync;
      // The disk fills up while the temp file is written (a descriptor, not a path, is written to).
      nodeFs.writeFileSync = (file: unknown, ...rest: unknown[]) => {
        if (typeof file === "number") throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
        return (real as (...a: unknown[]) => void)(file, ...rest);
      };
      try {
        const ran = await cli(["lock", "--stack", "dev", "--init"], dir);
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), ["Pulumi.dev.yaml", "Pulumi.yaml", "index.ts"], "no lock file and no temp file left");
        return ran;
      } finally {
        nodeFs.writeFileSync = real;
      }
    },
    says: /dynamodb-blueprints\.dev\.lock\.json: cannot write the file: no space left on the device \(ENOSPC\)/,
  },
  "port-in-use": {
    run: async () => {
      const holder = await occupyPort();
      const data = path.join(tmp("port"), "d");
      try {
        const ran = await cli(["local", "--port", String(holder.port), "--data", data]);
        assert.ok(!fs.existsSync(data), "nothing created before the port was known to be free");
        return ran;
      } finally {
        await holder.release();
      }
    },
    says: /is already in use/,
  },
  "data-damaged": {
    run: async () => {
      const data = tmp("damaged");
      await (await startLocalDynamo({ port: 0, dataDir: data })).close();
      fs.writeFileSync(path.join(data, "CURRENT"), "");
      const ran = await cli(["local", "--port", "0", "--data", data]);
      assert.ok(!fs.existsSync(path.join(data, ".dynamodb-blueprints.lock")), "the pid lock is released");
      return ran;
    },
    says: /is a damaged LevelDB store .*move the directory away/,
  },
};

/** `| 2 | when | \`a\`, \`b\` |` rows of the README's Exit codes table. */
function contract(): { code: number; scenarios: string[] }[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split("### Exit codes")[1]?.split(/\n#{2,3} /)[0] ?? "";
  return section.split("\n").map((l) => /^\| (\d) \| .* \| (.*) \|$/.exec(l)).filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: Number(m[1]), scenarios: [...m[2].matchAll(/`([a-z-]+)`/g)].map((s) => s[1]) }));
}

describe("cli: the README's exit-code table is the contract", function () {
  this.timeout(60_000);
  const rows = contract();

  it("the table lists exactly the scenarios this test knows, each once", () => {
    const named = rows.flatMap((r) => r.scenarios);
    assert.ok(rows.length >= 8, `${rows.length} rows`);
    assert.deepStrictEqual([...named].sort(), Object.keys(SCENARIOS).sort());
  });

  for (const { code, scenarios } of rows) {
    for (const name of scenarios) {
      it(`${name}: exit ${code}`, async () => {
        const scenario = SCENARIOS[name];
        assert.ok(scenario, `README names an unknown scenario ${name}`);
        const ran = await scenario.run();
        assert.strictEqual(ran.code, code, `${name}\nstdout: ${ran.out.slice(0, 2000)}\nstderr: ${ran.err.slice(0, 2000)}`);
        if (scenario.says) assert.match(ran.out + ran.err, scenario.says);
        assert.doesNotMatch(ran.err, /\n\s+at .+:\d+:\d+\)?$/m, "no stack trace");
        assert.doesNotMatch(ran.err, /^error: E[A-Z]+: /m, "no raw errno message");
      });
    }
  }
});
