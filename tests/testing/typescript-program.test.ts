import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { typeScriptRegistration } from "../../testing/typescript-program";

// A user's program is compiled as the Pulumi language host compiles it (testing/typescript-program.ts).
// The failure this guards against only shows in a process where nothing has registered TypeScript yet
// (the installed CLI), so the program runs in a child process with exactly the registration the CLI
// would make for it.

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-ts-program-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs `main.ts` of `dir` in a fresh node with the CLI's registration; resolves with its exit code and output. */
function runWithRegistration(dir: string): Promise<{ code: number | null; out: string }> {
  const registration = JSON.stringify(typeScriptRegistration(dir, undefined));
  const script = "const r = JSON.parse(process.argv[1]); require(r.tsNode).register(r.options); require(process.argv[2]);";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, registration, path.join(dir, "main.ts")], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

// A class extending a native class, as a user's own ComponentResource subclass does.
const PROGRAM = {
  "base.js": "class Base { constructor() { this.made = true; } }\nmodule.exports = { Base };\n",
  "main.ts": 'import { Base } from "./base";\nclass Mine extends Base { constructor() { super(); } }\nconsole.log(new Mine().made ? "ok" : "not made");\n',
};

describe("testing/typescript-program: a user's TypeScript as the Pulumi language host compiles it", function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  it("without a tsconfig: the language host's ES2020 target, CommonJS, no project file", () => {
    const dir = project({});
    dirs.push(dir);
    const r = typeScriptRegistration(dir, undefined);
    assert.deepStrictEqual(r.options, { transpileOnly: true, skipProject: true, compilerOptions: { target: "ES2020", module: "commonjs" } });
  });

  it("a tsconfig's own target wins; module stays CommonJS (the program is required in this process)", () => {
    const dir = project({ "tsconfig.json": '{\n  // comments are allowed, as tsc allows them\n  "compilerOptions": { "target": "ES2017", "module": "esnext" }\n}\n' });
    dirs.push(dir);
    const r = typeScriptRegistration(dir, undefined);
    assert.strictEqual(r.options.project, path.join(dir, "tsconfig.json"));
    assert.strictEqual(r.options.compilerOptions.target, "ES2017");
    assert.strictEqual(r.options.compilerOptions.module, "commonjs");
  });

  it("a class extending a native class runs in a process where nothing registered TypeScript before", async () => {
    const dir = project(PROGRAM);
    dirs.push(dir);
    const r = await runWithRegistration(dir);
    assert.strictEqual(r.code, 0, r.out);
    assert.strictEqual(r.out.trim(), "ok");
  });
});
