/**
 * writeTerraform on real temp directories. Texts are made up here (a header line plus a marker
 * body), so every expectation follows from the inputs, not from the writer's output.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BlueprintValidationError } from "../../model/errors";
import { GENERATED_MARKER } from "../../terraform/common";
import { writeTerraform } from "../../terraform/write";
import { CHILD_HANG_GUARD_MS } from "../helpers/child-process";
import { childModules } from "../helpers/child-module";

const ROOT = path.resolve(__dirname, "..", "..");
const gen = (body: string) => `# ${GENERATED_MARKER} for a test.\n\n${body}\n`;
const made: string[] = [];
const tmp = () => made[made.push(fs.mkdtempSync(path.join(os.tmpdir(), "write-terraform-"))) - 1];

/** Every file under `dir` (dot files included) with its bytes, inode and mtime: "nothing changed" is equality. */
function snapshot(dir: string, rel = ""): Record<string, { text: string; ino: number; mtimeMs: number }> {
  const out: Record<string, { text: string; ino: number; mtimeMs: number }> = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    const full = path.join(dir, child);
    if (e.isDirectory()) Object.assign(out, { [`${child}/`]: { text: "", ino: 0, mtimeMs: 0 } }, snapshot(dir, child));
    else out[child] = { text: fs.readFileSync(full, "utf8"), ino: fs.statSync(full).ino, mtimeMs: fs.statSync(full).mtimeMs };
  }
  return out;
}

/** A directory holding `files`, with mtimes set an hour back so a rewrite would show. */
function seeded(files: Record<string, string>): string {
  const dir = tmp();
  const past = new Date(Date.now() - 3_600_000);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    fs.utimesSync(path.join(dir, rel), past, past);
  }
  return dir;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("writeTerraform", () => {
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("creates the directory and nested module directories, and reports every file as written", async () => {
    const dir = path.join(tmp(), "out");
    const files = { "main.tf": gen("a"), "modules/dynamodb/main.tf": gen("b") };
    const report = await writeTerraform(dir, files);
    assert.deepStrictEqual(report, { written: ["main.tf", "modules/dynamodb/main.tf"], unchanged: [], stale: [] });
    assert.strictEqual(fs.readFileSync(path.join(dir, "main.tf"), "utf8"), files["main.tf"]);
    assert.strictEqual(fs.readFileSync(path.join(dir, "modules", "dynamodb", "main.tf"), "utf8"), files["modules/dynamodb/main.tf"]);
  });

  it("does not rewrite identical files (same inode and mtime) and replaces changed ones by rename (new inode)", async () => {
    const dir = seeded({ "same.tf": gen("same"), "changed.tf": gen("old") });
    const before = snapshot(dir);
    const report = await writeTerraform(dir, { "same.tf": gen("same"), "changed.tf": gen("new") });
    assert.deepStrictEqual(report, { written: ["changed.tf"], unchanged: ["same.tf"], stale: [] });
    const after = snapshot(dir);
    assert.deepStrictEqual(after["same.tf"], before["same.tf"]);
    assert.strictEqual(after["changed.tf"].text, gen("new"));
    assert.notStrictEqual(after["changed.tf"].ino, before["changed.tf"].ino, "replaced by rename, not rewritten in place");
  });

  it("refuses hand-written files, listing all of them in one error, and writes nothing", async () => {
    const dir = seeded({ "main.tf": "# mine\n", "modules/x/vars.tf": "variable \"a\" {}\n", "gen.tf": gen("old") });
    const before = snapshot(dir);
    const error = await rejection(writeTerraform(dir, { "main.tf": gen("m"), "modules/x/vars.tf": gen("v"), "gen.tf": gen("new"), "new.tf": gen("n") }));
    assert.ok(error instanceof BlueprintValidationError);
    assert.deepStrictEqual(error.problems.map((p) => p.where), ["writeTerraform main.tf", "writeTerraform modules/x/vars.tf"]);
    assert.match(error.message, /force: true \(CLI: --force\)/);
    assert.deepStrictEqual(snapshot(dir), before, "not even the generated or new files were written");
  });

  it("overwrites hand-written files with force, keeping their permissions", async () => {
    const dir = seeded({ "main.tf": "# mine\n" });
    fs.chmodSync(path.join(dir, "main.tf"), 0o640);
    const report = await writeTerraform(dir, { "main.tf": gen("m") }, { force: true });
    assert.deepStrictEqual(report.written, ["main.tf"]);
    assert.strictEqual(fs.readFileSync(path.join(dir, "main.tf"), "utf8"), gen("m"));
    assert.strictEqual(fs.statSync(path.join(dir, "main.tf")).mode & 0o777, 0o640);
  });

  it("reports generated files no longer produced as stale and deletes nothing", async () => {
    const dir = seeded({
      "main.tf": gen("m"), "old.tf": gen("old"), "modules/dynamodb/main.tf": gen("mod"),
      "mine.tf": "# hand-written, not ours\n", "notes.txt": gen("not .tf"), ".terraform/modules/x.tf": gen("cache"),
    });
    const before = snapshot(dir);
    const report = await writeTerraform(dir, { "main.tf": gen("m") });
    assert.deepStrictEqual(report, { written: [], unchanged: ["main.tf"], stale: ["modules/dynamodb/main.tf", "old.tf"] });
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it("rejects unsafe paths, bad texts and bad options, all at once, naming each path, and writes nothing", async () => {
    const dir = seeded({ "keep.tf": gen("k") });
    const before = snapshot(dir);
    const bad: Record<string, string> = {
      "../x.tf": "it leaves the directory", "/abs.tf": "it is absolute", "a\\b.tf": "it contains a backslash", "x.txt": "it does not end in .tf",
      "./y.tf": "it is not normalised", "a//b.tf": "it is not normalised", ".hidden.tf": "dot file",
    };
    const files: Record<string, unknown> = { ...Object.fromEntries(Object.keys(bad).map((p) => [p, gen("x")])), "no-header.tf": "resource \"a\" \"b\" {}\n", "n.tf": 42, "keep.tf": gen("k2") };
    const error = await rejection(writeTerraform(dir, files as Record<string, string>, { forse: true } as never));
    assert.ok(error instanceof BlueprintValidationError);
    for (const [p, why] of Object.entries(bad)) {
      const problem = error.problems.find((x) => x.where === `writeTerraform files[${JSON.stringify(p)}]`);
      assert.ok(problem, `no problem for ${p}`);
      assert.ok(problem.message.includes(why), `${p}: ${problem.message}`);
    }
    assert.ok(error.problems.some((x) => x.where.includes("no-header.tf") && x.message.includes(`# ${GENERATED_MARKER}`)));
    assert.ok(error.problems.some((x) => x.where.includes("n.tf") && x.message.includes("string")));
    assert.ok(error.problems.some((x) => x.where === "writeTerraform options.forse" && x.fix.includes("force")));
    assert.strictEqual(error.problems.length, Object.keys(bad).length + 3);
    assert.deepStrictEqual(snapshot(dir), before, "valid keep.tf was not written either");
  });

  it("rejects an empty dir, an empty file map and names that collide by case", async () => {
    for (const [dir, files, where] of [
      ["", { "a.tf": gen("a") }, "writeTerraform dir"],
      [tmp(), {}, "writeTerraform files"],
      [tmp(), { "Main.tf": gen("a"), "main.tf": gen("b") }, 'writeTerraform files["main.tf"]'],
    ] as const) {
      const error = await rejection(writeTerraform(dir, files));
      assert.ok(error instanceof BlueprintValidationError && error.problems.some((p) => p.where === where), `${where}: ${error.message}`);
    }
  });

  it("refuses a directory where a file goes and a file where a directory goes, even with force", async () => {
    const dir = seeded({ "modules": "# a file named modules\n" });
    fs.mkdirSync(path.join(dir, "main.tf"));
    const before = snapshot(dir);
    const error = await rejection(writeTerraform(dir, { "main.tf": gen("m"), "modules/dynamodb/main.tf": gen("d"), "ok.tf": gen("ok") }, { force: true }));
    assert.ok(error instanceof BlueprintValidationError);
    assert.deepStrictEqual(error.problems.map((p) => [p.where, p.value]), [["writeTerraform main.tf", '"main.tf"'], ["writeTerraform modules/dynamodb/main.tf", '"modules"']]);
    assert.match(error.problems[0].message, /is a directory/);
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it("interrupted before the 2nd rename: each file is old or completely new, no temp file is left", async () => {
    const old = { "a.tf": gen("old a"), "b.tf": gen("old b"), "c.tf": gen("old c") };
    const next = { "a.tf": gen("new a"), "b.tf": gen("new b"), "c.tf": gen("new c") };
    const dir = seeded(old);
    const seen: string[] = [];
    const error = await rejection(writeTerraform(dir, next, {}, {
      beforeRename: (target, temp) => {
        const rel = path.basename(target);
        // At this moment the target still holds its old bytes and the temp file all of the new ones.
        assert.strictEqual(fs.readFileSync(target, "utf8"), old[rel as keyof typeof old]);
        assert.strictEqual(fs.readFileSync(temp, "utf8"), next[rel as keyof typeof next]);
        assert.match(path.basename(temp), new RegExp(`^\\.${rel.replace(".", "\\.")}\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
        seen.push(rel);
        if (seen.length === 2) throw new Error("simulated crash");
      },
    }));
    assert.deepStrictEqual(seen, ["a.tf", "b.tf"]);
    assert.ok(!(error instanceof BlueprintValidationError));
    assert.match(error.message, /writing b\.tf .* failed after writing a\.tf; .*simulated crash/);
    // Files are written in sorted order: a.tf was atomically replaced, b.tf and c.tf were not touched.
    assert.deepStrictEqual(Object.fromEntries(Object.entries(snapshot(dir)).map(([k, v]) => [k, v.text])), { ...old, "a.tf": next["a.tf"] });
    // Running again finishes the job.
    const report = await writeTerraform(dir, next);
    assert.deepStrictEqual(report, { written: ["b.tf", "c.tf"], unchanged: ["a.tf"], stale: [] });
  });

  it("SIGKILLed while rewriting large files in a loop: every .tf file is exactly one version", async function () {
    this.timeout(CHILD_HANG_GUARD_MS); // waits for the child's "running" line; the 150-250 ms below is when to kill it, not a limit
    const dir = tmp();
    const LINES = 500_000;
    // Two versions of three 5 MB files; the child alternates between them until killed.
    const modules = childModules();
    const child = spawn(process.execPath, [...modules.nodeArgs, "-e", `const LINES = ${LINES};
      const { writeTerraform } = require(${JSON.stringify(modules.file("terraform/write"))});
      const { GENERATED_MARKER } = require(${JSON.stringify(modules.file("terraform/common"))});
      const version = (v) => Object.fromEntries(["a.tf", "b.tf", "c.tf"].map((f) => [f, "# " + GENERATED_MARKER + "\\n" + (v + f + "\\n").repeat(LINES)]));
      const versions = [version("A"), version("B")];
      (async () => { for (let i = 0; ; i++) { await writeTerraform(process.argv[1], versions[i % 2]); if (i === 1) console.log("running"); } })();
    `, dir], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    try {
      const started = await Promise.race([new Promise((r) => child.stdout.once("data", () => r(true))), exited.then(() => false)]);
      assert.ok(started, "the writer child died before it was running");
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 100));
    } finally {
      child.kill("SIGKILL"); // also when the test fails or times out: never leave a writer running
    }
    assert.strictEqual(await exited, "SIGKILL", "killed while still writing");
    const names = fs.readdirSync(dir);
    assert.deepStrictEqual(names.filter((n) => !n.startsWith(".")).sort(), ["a.tf", "b.tf", "c.tf"]);
    // A kill cannot be cleaned up after, so a temp file may remain; it is a dot file, which Terraform ignores.
    // So may the killed writer's lock (terraform/write-owner.ts), which the next writer finds stale and breaks.
    for (const n of names.filter((x) => x.startsWith("."))) assert.match(n, /^(\.[abc]\.tf\.\d+\.[0-9a-f]+\.tmp|\.dynamodb-blueprints-write\.lock)$/);
    for (const f of ["a.tf", "b.tf", "c.tf"]) {
      const body = fs.readFileSync(path.join(dir, f), "utf8").split("\n").slice(1, -1);
      assert.strictEqual(body.length, LINES, `${f} is complete`);
      assert.ok(body.every((l) => l === body[0]) && (body[0] === `A${f}` || body[0] === `B${f}`), `${f} is one version`);
    }
  });
});
