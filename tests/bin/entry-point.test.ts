import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { entryPoint } = require("../../bin/entry-point") as { entryPoint(root: string): { file: string; typescript: boolean } };

/** A package layout in a scratch folder; `at` sets a file's modification time (seconds since the epoch). */
function layout(files: Record<string, number>, buildConfig = true): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-entry-"));
  if (buildConfig) fs.writeFileSync(path.join(root, "tsconfig.build.json"), JSON.stringify({ include: ["cli/**/*.ts", "model/**/*.ts"] }));
  for (const [file, at] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "");
    fs.utimesSync(path.join(root, file), at, at);
  }
  return root;
}

describe("bin/entry-point: which code the bin runs", () => {
  const roots: string[] = [];
  after(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });
  const pick = (files: Record<string, number>, buildConfig?: boolean) => {
    const root = layout(files, buildConfig);
    roots.push(root);
    const e = entryPoint(root);
    return { typescript: e.typescript, file: path.relative(root, e.file) };
  };

  it("an installed package (no sources) runs dist/", () => {
    assert.deepStrictEqual(pick({ "dist/cli/main.js": 100 }), { typescript: false, file: "dist/cli/main.js" });
  });
  it("a checkout whose dist/ was built after every source runs dist/", () => {
    assert.deepStrictEqual(pick({ "cli/main.ts": 100, "model/deep/x.ts": 150, "dist/cli/main.js": 200 }), { typescript: false, file: "dist/cli/main.js" });
  });
  it("a source changed after the build, however deep in a compiled folder, makes it run the sources", () => {
    assert.deepStrictEqual(pick({ "cli/main.ts": 100, "model/deep/x.ts": 300, "dist/cli/main.js": 200 }), { typescript: true, file: "cli/main.ts" });
  });
  it("a checkout without dist/, or without the build's config, runs the sources", () => {
    assert.deepStrictEqual(pick({ "cli/main.ts": 100 }), { typescript: true, file: "cli/main.ts" });
    assert.deepStrictEqual(pick({ "cli/main.ts": 100, "dist/cli/main.js": 200 }, false), { typescript: true, file: "cli/main.ts" });
  });
  it("folders the build does not compile (tests, bench) do not count", () => {
    assert.deepStrictEqual(pick({ "cli/main.ts": 100, "tests/x.test.ts": 900, "dist/cli/main.js": 200 }), { typescript: false, file: "dist/cli/main.js" });
  });
});
