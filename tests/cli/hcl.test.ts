/**
 * `hcl` through the real CLI (in-process through `main` with the bin's io, see run-cli.ts), in two
 * phases: the second phase re-runs into the first phase's directories. Expected file sets and bytes come from toTerraform
 * called in-process on the same stack, never from CLI output.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";
import { loadStack } from "../../cli/stack-file";
import { GENERATED_MARKER } from "../../terraform/common";
import { LAYOUTS, Layout, toTerraform } from "../../terraform/to-terraform";
import { HCL_LAYOUTS } from "../../cli/commands/hcl";
import { CliResult, ROOT, STACK_TRACE, runScenarios, scratchProject } from "./run-cli";

async function expected(layout: Layout): Promise<Record<string, string>> {
  const { blueprints, config } = loadStack(ROOT, "prod");
  return toTerraform(blueprints, { layout, stack: "prod", region: config.region });
}

/** Relative path -> text of every file under `dir` (dot files included, so leftovers would show). */
function tree(dir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, tree(dir, child));
    else out[child] = fs.readFileSync(path.join(dir, child), "utf8");
  }
  return out;
}

const mtimes = (dir: string) => Object.fromEntries(Object.keys(tree(dir)).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));

describe("CLI hcl (in-process through main, prod stack)", function () {
  this.timeout(60_000);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-hcl-"));
  const moduleOut = path.join(base, "module");
  const project = scratchProject({ "Pulumi.prod.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8") });
  const flatOut = path.join(project, "tf", "flat"); // given as a relative --out, resolved against the project
  const handOut = path.join(base, "hand");
  const HAND = "# my own main.tf\nresource \"null_resource\" \"x\" {}\n";
  let first: Record<string, CliResult>;
  let second: Record<string, CliResult>;
  let afterFirst: { module: Record<string, number>; hand: Record<string, string> };

  before(async () => {
    fs.mkdirSync(handOut);
    fs.writeFileSync(path.join(handOut, "main.tf"), HAND);
    // Two phases: the second re-runs into the first's output.
    first = await runScenarios({
      module: { args: ["hcl", "--stack", "prod", "--out", moduleOut] },
      hand: { args: ["hcl", "--stack", "prod", "--out", handOut] },
      bogus: { args: ["hcl", "--stack", "prod", "--out", path.join(base, "bogus"), "--layout", "bogus"] },
      noOut: { args: ["hcl", "--stack", "prod"] },
    });
    afterFirst = { module: mtimes(moduleOut), hand: tree(handOut) };
    second = await runScenarios({
      module: { args: ["hcl", "--stack", "prod", "--out", moduleOut, "--json"] },
      flat: { args: ["hcl", "--stack", "prod", "--out", "tf/flat", "--layout", "flat", "--json"], env: { DYNAMODB_BLUEPRINTS_PROJECT: project } },
    });
  });

  after(() => [base, project].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("prints no stack trace in any run", () => {
    for (const [name, res] of [...Object.entries(first), ...Object.entries(second)]) assert.doesNotMatch(res.stdout + res.stderr, STACK_TRACE, name);
  });

  it("module layout: writes exactly toTerraform's files, byte for byte, including modules/dynamodb/main.tf", async () => {
    const res = first.module;
    assert.strictEqual(res.code, 0, res.stderr);
    const files = await expected("module");
    assert.ok("modules/dynamodb/main.tf" in files && "main.tf" in files);
    assert.deepStrictEqual(tree(moduleOut), files);
    for (const f of Object.keys(files)) assert.match(res.stdout, new RegExp(`^  written +${f.replace(/\./g, "\\.")}$`, "m"));
    assert.match(res.stdout, new RegExp(`terraform -chdir=${moduleOut} init && terraform -chdir=${moduleOut} plan`));
    assert.match(res.stdout, /nothing here ran terraform/);
  });

  it("flat layout with a relative --out: written under the project directory (DYNAMODB_BLUEPRINTS_PROJECT)", async () => {
    const res = second.flat;
    assert.strictEqual(res.code, 0, res.stderr);
    const files = await expected("flat");
    assert.ok(!Object.keys(files).some((f) => f.startsWith("modules/")));
    assert.deepStrictEqual(tree(flatOut), files);
    assert.deepStrictEqual(JSON.parse(res.stdout), { stack: "prod", layout: "flat", out: flatOut, written: Object.keys(files).sort(), unchanged: [], stale: [] });
  });

  it("a second run reports every file unchanged and does not touch them (mtimes kept)", async () => {
    const res = second.module;
    assert.strictEqual(res.code, 0, res.stderr);
    const files = Object.keys(await expected("module")).sort();
    assert.deepStrictEqual(JSON.parse(res.stdout), { stack: "prod", layout: "module", out: moduleOut, written: [], unchanged: files, stale: [] });
    assert.deepStrictEqual(mtimes(moduleOut), afterFirst.module);
  });

  it("refuses a hand-written main.tf (exit 2, names main.tf and --force), writing nothing; --force replaces it", async () => {
    const res = first.hand;
    assert.strictEqual(res.code, 2, res.stdout);
    assert.match(res.stderr, /main\.tf/);
    assert.match(res.stderr, /--force/);
    assert.strictEqual(res.stdout, "");
    assert.deepStrictEqual(afterFirst.hand, { "main.tf": HAND }, "main.tf byte-identical and no other file written");
    // --force through the same entry point, in-process.
    const io = { out: (t: string) => void t, err: (t: string) => assert.fail(t), cwd: ROOT };
    assert.strictEqual(await main(["hcl", "--stack", "prod", "--out", handOut, "--force"], io), 0);
    assert.deepStrictEqual(tree(handOut), await expected("module"));
    assert.ok(tree(handOut)["main.tf"].startsWith(`# ${GENERATED_MARKER}`));
  });

  it("--layout bogus: exit 2 naming the allowed layouts, nothing created", () => {
    const res = first.bogus;
    assert.strictEqual(res.code, 2);
    assert.match(res.stderr, /--layout/);
    assert.match(res.stderr, /"bogus"/);
    assert.deepStrictEqual(HCL_LAYOUTS, LAYOUTS, "the CLI offers exactly toTerraform's layouts");
    assert.match(res.stderr, new RegExp(`use one of ${LAYOUTS.join(", ")}`));
    assert.ok(!fs.existsSync(path.join(base, "bogus")));
  });

  it("missing --out: exit 2 with an error naming --out", () => {
    const res = first.noOut;
    assert.strictEqual(res.code, 2);
    assert.match(res.stderr, /hcl --out: is required/);
    assert.match(res.stderr, /write --out <dir>/);
  });
});
