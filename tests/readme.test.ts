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
import { EMULATOR_PACKAGES } from "../cli/commands/local";
import { ADOPT_PACKAGES } from "../cli/optional-deps";

const ROOT = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const scripts = pkg.scripts;

/** Bare package names a source folder imports (static or dynamic), e.g. "@aws-sdk/client-kms". */
function importedPackages(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(ROOT, dir, file), "utf8");
    for (const m of text.matchAll(/(?:from|import\()\s*"((?:@[^/"]+\/)?[^./"][^/"]*)/g)) names.add(m[1]);
  }
  return names;
}

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

  it("says the package is not on the registry and how to install it instead", () => {
    assert.match(readme, /not published to the npm registry/);
    assert.match(readme, /^npm install \.\/dynamodb-blueprints-0\.1\.0\.tgz$/m);
    assert.strictEqual(pkg.version, "0.1.0", "update the tarball name in README's Install section with the version");
  });

  it("lists each command's optional packages as the code loads them", () => {
    const row = (command: string) => {
      const line = readme.split("\n").find((l) => l.startsWith(`| \`${command}\``));
      assert.ok(line, `README's Install table has a row for ${command}`);
      return [...line.matchAll(/"((?:@[^/"]+\/)?[^@"]+)@([^"]+)"/g)].map((m) => `${m[1]}@${m[2]}`);
    };
    const optional = Object.keys(pkg.peerDependenciesMeta).filter((n) => pkg.peerDependenciesMeta[n].optional);
    const local = row("local");
    assert.deepStrictEqual(local, EMULATOR_PACKAGES, "the local row installs exactly what `local` asks for");
    const adopt = row("adopt --table");
    assert.deepStrictEqual(adopt, ADOPT_PACKAGES, "the adopt --table row installs exactly what `adopt --table` asks for");
    for (const [dir, listed] of [["local", local], ["cli/adopt", adopt]] as const) {
      const needed = [...importedPackages(dir)].filter((n) => optional.includes(n));
      assert.ok(needed.length > 0, `${dir} imports optional peers`);
      for (const name of needed) assert.ok(listed.some((p) => p.startsWith(`${name}@`)), `${dir} imports ${name}; README's row does not list it`);
    }
    for (const spec of [...local, ...adopt]) {
      const [, name, range] = /^(@?[^@]+)@(.+)$/.exec(spec)!;
      assert.ok(optional.includes(name), `${name} is an optional peer dependency`);
      assert.strictEqual(pkg.peerDependencies[name], range, `${name}: README says ${range}, package.json ${pkg.peerDependencies[name]}`);
    }
  });
});
