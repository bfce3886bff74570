/**
 * The lock workflow as a user meets it: `check` warns without a lock, `lock --init` creates it,
 * a change that replaces a table fails `check` and is refused by `lock` until accepted, and accepting
 * rewrites exactly that entry. One scratch project walks through the steps in order (in-process CLI);
 * the refusal is also checked through the real binary.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildLock, lockFileName, serializeLock } from "../../project/schema-lock";
import { loadStack } from "../../cli/stack-file";
import { CliResult, STACK_TRACE, runScenarios } from "../cli/run-cli";
import { DEV, assertProblem, cli, scratch } from "./helpers";

const FILE = lockFileName("dev");
const item = (jsonOut: string) => JSON.parse(jsonOut).items.find((i: { id: string }) => i.id === "schema-lock");

describe("safety: the schema lock workflow (check, lock)", function () {
  this.timeout(60_000);
  const project = scratch({ "Pulumi.dev.yaml": DEV });
  const lockFile = path.join(project, FILE);
  const read = () => fs.readFileSync(lockFile, "utf8");
  // Renaming the lock table through config replaces it: the realistic change in this program.
  const renameLockTable = () => fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"),
    DEV.replace("lockTableName: terraform-state-locks-dev", "lockTableName: tf-locks-dev"));
  const realProject = scratch({ "Pulumi.dev.yaml": DEV.replace("lockTableName: terraform-state-locks-dev", "lockTableName: tf-locks-dev") });
  let real: Promise<Record<"lock", CliResult>>;
  let realLock: string;

  before(() => {
    realLock = serializeLock(buildLock("dev", loadStack(project, "dev").blueprints)); // locked before the rename
    fs.writeFileSync(path.join(realProject, FILE), realLock);
    // Not awaited here: the child's ts-node start-up runs on the second core while the in-process steps run.
    real = runScenarios({ lock: { args: ["lock", "--stack", "dev"], env: { DYNAMODB_BLUEPRINTS_PROJECT: realProject } } }, { spawn: true });
  });
  after(() => { for (const d of [project, realProject]) fs.rmSync(d, { recursive: true, force: true }); });

  it("1. no lock: check WARNs (exit 0, 1 with --strict) and says to run lock --init; lock without --init refuses", async () => {
    const ran = await cli(["check", "--stack", "dev", "--json", "--strict"], project);
    assert.strictEqual(ran.code, 1, "--strict turns the warning into a failure");
    const lock = item(ran.out);
    assert.strictEqual(lock.status, "WARN");
    assert.match(lock.fix, /dynamodb-blueprints lock --stack dev --init/);
    const plain = await cli(["lock", "--stack", "dev"], project);
    assert.strictEqual(plain.code, 2);
    assertProblem(plain.err, { where: "lock --stack", value: '"dev"', fix: /lock --stack dev --init/ });
    assert.ok(!fs.existsSync(lockFile));
  });

  it("2. lock --init writes the lock of the stack as it is; a second --init is refused", async () => {
    const ran = await cli(["lock", "--stack", "dev", "--init"], project);
    assert.strictEqual(ran.code, 0, ran.err);
    assert.strictEqual(read(), serializeLock(buildLock("dev", loadStack(project, "dev").blueprints)));
    assert.match(ran.out, /locked +orders +orders-dev +\(partition orderId \(S\), sort createdAt \(N\)\)/);
    const again = await cli(["lock", "--stack", "dev", "--init"], project);
    assert.strictEqual(again.code, 2);
    assertProblem(again.err, { where: "lock --init", value: FILE, fix: /--accept-replacement <component>/ });
  });

  it("3. unchanged stack: check PASSes the lock item, lock writes nothing", async () => {
    const before = fs.statSync(lockFile).mtimeMs;
    const ran = await cli(["check", "--stack", "dev", "--json"], project);
    assert.strictEqual(item(ran.out).status, "PASS");
    const lock = await cli(["lock", "--stack", "dev"], project);
    assert.match(lock.out, /is up to date; nothing written/);
    assert.strictEqual(fs.statSync(lockFile).mtimeMs, before);
  });

  it("4. a change that replaces a table: check FAILs (exit 1) naming table and setting; lock refuses (exit 1) and writes nothing", async () => {
    renameLockTable();
    const locked = read();
    const ran = await cli(["check", "--stack", "dev"], project);
    assert.strictEqual(ran.code, 1);
    assert.match(ran.out, /^FAIL {2}- No table is replaced or deleted without acceptance \(schema lock\)$/m);
    assert.match(ran.out, /StateLockTable "state-locks" \(table terraform-state-locks-dev\)\.tableName: locked terraform-state-locks-dev, now tf-locks-dev/);
    assert.match(ran.out, /fix: revert the change; or, .*check --stack dev --accept-replacement state-locks/);
    const lock = await cli(["lock", "--stack", "dev"], project);
    assert.strictEqual(lock.code, 1);
    assertProblem(lock.err, { where: 'StateLockTable "state-locks" (table terraform-state-locks-dev).tableName',
      value: "locked terraform-state-locks-dev, now tf-locks-dev", fix: /--accept-replacement state-locks/ });
    assert.match(lock.err, /Nothing was written\./);
    assert.strictEqual(read(), locked);
  });

  it("5. check --accept-replacement rewrites that entry only and passes; the next plain check passes without writing", async () => {
    const was = JSON.parse(read());
    const ran = await cli(["check", "--stack", "dev", "--accept-replacement", "state-locks", "--json"], project);
    assert.strictEqual(ran.code, 0, ran.out);
    assert.deepStrictEqual([item(ran.out).status, JSON.parse(ran.out).lockWritten], ["PASS", true]);
    const now = JSON.parse(read());
    assert.strictEqual(now.tables["state-locks"].tableName, "tf-locks-dev");
    assert.deepStrictEqual({ ...now.tables, "state-locks": was.tables["state-locks"] }, was.tables, "no other entry changed");
    const again = await cli(["check", "--stack", "dev", "--json"], project);
    assert.deepStrictEqual([item(again.out).status, JSON.parse(again.out).lockWritten], ["PASS", false]);
  });

  it("6. a table missing from the stack would be deleted: FAIL; lock --accept-replacement drops it; a new table is added freely", async () => {
    const lock = JSON.parse(read());
    lock.tables.legacy = { ...lock.tables.orders, tableName: "legacy-dev" };
    delete lock.tables.orders; // as if `orders` were new to the stack
    fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
    const ran = await cli(["check", "--stack", "dev", "--json"], project);
    assert.strictEqual(ran.code, 1);
    assert.match(item(ran.out).details.join("\n"), /OrdersTable "legacy" \(table legacy-dev\): in the lock, not in the stack; would be deleted/);
    const accepted = await cli(["lock", "--stack", "dev", "--accept-replacement", "legacy"], project);
    assert.strictEqual(accepted.code, 0, accepted.err);
    assert.match(accepted.out, /^ {2}added +orders +orders-dev$/m);
    assert.match(accepted.out, /^ {2}deleted +legacy +legacy-dev +\(accepted: dropped from the lock\)$/m);
    assert.strictEqual(read(), serializeLock(buildLock("dev", loadStack(project, "dev").blueprints)));
  });

  it("the real binary: lock exits 1 with the refusal on stderr, no stack trace, the lock file untouched", async () => {
    const { lock } = await real;
    assert.strictEqual(lock.code, 1, lock.stderr);
    assert.match(lock.stderr, /StateLockTable "state-locks" \(table terraform-state-locks-dev\)\.tableName: changed since the schema lock/);
    assert.doesNotMatch(lock.stdout + lock.stderr, STACK_TRACE);
    assert.strictEqual(fs.readFileSync(path.join(realProject, FILE), "utf8"), realLock);
  });
});
