/**
 * `dynamodb-blueprints local`, in-process through `main` (fast: flags, --data re-runs, exit codes,
 * JSON) and as a real child process (the entry users run, signal handling, exit, port release).
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { main } from "../../cli/main";
import { parsePort } from "../../cli/commands/local";
import { BlueprintValidationError } from "../../model/errors";
import { withLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { deployLocal } from "../../local/deploy";
import { dynamoTable } from "../../model/blueprints";
import { REPO, captureIo, portIsFree, removeDir, stackBlueprints, tempDir, withoutPort } from "./helpers";
import { CHILD_HANG_GUARD_MS, readiness } from "../helpers/child-process";
import { entry } from "../cli/run-cli";

const DEV_TABLES = ["terraform-state-locks-dev", "orders-dev", "high-traffic-dev", "production-data-dev"];

/**
 * What users run: bin/dynamodb-blueprints.js, which runs a compiled dist/ only when it is newer than
 * every source, and the TypeScript sources otherwise (bin/entry-point.js), so a stale build never answers.
 */
const ENTRY = entry();

function startCli(args: string[]): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: REPO, env: { ...process.env, DYNAMODB_BLUEPRINTS_PROJECT: REPO } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  // No wall-clock limit: the tests wait for the child's exit or readiness line; the suite's hang guard
  // (tests/helpers/child-process.ts) bounds them, and `after` kills whatever is still running.
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

async function runCli(args: string[]) {
  const run = startCli(args);
  const code = await run.exit;
  return { code, ...run.output() };
}

describe("dynamodb-blueprints local", function () {
  this.timeout(10_000);
  let dir: string | undefined;
  afterEach(() => removeDir(dir));

  it("--port accepts 0-65535 and rejects anything else, naming the flag, the value and the fix", () => {
    assert.deepStrictEqual(["0", "8000", "65535"].map(parsePort), [0, 8000, 65535]);
    for (const bad of ["abc", "-1", "65536", "1e3", "80.5", ""]) {
      assert.throws(() => parsePort(bad), (e: BlueprintValidationError) => {
        assert.ok(e instanceof BlueprintValidationError);
        assert.deepStrictEqual([e.problems[0].where, e.problems[0].value], ["--port", JSON.stringify(bad)]);
        assert.match(e.problems[0].fix, /--port 0/);
        return true;
      });
    }
  });

  it("re-running with the same --data directory is a no-op, and the output differs only by port", async () => {
    dir = tempDir("cli-data");
    const args = ["local", "--stack", "dev", "--port", "0", "--data", dir];
    const first = captureIo();
    assert.strictEqual(await main(args, first), 0);
    const second = captureIo();
    assert.strictEqual(await main(args, second), 0);
    for (const table of DEV_TABLES) {
      assert.match(first.stdout(), new RegExp(`  created {4}${table} `));
      assert.match(second.stdout(), new RegExp(`  unchanged  ${table} `));
    }
    assert.strictEqual(withoutPort(first.stdout()).replace(/created  /g, "unchanged"), withoutPort(second.stdout()));
    assert.match(second.stdout(), /tables and items are kept in the data directory/);
  });

  it("exits 1 when a table differs and is refused; --recreate replaces it and says it is destructive", async () => {
    dir = tempDir("cli-refuse");
    // Leave an orders-dev with another key in the data directory, as an older stack version would.
    const old = dynamoTable("orders", { tableName: "orders-dev", partitionKey: { name: "id", type: "S" } });
    await withLocalDynamo({ dataDir: dir }, ({ endpoint }) => deployLocal([old], { endpoint }));
    const args = ["local", "--port", "0", "--data", dir];
    const refused = captureIo();
    assert.strictEqual(await main([...args, "--serve"], refused), 1, "refused tables: no serving, exit 1");
    assert.match(refused.stdout(), /refused +orders-dev/);
    assert.match(refused.stdout(), /differs: key schema: expected orderId S HASH, createdAt N RANGE; found id S HASH \(on AWS: replacement\)/);
    assert.match(refused.stdout(), /--recreate deletes and recreates them: DESTRUCTIVE/);
    assert.match(refused.stdout(), /not serving: fix the refused tables first/);
    const recreated = captureIo();
    assert.strictEqual(await main([...args, "--recreate"], recreated), 0);
    assert.match(recreated.stdout(), /recreated  orders-dev/);
    assert.match(recreated.stdout(), /their local items are gone/);
  });

  it("--json prints the structured report", async () => {
    const io = captureIo();
    assert.strictEqual(await main(["local", "--stack", "prod", "--port", "0", "--json"], io), 0);
    const report = JSON.parse(io.stdout());
    assert.deepStrictEqual([report.stack, report.persistence, report.serving], ["prod", "memory", false]);
    assert.strictEqual(report.endpoint, `http://127.0.0.1:${report.port}`);
    assert.deepStrictEqual(report.tables.map((t: { table: string; action: string }) => [t.table, t.action]),
      tablesOfProd().map((name) => [name, "created"]));
    assert.ok(report.tables.every((t: { notEmulated: string[] }) => t.notEmulated.length > 0), "every prod table has PITR at least");
  });
});

describe("dynamodb-blueprints local as a child process", function () {
  this.timeout(CHILD_HANG_GUARD_MS);
  // All three children start at once: most of a child's time is loading ts-node and TypeScript.
  let ok: ReturnType<typeof runCli>;
  let bad: ReturnType<typeof runCli>;
  let serve: ReturnType<typeof startCli>;
  let serving: Promise<RegExpExecArray>;
  before(() => {
    ok = runCli(["local", "--stack", "dev", "--port", "0"]);
    bad = runCli(["local", "--port", "abc"]);
    serve = startCli(["local", "--stack", "dev", "--port", "0", "--serve"]);
    // The readiness line, listened for from the start so it cannot be missed.
    serving = readiness(serve.child, /Serving http:\/\/127\.0\.0\.1:(\d+) until/, () => serve.output().stderr);
    serving.catch(() => undefined); // reported by the test that awaits it
  });
  after(async () => {
    serve.child.kill("SIGKILL"); // no-op when it already exited
    await Promise.all([ok, bad, serve.exit]);
  });

  it("exits 0 and prints every dev table and the endpoint", async () => {
    const { code, stdout, stderr } = await ok;
    assert.strictEqual(code, 0, stderr);
    for (const table of DEV_TABLES) assert.ok(stdout.includes(table), `${table} in output`);
    assert.match(stdout, /aws dynamodb list-tables --endpoint-url http:\/\/127\.0\.0\.1:\d+/);
  });

  it("exits 2 on --port abc with a message naming --port, the value and the fix", async () => {
    const { code, stderr } = await bad;
    assert.strictEqual(code, 2);
    assert.match(stderr, /--port: must be a whole number from 0 to 65535 \(got "abc"\)\. Fix: write e\.g\. --port 8000/);
  });

  it("--serve answers until SIGTERM, then exits 0 and frees the port", async () => {
    const port = Number((await serving)[1]);
    const client = localDynamoClient(`http://127.0.0.1:${port}`);
    try {
      assert.deepStrictEqual((await client.send(new ListTablesCommand({}))).TableNames?.sort(), [...DEV_TABLES].sort());
    } finally {
      client.destroy();
    }
    serve.child.kill("SIGTERM");
    assert.strictEqual(await serve.exit, 0);
    assert.match(serve.output().stdout, /Received SIGTERM, stopping\./);
    assert.strictEqual(await portIsFree(port), true);
  });
});

function tablesOfProd(): string[] {
  return stackBlueprints("prod").flatMap((b) => (b.kind === "TerraformStateBackend" ? [b.lockTable.table.tableName] : [b.table.tableName]));
}
