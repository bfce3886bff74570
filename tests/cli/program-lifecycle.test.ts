/**
 * The user's program's lifetime under the CLI (cli/program-lifecycle.ts): the CLI ends the program once
 * its registrations have settled (a leftover interval cannot keep `plan` alive), a program that ends
 * itself with process.exit before its resources are registered is exit 2 with one message, never a pass,
 * and so is one whose registrations never complete (before, `plan` printed the stack without them).
 * Child processes run the real bin (only a real process shows whether it exits, and with which code);
 * the in-process rows prove `main` itself refuses, not only the bin.
 */
import * as assert from "assert";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import { ROOT, entry } from "./run-cli";
import { cli, userProject } from "../helpers/user-project";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { entryPoint } = require("../../bin/entry-point") as { entryPoint(root: string): { typescript: boolean } };

/**
 * The program imports the components the way the process running it has them: in-process, the
 * sources; in a child, the compiled dist/ when the bin runs it (as an installed package's users
 * import it), which spares each child transpiling every source file again.
 */
const components = (child: boolean) =>
  JSON.stringify(path.resolve(__dirname, "..", "..", ...(child && !entryPoint(ROOT).typescript ? ["dist", "components"] : ["components"])));
const project = (tail: string, child = false) => userProject({
  "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\nmain: main.ts\n",
  "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
  "main.ts": `import { DynamoTable } from ${components(child)};\nnew DynamoTable("users", { tableName: "users", partitionKey: { name: "id", type: "S" } });\n${tail}`,
});

const EXITED = /error: the program main\.ts failed at main\.ts:\d+:\d+: it called process\.exit\((\d+)\) before its resources were registered/;

/** `child`: run by the real bin (does the process end, with which code?); `main`: in-process; both by default. */
interface Row { tail: string; command: "plan" | "check"; code: number; stdout?: RegExp; stderr?: RegExp; exitCode?: string; only?: "child" | "main" }
const ROWS: Record<string, Row> = {
  "leftover setInterval, plan": { tail: "setInterval(() => {}, 1000);\n", command: "plan", code: 0, stdout: /Resources: 2 to create/, only: "child" },
  "open server left listening, plan": { tail: "require('net').createServer().listen(0, '127.0.0.1');\n", command: "plan", code: 0, stdout: /Resources: 2 to create/, only: "child" },
  // Child only: a timer that fired after main returned would end the test process itself.
  "setTimeout exit(0) after registering, check": { tail: "setTimeout(() => process.exit(0), 0);\n", command: "check", code: 2, stderr: EXITED, exitCode: "0", only: "child" },
  "synchronous exit(0), check": { tail: "process.exit(0);\n", command: "check", code: 2, stderr: EXITED, exitCode: "0" },
  "synchronous exit(0), plan": { tail: "process.exit(0);\n", command: "plan", code: 2, stderr: EXITED, exitCode: "0", only: "main" },
  "an input that never resolves, plan": {
    tail: `new (require("@pulumi/aws/dynamodb").Table)("legacy", { name: new Promise(() => {}), attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" });\n`,
    command: "plan", code: 2, only: "main",
    stderr: /error: the program main\.ts failed: 1 resource registration never completes \("legacy" \[aws:dynamodb\/table:Table\] was waiting for the value of its input property "name"\), so nothing was judged or written/,
  },
  "exit(3) from a resolved promise, check": { tail: "Promise.resolve().then(() => process.exit(3));\n", command: "check", code: 2, stderr: EXITED, exitCode: "3", only: "main" },
};

/** Children still running when the test ends (a regression that keeps one alive) are killed, by their pid. */
const children = new Set<ChildProcess>();
function runBin(args: string[], project: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DYNAMODB_BLUEPRINTS_DEBUG, ...env } = process.env;
    const child = spawn(process.execPath, [...entry(), ...args], { cwd: ROOT, env: { ...env, DYNAMODB_BLUEPRINTS_PROJECT: project } });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => { children.delete(child); resolve({ code, stdout, stderr }); });
  });
}

function judge(name: string, row: Row, r: { code: number | null; stdout: string; stderr: string }): void {
  assert.strictEqual(r.code, row.code, `${name}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  if (row.stdout) assert.match(r.stdout, row.stdout, name);
  if (row.stderr) {
    const m = row.stderr.exec(r.stderr);
    assert.ok(m, `${name}: ${r.stderr}`);
    if (row.exitCode !== undefined) assert.strictEqual(m[1], row.exitCode, name);
    // One message, and no verdict printed for a program that never finished.
    assert.strictEqual(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /Checklist:|Resources:/, name);
  }
}

describe("user program lifecycle under the CLI (cli/program-lifecycle.ts)", function () {
  this.timeout(120_000);
  after(() => { for (const child of children) child.kill("SIGKILL"); });

  it("the bin ends the program once registrations settle, and a program that exits itself is exit 2 (child processes)", async () => {
    // A child that never exits never closes: this test then fails by its timeout, not by a sleep.
    const rows = Object.entries(ROWS).filter(([, r]) => r.only !== "main");
    for (let i = 0; i < rows.length; i += 2) { // two at a time (two cores)
      const batch = rows.slice(i, i + 2);
      const results = await Promise.all(batch.map(([, row]) => runBin([row.command, "--stack", "dev"], project(row.tail, true))));
      batch.forEach(([name, row], j) => judge(name, row, results[j]));
    }
  });

  for (const [name, row] of Object.entries(ROWS).filter(([, r]) => r.only !== "child")) {
    it(`in-process main: ${name}`, async () => {
      // A trap in place of process.exit: without the CLI's supervision the program would end mocha itself.
      const realExit = process.exit;
      const reached: unknown[] = [];
      const trap = ((code?: unknown) => { reached.push(code); }) as typeof process.exit;
      process.exit = trap;
      let r: { code: number; out: string; err: string };
      try {
        r = await cli(project(row.tail), row.command, "--stack", "dev");
        assert.strictEqual(process.exit, trap, "process.exit is restored after the command");
      } finally {
        process.exit = realExit;
      }
      assert.deepStrictEqual(reached, [], "the program's process.exit reached the process");
      judge(name, row, { code: r.code, stdout: r.out, stderr: r.err });
    });
  }
});
