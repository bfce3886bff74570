/**
 * The Node pin: .nvmrc and .node-version agree, the pinned version satisfies what package.json and
 * @pulumi/pulumi declare in engines, and scripts/with-node22.js (what `npm start` and `npm test` run)
 * puts a script on the pinned Node when the Node that started it is older.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8").trim();
const major = (v: string) => Number(v.replace(/^v/, "").split(".")[0]);
/** ">=22" or ">=22.0.0" -> 22; anything else is a form this test does not know and fails on. */
const engineFloor = (range: string) => {
  const m = /^>=\s*(\d+)(\.\d+){0,2}$/.exec(range.trim());
  assert.ok(m, `engines.node ${range} has a form this test does not read`);
  return Number(m[1]);
};

describe("Node pin", () => {
  it(".nvmrc and .node-version name the same exact version", () => {
    assert.match(read(".nvmrc"), /^\d+\.\d+\.\d+$/);
    assert.strictEqual(read(".node-version"), read(".nvmrc"));
  });

  it("the pinned major meets package.json's and @pulumi/pulumi's engines", () => {
    const pinned = major(read(".nvmrc"));
    const ours = JSON.parse(read("package.json")).engines.node;
    const pulumi = JSON.parse(read("node_modules/@pulumi/pulumi/package.json")).engines.node;
    assert.ok(pinned >= engineFloor(ours), `pinned ${pinned} < package.json engines ${ours}`);
    assert.ok(pinned >= engineFloor(pulumi), `pinned ${pinned} < @pulumi/pulumi engines ${pulumi}`);
  });

  it("npm start and npm test go through the launcher, and .ci/run puts the pinned Node first", () => {
    const scripts = JSON.parse(read("package.json")).scripts;
    assert.match(scripts.test, /^node scripts\/with-node22\.js /);
    assert.match(scripts.start, /^node scripts\/with-node22\.js /);
    const ci = read(".ci/run");
    const pathLine = ci.indexOf('export PATH="$node_bin:$PATH"');
    assert.ok(pathLine > 0 && pathLine < ci.indexOf("npm ci"), ".ci/run sets PATH before npm ci");
  });

  describe("scripts/with-node22.js", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-pin-"));
      fs.writeFileSync(path.join(dir, "print.js"), "process.stdout.write(JSON.stringify({ v: process.version, argv: process.argv.slice(2) }));");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const launch = (nodeBinary: string) =>
      JSON.parse(execFileSync(nodeBinary, [path.join(ROOT, "scripts", "with-node22.js"), path.join(dir, "print.js"), "a", "--b"], { encoding: "utf8", cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }));

    it("on a supported Node runs the script in place with its arguments", () => {
      const out = launch(process.execPath);
      assert.strictEqual(out.v, process.version);
      assert.deepStrictEqual(out.argv, ["a", "--b"]);
    });

    // Debian's system Node (20 on these machines) is the case the launcher exists for. Where the
    // machine has no older Node, the in-place case above is all there is to see.
    const older = ["/usr/bin/node", "/usr/local/bin/node"].find((p) => {
      try { return major(execFileSync(p, ["--version"], { encoding: "utf8" })) < major(read(".nvmrc")); } catch { return false; }
    });
    (older ? it : it.skip)(`on an older Node (${older ?? "none here"}) re-runs the script on the pinned version`, () => {
      const out = launch(older!);
      assert.strictEqual(out.v, `v${read(".nvmrc")}`);
      assert.deepStrictEqual(out.argv, ["a", "--b"]);
    });
  });
});
