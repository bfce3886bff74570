/**
 * Help, usage errors and bad stack files through the real CLI: one clear message naming the problem
 * and the fix, exit 2 (usage/config) or 1 (checklist failures), never a stack trace. The scenarios run
 * in-process through `main` with the bin's io (run-cli.ts); the last test runs three of them through
 * the bin as child processes and requires the same exit code, stdout and stderr, byte for byte.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CliResult, ROOT, STACK_TRACE, runScenarios, scratchProject } from "./run-cli";
import { CHILD_HANG_GUARD_MS } from "../helpers/child-process";

/** Run through the bin as child processes as well: exit 0 on stdout, exit 2 on stderr, exit 1 from a stack run under mocks. */
const SMOKE = ["help", "unknownCommand", "weakProd"] as const;

const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

describe("CLI help and errors (in-process through main; the bin for a smoke test)", function () {
  this.timeout(CHILD_HANG_GUARD_MS); // the bin runs as child processes too: waits for their exit
  let r: Record<string, CliResult>;
  let spawned: Promise<Record<(typeof SMOKE)[number], CliResult>>;
  let project: string;

  before(async () => {
    project = scratchProject({
      // A tab as indentation on line 4: YAML forbids it, and editors insert one easily.
      "Pulumi.broken.yaml": "config:\n  aws:region: us-east-1\n  dynamodb-blueprints:environment: dev\n\tdynamodb-blueprints:protect: false\n",
      "Pulumi.typo.yaml": dev.replace("encryption: AWS_OWNED", "encryption: AWS_OWNDE").replace("protect: false", "protect: maybe"),
      "Pulumi.list.yaml": "- just\n- a list\n",
      // Declared production (the one stack-level setting) but without the safeguards: the checklist must fail it.
      "Pulumi.prod.yaml": dev.replace("environment: dev", "environment: prod\n  dynamodb-blueprints:production: true"),
    });
    const env = { DYNAMODB_BLUEPRINTS_PROJECT: project };
    const scenarios = {
      help: { args: ["--help"] },
      planHelp: { args: ["plan", "--help"] },
      checkHelp: { args: ["check", "--help"] },
      unknownCommand: { args: ["plna", "--stack", "dev"] },
      unknownFlag: { args: ["check", "--stack", "dev", "--stirct"] },
      noStack: { args: ["plan"] },
      unknownStack: { args: ["plan", "--stack", "qa"] },
      broken: { args: ["plan", "--stack", "broken"], env },
      typo: { args: ["check", "--stack", "typo"], env },
      list: { args: ["plan", "--stack", "list"], env },
      noProject: { args: ["plan", "--stack", "dev"], env: { DYNAMODB_BLUEPRINTS_PROJECT: path.join(ROOT, "no-such-dir") } },
      weakProd: { args: ["check", "--stack", "prod", "--json"], env },
    };
    // Not awaited yet: the children's ts-node start-up overlaps the in-process runs (two cores).
    spawned = runScenarios({ help: scenarios.help, unknownCommand: scenarios.unknownCommand, weakProd: scenarios.weakProd }, { spawn: true });
    r = await runScenarios(scenarios);
  });

  after(async () => {
    await spawned.catch(() => undefined); // never leave a child running past the project's removal
    fs.rmSync(project, { recursive: true, force: true });
  });

  it("no run prints a stack trace", () => {
    for (const [name, res] of Object.entries(r)) assert.doesNotMatch(res.stderr + res.stdout, STACK_TRACE, name);
  });

  it("--help lists plan and check; each command's --help documents its flags, exit 0", () => {
    assert.strictEqual(r.help.code, 0);
    assert.match(r.help.stdout, /^ {2}plan +Preview/m);
    assert.match(r.help.stdout, /^ {2}check +Run the article's implementation checklist/m);
    assert.strictEqual(r.planHelp.code, 0);
    assert.match(r.planHelp.stdout, /--stack <value>/);
    assert.match(r.planHelp.stdout, /--json/);
    assert.strictEqual(r.checkHelp.code, 0);
    assert.match(r.checkHelp.stdout, /--strict +Treat warnings as errors/);
    assert.match(r.checkHelp.stdout, /Exit code: 1 if any item FAILs/);
  });

  it("unknown command and unknown flag: exit 2 with a did-you-mean", () => {
    assert.strictEqual(r.unknownCommand.code, 2);
    assert.match(r.unknownCommand.stderr, /unknown command "plna"\. Did you mean "plan"\?/);
    assert.strictEqual(r.unknownFlag.code, 2);
    assert.match(r.unknownFlag.stderr, /--stirct.*is not a known flag.*did you mean --strict\?/);
  });

  it("missing --stack and unknown stack: exit 2, listing the project's stacks", () => {
    assert.strictEqual(r.noStack.code, 2);
    assert.match(r.noStack.stderr, /plan --stack: is required.*one of .*dev.*prod/);
    assert.strictEqual(r.unknownStack.code, 2);
    assert.match(r.unknownStack.stderr, /has no Pulumi\.qa\.yaml in .*Fix: use one of .*dev.*prod/);
    assert.strictEqual(r.unknownStack.stdout, "");
  });

  it("a project directory that does not exist: exit 2, saying how to point at the project", () => {
    assert.strictEqual(r.noProject.code, 2);
    assert.match(r.noProject.stderr, /project directory: is not a directory .*no-such-dir.*DYNAMODB_BLUEPRINTS_PROJECT/);
  });

  it("malformed YAML and a non-map file: exit 2, naming the file and line", () => {
    assert.strictEqual(r.broken.code, 2);
    assert.match(r.broken.stderr, /Pulumi\.broken\.yaml line 4, column 1: is not valid YAML: Tabs are not allowed as indentation/);
    assert.strictEqual(r.list.code, 2);
    assert.match(r.list.stderr, /Pulumi\.list\.yaml: must be a map with a `config:` map \(got a list\)/);
  });

  it("invalid config values: exit 2, every bad key named with its allowed values", () => {
    assert.strictEqual(r.typo.code, 2);
    assert.match(r.typo.stderr, /2 problems/);
    assert.match(r.typo.stderr, /config\.dynamodb-blueprints:encryption: is not an encryption mode \(got "AWS_OWNDE"\)\. Fix: use one of AWS_OWNED, AWS_MANAGED, CUSTOMER_MANAGED \(did you mean AWS_OWNED\?\)/);
    assert.match(r.typo.stderr, /config\.dynamodb-blueprints:protect: must be true or false \(got "maybe"\)/);
    assert.strictEqual(r.typo.stdout, "", "nothing is planned or checked from a bad file");
  });

  it("check on a stack declared production without protection or PITR: FAIL items, exit 1", () => {
    assert.strictEqual(r.weakProd.code, 1, r.weakProd.stderr);
    const report = JSON.parse(r.weakProd.stdout);
    const byId = Object.fromEntries(report.items.map((i: any) => [i.id, i.status]));
    assert.deepStrictEqual([report.production.stackWide, byId.protect, byId.pitr, byId.encryption], [true, "FAIL", "FAIL", "FAIL"]);
    assert.match(report.production.rule, /because Pulumi\.prod\.yaml sets dynamodb-blueprints:production: true/);
  });

  it("the bin, as a child process, exits and prints exactly what main does (0 on stdout, 2 on stderr, 1 from a stack run)", async () => {
    const bin = await spawned;
    for (const name of SMOKE) {
      assert.deepStrictEqual({ code: bin[name].code, stdout: bin[name].stdout, stderr: bin[name].stderr },
        { code: r[name].code, stdout: r[name].stdout, stderr: r[name].stderr }, name);
    }
    assert.deepStrictEqual(SMOKE.map((n) => bin[n].code), [0, 2, 1]);
    assert.ok(bin.help.stdout.length > 0 && bin.help.stderr === "", "help on stdout only");
    assert.ok(bin.unknownCommand.stderr.length > 0 && bin.unknownCommand.stdout === "", "the usage error on stderr only");
  });
});
