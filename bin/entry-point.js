// Which code the bin runs. An installed package has no TypeScript sources and runs the compiled dist/.
// Inside a checkout the sources are the truth: dist/ runs only when it was built after every source
// last changed (`npm ci` builds it through the `prepare` script, so a fresh clone runs compiled code and
// each CLI start skips ~1.4 s of transpiling); otherwise the sources run through ts-node
// (transpile-only), so a stale dist/ never answers. The source folders are the ones the build compiles
// (tsconfig.build.json's `include`). tests/bin/entry-point.test.ts covers each case.
const fs = require("fs");
const path = require("path");

/** The newest modification time of the .ts files under `dir` (0 when there are none). */
function newestSource(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `{ file, typescript }`: the CLI's main module for the package at `root`, and whether it needs ts-node. */
function entryPoint(root) {
  const source = path.join(root, "cli", "main.ts");
  const built = path.join(root, "dist", "cli", "main.js");
  if (!fs.existsSync(source)) return { file: built, typescript: false };
  const buildConfig = path.join(root, "tsconfig.build.json");
  if (fs.existsSync(built) && fs.existsSync(buildConfig)) {
    const folders = JSON.parse(fs.readFileSync(buildConfig, "utf8")).include.map((pattern) => pattern.split("/")[0]);
    const builtAt = fs.statSync(built).mtimeMs;
    if (folders.every((folder) => newestSource(path.join(root, folder)) <= builtAt)) return { file: built, typescript: false };
  }
  return { file: source, typescript: true };
}

module.exports = { entryPoint };
