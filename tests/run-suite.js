#!/usr/bin/env node
/**
 * `npm test`: the type-check (tsc --noEmit, ~11 s of CPU) and every mocha test, side by side. Mocha
 * runs on one core, so the type-check on the other costs almost no wall time, where running them one
 * after the other added its whole duration. Mocha's output streams as usual; the type-check's is
 * printed when both are done, so the two never interleave. Exits non-zero if either fails.
 * Extra arguments go to mocha (e.g. `npm test -- --grep lock`).
 */
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);

function run(args, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    child.on("error", (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

(async () => {
  const typecheck = run([bin("typescript", "bin/tsc"), "--noEmit", "-p", "tsconfig.json"], true);
  const mocha = await run([bin("mocha", "bin/mocha.js"), "tests/**/*.test.ts", ...process.argv.slice(2)], false);
  const tsc = await typecheck;
  if (tsc.code !== 0) process.stderr.write(`\ntype-check (tsc --noEmit -p tsconfig.json) FAILED:\n${tsc.output}`);
  else process.stdout.write("type-check (tsc --noEmit -p tsconfig.json): no errors\n");
  process.exitCode = tsc.code !== 0 ? tsc.code : mocha.code;
})();
