/**
 * Issue 12, data safety: files the tool did not make are never touched (cases 1-3, 10, 16) and
 * user-chosen names that are Object.prototype members are ordinary names (case 4). Every case ran
 * against the code before the fix and failed (victims overwritten, PASS on a deleted table, crashes).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalDynamo } from "../../local/server";
import { dynamoTable } from "../../model/blueprints";
import { buildLock, parseLock, reconcileLock, serializeLock } from "../../project/schema-lock";
import { checkSchemaLock } from "../../project/checklist/schema-lock";
import { writeFileAtomic, writeFileAtomicSync, removeStaleTemps, tempNameFor } from "../../files/safe-write";
import { DEV, PROD, ROOT, cli, scratch } from "./helpers";
import { HCL_OUT_TRAPS, PROTOTYPE_NAMES, UNOWNED_LOCAL_DIRS } from "./invalid-inputs.fixture";

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dynamodb-blueprints-${p}-`));
const DEAD_PID = 4_194_303 + 7; // above Linux's pid_max: never a live process
const id = { name: "id", type: "S" as const };
const tableOf = (name: string) => dynamoTable(name, { tableName: `${name.replace(/[^a-zA-Z0-9_.-]/g, "x")}-table`, partitionKey: id });

describe("safety: files the tool did not make are never touched", function () {
  this.timeout(30_000);

  describe("case 1: the --data pid lock is created exclusively and never through a link", () => {
    for (const dangling of [false, true]) {
      it(`a ${dangling ? "dangling" : "planted"} symlink at d/.dynamodb-blueprints.lock is refused, its target untouched`, async () => {
        const base = tmp("lock-link");
        const d = path.join(base, "d");
        fs.mkdirSync(d);
        fs.writeFileSync(path.join(d, ".dynamodb-blueprints-data"), "marker\n");
        const victim = path.join(base, "victim");
        if (!dangling) fs.writeFileSync(victim, "precious\n");
        fs.symlinkSync(victim, path.join(d, ".dynamodb-blueprints.lock"));
        const ran = await cli(["local", "--port", "0", "--data", d]);
        assert.strictEqual(ran.code, 2, ran.err);
        assert.match(ran.err, /\.dynamodb-blueprints\.lock: is a symbolic link, not the lock file this tool writes/);
        assert.doesNotMatch(ran.err, /ENOENT|\n\s+at /);
        if (!dangling) assert.strictEqual(fs.readFileSync(victim, "utf8"), "precious\n");
        else assert.ok(!fs.existsSync(victim));
        assert.ok(fs.lstatSync(path.join(d, ".dynamodb-blueprints.lock")).isSymbolicLink(), "the link is left as it was");
        fs.rmSync(base, { recursive: true, force: true });
      });
    }
  });

  describe("case 2: --data is only a new, empty or marked directory", () => {
    for (const row of UNOWNED_LOCAL_DIRS) {
      it(row.row, async () => {
        const base = tmp("data");
        const dir = row.make(base);
        const before = snapshot(base);
        const ran = await cli(["local", "--port", "0", "--data", dir], row.cwd?.(base) ?? ROOT);
        assert.strictEqual(ran.code, 2, ran.err);
        assert.match(ran.err, row.says);
        assert.deepStrictEqual(snapshot(base), before, "nothing created, changed or deleted");
        fs.rmSync(base, { recursive: true, force: true });
      });
    }
    it("an empty directory is claimed with the marker, and the marked directory opens again", async () => {
      const dir = tmp("empty");
      for (let i = 0; i < 2; i++) {
        const dynamo = await startLocalDynamo({ port: 0, dataDir: dir });
        await dynamo.close();
      }
      assert.ok(fs.lstatSync(path.join(dir, ".dynamodb-blueprints-data")).isFile());
      assert.ok(!fs.existsSync(path.join(dir, ".dynamodb-blueprints.lock")), "pid lock released");
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe("case 3: the schema lock is written through the atomic helper", () => {
    it("a symlink at the lock file is refused and its target untouched", async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV });
      const victim = path.join(dir, "victim");
      fs.writeFileSync(victim, "precious\n");
      fs.symlinkSync(victim, path.join(dir, "dynamodb-blueprints.dev.lock.json"));
      const ran = await cli(["lock", "--stack", "dev", "--init"], dir);
      assert.strictEqual(ran.code, 2, ran.err);
      assert.match(ran.err, /dynamodb-blueprints\.dev\.lock\.json: is a symbolic link/);
      assert.strictEqual(fs.readFileSync(victim, "utf8"), "precious\n");
      assert.ok(fs.lstatSync(path.join(dir, "dynamodb-blueprints.dev.lock.json")).isSymbolicLink());
    });
    it("a symlink planted at the old predictable temp name (<lock>.<pid>.tmp) is not followed", async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV });
      const victim = path.join(dir, "victim");
      fs.writeFileSync(victim, "precious\n");
      fs.symlinkSync(victim, path.join(dir, `dynamodb-blueprints.dev.lock.json.${process.pid}.tmp`));
      const ran = await cli(["lock", "--stack", "dev", "--init"], dir);
      assert.strictEqual(ran.code, 0, ran.err);
      assert.strictEqual(fs.readFileSync(victim, "utf8"), "precious\n");
      const lock = fs.lstatSync(path.join(dir, "dynamodb-blueprints.dev.lock.json"));
      assert.ok(lock.isFile() && !lock.isSymbolicLink());
    });
    it("the helper refuses a linked target or parent, keeps a replaced file's mode, and leaves no temp file", async () => {
      const base = tmp("atomic");
      const real = path.join(base, "real");
      fs.mkdirSync(real);
      fs.symlinkSync(real, path.join(base, "linked"));
      fs.writeFileSync(path.join(base, "victim"), "precious\n");
      fs.symlinkSync(path.join(base, "victim"), path.join(base, "link.json"));
      await assert.rejects(writeFileAtomic(path.join(base, "link.json"), "x", { root: base }), /link\.json: is a symbolic link/);
      await assert.rejects(writeFileAtomic(path.join(base, "linked", "f.json"), "x", { root: base }), /linked: is a symbolic link/);
      assert.throws(() => writeFileAtomicSync(path.join(base, "link.json"), "x"), /is a symbolic link/);
      assert.strictEqual(fs.readFileSync(path.join(base, "victim"), "utf8"), "precious\n");
      assert.deepStrictEqual(fs.readdirSync(real), []);
      const file = path.join(base, "f.json");
      fs.writeFileSync(file, "old");
      fs.chmodSync(file, 0o600);
      await writeFileAtomic(file, "new", { root: base });
      assert.strictEqual(fs.readFileSync(file, "utf8"), "new");
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
      assert.deepStrictEqual(fs.readdirSync(base).filter((n) => n.endsWith(".tmp")), []);
      fs.rmSync(base, { recursive: true, force: true });
    });
  });

  describe("case 4: Object.prototype names are ordinary component names in the schema lock", () => {
    const others = [tableOf("orders")];
    for (const name of PROTOTYPE_NAMES) {
      it(`a locked component "${name}" that leaves the stack is reported as deleted; adding one does not crash`, () => {
        const lock = parseLock(serializeLock(buildLock("dev", [...others, tableOf(name)])), "lock.json", "dev");
        assert.ok(Object.hasOwn(lock.tables, name), "the lock round-trips the name");
        const gone = reconcileLock("dev", lock, others);
        assert.deepStrictEqual(gone.diff.removed.map((r) => r.table), [name]);
        assert.deepStrictEqual(gone.unaccepted, [name]);
        const item = checkSchemaLock({ stack: "dev", blueprints: others, schemaLock: { file: "lock.json", lock, accepted: [] } } as never);
        assert.strictEqual(item.status, "FAIL", item.reason);
        const added = reconcileLock("dev", buildLock("dev", others), [...others, tableOf(name)]);
        assert.deepStrictEqual(added.diff.added.map((a) => a.table), [name]);
        assert.ok(added.next && Object.hasOwn(added.next.tables, name) && serializeLock(added.next).includes(JSON.stringify(name)));
      });
    }
    for (const name of PROTOTYPE_NAMES) {
      it(`--${name} is an unknown flag, not "given twice"`, async () => {
        const ran = await cli(["plan", `--${name}`, "x"]);
        assert.strictEqual(ran.code, 2);
        assert.match(ran.err, new RegExp(`plan --${name.replace(/[_$]/g, "\\$&")}: is not a known flag`));
      });
    }
  });

  describe("case 10: hcl --out over another stack's generated files", () => {
    it("is refused without --force, leaves prod's files as they were, and is allowed with --force", async () => {
      const out = tmp("hcl-stacks");
      assert.strictEqual((await cli(["hcl", "--stack", "prod", "--out", out])).code, 0);
      const before = snapshot(out);
      const ran = await cli(["hcl", "--stack", "dev", "--out", out]);
      assert.strictEqual(ran.code, 2, ran.err);
      assert.match(ran.err, /backend\.tf: was generated for stack "prod", not "dev"/);
      assert.deepStrictEqual(snapshot(out), before);
      assert.strictEqual((await cli(["hcl", "--stack", "dev", "--out", out, "--force"])).code, 0);
      assert.match(fs.readFileSync(path.join(out, "backend.tf"), "utf8"), /for stack "dev"/);
      fs.rmSync(out, { recursive: true, force: true });
    });
  });

  describe("symlinks and foreign files where hcl writes", () => {
    for (const trap of HCL_OUT_TRAPS) {
      it(trap.row, async () => {
        const base = tmp("trap");
        const out = path.join(base, "out");
        const victim = path.join(base, "victim");
        fs.mkdirSync(out);
        fs.writeFileSync(victim, "precious\n");
        trap.make(out, victim);
        const before = snapshot(base);
        const ran = await cli(["hcl", "--stack", "dev", "--out", out]);
        assert.strictEqual(ran.code, 2, ran.err);
        assert.match(ran.err, trap.says);
        assert.deepStrictEqual(snapshot(base), before, "nothing created, changed or deleted");
        fs.rmSync(base, { recursive: true, force: true });
      });
    }
  });

  describe("case 16: stale temp files of killed runs are cleaned up, and only those", () => {
    it("hcl removes its own dead temp files and leaves look-alikes and live ones", async () => {
      const out = tmp("hcl-temps");
      const stale = `.main.tf.${DEAD_PID}.0123456789ab.tmp`;
      const keep = [`.main.tf.${process.pid}.0123456789ab.tmp`, ".main.tf.notes.tmp", `.main.tf.${DEAD_PID}.xyz.tmp`, `.mine.txt.${DEAD_PID}.0123456789ab.tmp`];
      for (const n of [stale, ...keep]) fs.writeFileSync(path.join(out, n), "");
      assert.strictEqual((await cli(["hcl", "--stack", "dev", "--out", out])).code, 0);
      const names = fs.readdirSync(out);
      assert.ok(!names.includes(stale), names.join(", "));
      for (const n of keep) assert.ok(names.includes(n), `${n} kept`);
      fs.rmSync(out, { recursive: true, force: true });
    });
    it("lock removes a 0-byte temp left by a full disk (old and new temp names)", async () => {
      const dir = scratch({ "Pulumi.dev.yaml": DEV });
      const old = `dynamodb-blueprints.dev.lock.json.${DEAD_PID}.tmp`;
      const now = path.basename(tempNameFor(path.join(dir, "dynamodb-blueprints.dev.lock.json"), DEAD_PID));
      const foreign = "dynamodb-blueprints.prod.lock.json.12.tmp";
      for (const n of [old, now, foreign]) fs.writeFileSync(path.join(dir, n), "");
      assert.strictEqual((await cli(["lock", "--stack", "dev", "--init"], dir)).code, 0);
      const names = fs.readdirSync(dir);
      assert.ok(!names.includes(old) && !names.includes(now), names.join(", "));
      assert.ok(names.includes(foreign), "another stack's name is not this run's to remove");
    });
    it("removeStaleTemps never removes a directory or a link with a matching name", () => {
      const dir = tmp("temps");
      fs.mkdirSync(path.join(dir, `.a.${DEAD_PID}.0123456789ab.tmp`));
      fs.symlinkSync("/etc/hostname", path.join(dir, `.b.${DEAD_PID}.0123456789ab.tmp`));
      assert.deepStrictEqual(removeStaleTemps(dir), []);
      assert.strictEqual(fs.readdirSync(dir).length, 2);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});

/** Every entry under `dir` with its kind and bytes: proves a refusal changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = path.relative(dir, path.join(e.parentPath, e.name));
    const st = fs.lstatSync(path.join(dir, p));
    out[p] = st.isSymbolicLink() ? `link -> ${fs.readlinkSync(path.join(dir, p))}` : st.isFile() ? `file ${fs.readFileSync(path.join(dir, p), "base64")}` : "dir";
  }
  return out;
}
void PROD;
