/**
 * One stack per Terraform folder and one writer at a time (terraform/write-owner.ts): two writers for
 * stacks dev and prod, concurrent (Promise.all, two child processes) or one after the other, never
 * both succeed; a killed writer's stale lock is broken, a live writer's lock never is. Texts are made
 * up here (header line naming a stack, plus a body), so expectations follow from the inputs.
 */
import * as assert from "assert";
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GENERATED_MARKER } from "../../terraform/common";
import { writeTerraform } from "../../terraform/write";
import { WRITE_LOCK } from "../../terraform/write-owner";
import { runMain } from "../cli/run-cli";
import { childModules } from "../helpers/child-module";

const ROOT = path.resolve(__dirname, "..", "..");
const stackFiles = (stack: string, names = ["main.tf", "backend.tf"]) =>
  Object.fromEntries(names.map((n) => [n, `# ${GENERATED_MARKER} for stack "${stack}" (layout: flat).\n\n# ${stack} ${n}\n`]));
const made: string[] = [];
const tmp = () => made[made.push(fs.mkdtempSync(path.join(os.tmpdir(), "write-owner-"))) - 1];
const stacksIn = (dir: string) => new Set(fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).map((f) => /for stack "([^"]+)"/.exec(fs.readFileSync(path.join(dir, f), "utf8"))![1]));

/** A writer child process for `stack` that stops inside its write (holding the lock) until told to go on. */
const children = new Set<ChildProcessWithoutNullStreams>();
function writerChild(dir: string, stack: string, hold: boolean) {
  const modules = childModules();
  const child = spawn(process.execPath, [...modules.nodeArgs, "-e", `
    const { writeTerraform } = require(${JSON.stringify(modules.file("terraform/write"))});
    const files = JSON.parse(process.argv[2]);
    let held = !${hold}; // hold once, at the first file's rename
    const hooks = { beforeRename: () => held ? undefined : new Promise((go) => { held = true; process.stdout.write("holding\\n"); process.stdin.once("data", go); }) };
    writeTerraform(process.argv[1], files, {}, hooks).then(() => { process.stdout.write("written\\n"); process.exit(0); },
      (e) => { process.stderr.write(e.message); process.exit(2); });
  `, dir, JSON.stringify(stackFiles(stack))], { cwd: ROOT });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const holding = new Promise<boolean>((resolve) => {
    child.stdout.on("data", () => { if (stdout.includes("holding")) resolve(true); });
    child.once("exit", () => resolve(false));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code, signal) => { children.delete(child); resolve({ code, signal, stdout, stderr }); }));
  return { child, holding, exited };
}

async function settle<T>(p: Promise<T>): Promise<{ ok: boolean; error?: Error }> {
  try { await p; return { ok: true }; } catch (error) { return { ok: false, error: error as Error }; }
}

interface Row { run: (dir: string) => Promise<Error | undefined>; refused: RegExp | undefined; holds: string[] }
const ROWS: Record<string, Row> = {
  "Promise.all dev + prod into a new folder: the second is refused by the lock, naming both stacks": {
    run: async (dir) => {
      const [dev, prod] = await Promise.all([settle(writeTerraform(dir, stackFiles("dev"))), settle(writeTerraform(dir, stackFiles("prod")))]);
      assert.ok(dev.ok, "the first writer succeeds");
      return prod.ok ? undefined : prod.error;
    },
    refused: /is being written by another writer \(process \d+ \(this process\).*, writing stack "dev".*\); writing stack "prod" at the same time would interleave.*Fix: wait for it to finish and run again, or write stack "prod" into another folder/,
    holds: ["dev"],
  },
  "dev then prod with other file names: the folder is dev's output": {
    run: async (dir) => {
      await writeTerraform(dir, stackFiles("dev", ["main.tf", "backend.tf"]));
      return (await settle(writeTerraform(dir, stackFiles("prod", ["flat.tf"])))).error;
    },
    refused: /main\.tf: was generated for stack "dev", not "prod".*Fix: write stack "prod" into its own directory; to replace stack "dev"'s files on purpose, use force: true \(CLI: --force\)/s,
    holds: ["dev"],
  },
  "dev then prod with force: true replaces on purpose": {
    run: async (dir) => {
      await writeTerraform(dir, stackFiles("dev", ["main.tf"]));
      await writeTerraform(dir, stackFiles("prod", ["main.tf"]), { force: true });
      return undefined;
    },
    refused: undefined, holds: ["prod"],
  },
  "two child processes: prod starts while dev holds the lock": {
    run: async (dir) => {
      const dev = writerChild(dir, "dev", true);
      assert.ok(await dev.holding, "the dev writer reached its write");
      const prod = await writerChild(dir, "prod", false).exited;
      dev.child.stdin.write("go\n");
      const devEnd = await dev.exited;
      assert.strictEqual(devEnd.code, 0, devEnd.stderr);
      assert.strictEqual(prod.code, 2);
      assert.match(prod.stderr, new RegExp(`process ${dev.child.pid} on `));
      return new Error(prod.stderr);
    },
    refused: /writing stack "dev".*writing stack "prod" at the same time/,
    holds: ["dev"],
  },
  "a writer killed while holding the lock: its stale lock is broken by the next writer": {
    run: async (dir) => {
      const dev = writerChild(dir, "dev", true);
      assert.ok(await dev.holding, "the dev writer reached its write");
      dev.child.kill("SIGKILL");
      assert.strictEqual((await dev.exited).signal, "SIGKILL");
      assert.ok(fs.existsSync(path.join(dir, WRITE_LOCK)), "a killed writer leaves its lock");
      await writeTerraform(dir, stackFiles("dev"));
      return undefined;
    },
    refused: undefined, holds: ["dev"],
  },
  "a live process's lock (pid 1 on this host) is never removed": {
    run: async (dir) => {
      fs.mkdirSync(dir);
      const lock = `${JSON.stringify({ pid: 1, host: os.hostname(), token: "t", stack: "dev" })}\n`;
      fs.writeFileSync(path.join(dir, WRITE_LOCK), lock);
      const error = (await settle(writeTerraform(dir, stackFiles("prod")))).error;
      assert.strictEqual(fs.readFileSync(path.join(dir, WRITE_LOCK), "utf8"), lock, "the live lock is untouched");
      fs.rmSync(path.join(dir, WRITE_LOCK));
      return error;
    },
    refused: /another writer \(process 1 on .*writing stack "dev"/, holds: [],
  },
  "a lock's text is quoted, never printed raw (a terminal escape in its stack)": {
    run: async (dir) => {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, WRITE_LOCK), `${JSON.stringify({ pid: 1, host: os.hostname(), token: "t", stack: "\u001b[2Jdev" })}\n`);
      const error = (await settle(writeTerraform(dir, stackFiles("prod")))).error;
      fs.rmSync(path.join(dir, WRITE_LOCK));
      assert.ok(error && !error.message.includes("\u001b"), "no raw escape character");
      return error;
    },
    refused: /writing stack "\\u001b\[2Jdev"/, holds: [],
  },
  "an unreadable lock is never removed": {
    run: async (dir) => {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, WRITE_LOCK), "garbage");
      const error = (await settle(writeTerraform(dir, stackFiles("dev")))).error;
      assert.strictEqual(fs.readFileSync(path.join(dir, WRITE_LOCK), "utf8"), "garbage");
      fs.rmSync(path.join(dir, WRITE_LOCK));
      return error;
    },
    refused: /a writer whose lock cannot be read.*remove .*\.dynamodb-blueprints-write\.lock if no writer is running/, holds: [],
  },
};

describe("writeTerraform: one stack per folder, one writer at a time (terraform/write-owner.ts)", function () {
  this.timeout(60_000);
  after(() => {
    for (const child of children) child.kill("SIGKILL");
    made.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  for (const [name, row] of Object.entries(ROWS)) {
    it(name, async () => {
      const dir = path.join(tmp(), "out");
      const error = await row.run(dir);
      if (row.refused) assert.match(error?.message ?? "(no error: both writers succeeded)", row.refused);
      else assert.strictEqual(error, undefined);
      if (row.holds.length) assert.deepStrictEqual([...stacksIn(dir)], row.holds, "the folder holds one stack's files");
      assert.ok(!fs.existsSync(path.join(dir, WRITE_LOCK)), "no lock is left behind");
    });
  }

  it("hcl (CLI): prod into dev's folder is exit 2, naming both stacks and the fix", async () => {
    const out = path.join(tmp(), "tf");
    const dev = await runMain(["hcl", "--stack", "dev", "--out", out]);
    assert.strictEqual(dev.code, 0, dev.stderr);
    const prod = await runMain(["hcl", "--stack", "prod", "--out", out]);
    assert.strictEqual(prod.code, 2, prod.stdout);
    assert.match(prod.stderr, /was generated for stack "dev", not "prod".*write stack "prod" into its own directory.*--force/s);
    assert.deepStrictEqual([...stacksIn(out)], ["dev"]);
  });
});
