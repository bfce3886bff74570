/**
 * The README is the front door and must stay true: every `npm run <script>` it mentions exists, and
 * every `dynamodb-blueprints <command> ...` it shows names a real command whose flags parse.
 * (`npm start` and `npm test` themselves are exercised by CI and the CLI tests.)
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMMANDS } from "../cli/commands";
import { parseFlags } from "../cli/args";

const ROOT = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

describe("README.md", () => {
  it("gives the two set-up commands", () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /^npm test\b/m);
    assert.ok(scripts.start && scripts.test);
  });

  it("mentions only npm scripts that exist", () => {
    const used = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    assert.ok(used.length > 0);
    for (const name of used) assert.ok(name in scripts, `README uses "npm run ${name}", which package.json lacks`);
  });

  it("shows CLI invocations that parse", () => {
    const invocations = [...readme.matchAll(/npx dynamodb-blueprints ([^\n`|]+)/g)].map((m) => m[1].replace(/\s+#.*$/, "").trim());
    assert.ok(invocations.length >= 3, `found ${invocations.length}`);
    for (const line of invocations) {
      const [name, ...argv] = line.split(/\s+/);
      if (name === "<command>") continue;
      const command = COMMANDS.find((c) => c.name === name);
      assert.ok(command, `README runs unknown command "${name}"`);
      if (argv.includes("--help")) continue;
      assert.doesNotThrow(() => parseFlags(name, argv, command.flags), `README line "${line}"`);
    }
  });
});
