#!/usr/bin/env node
/**
 * `npm test`: the type-check (tsc --noEmit, ~11 s of CPU) and every mocha test, side by side, so the
 * type-check costs little wall time, where running them one after the other added its whole duration. Mocha's output streams as usual; the type-check's is
 * printed when both are done, so the two never interleave. Exits non-zero if either fails.
 * Extra arguments go to mocha (e.g. `npm test -- --grep lock`).
 */
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);

/** capture: keep all output and print nothing; "tee": stream stdout and keep it too. */
function run(args, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: capture === true ? ["ignore", "pipe", "pipe"] : capture === "tee" ? ["inherit", "pipe", "inherit"] : "inherit" });
    let output = "";
    if (capture === true) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    } else if (capture === "tee") {
      child.stdout.on("data", (d) => { process.stdout.write(d); output += d; });
    }
    child.on("error", (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

// Node's on-disk compile cache (Node >= 22.1: https://nodejs.org/api/module.html#module-compile-cache) for
// the mocha workers and every child process the tests start (each loads the Pulumi SDK again): kept
// outside the clone, beside the pinned Node (scripts/node22.sh), and checked by Node against each
// file's content, so a changed file is compiled afresh. A first run on a machine fills it.
process.env.NODE_COMPILE_CACHE ??= path.join(os.homedir(), ".cache", "dynamodb-blueprints", "node-compile-cache");

(async () => {
  const typecheck = run([bin("typescript", "bin/tsc"), "--noEmit", "-p", "tsconfig.json"], true);
  // Test files in parallel worker processes, one per core: each file still runs its tests in order in
  // one process, and child-process tests wait on their children's signals, not on timers, so a busy
  // core slows them without failing them. `npm test -- --no-parallel` runs them in one process.
  const jobs = Math.max(1, Math.min(4, (os.availableParallelism ?? (() => os.cpus().length))()));
  const mocha = await run([bin("mocha", "bin/mocha.js"), "--parallel", "--jobs", String(jobs), "tests/**/*.test.ts", ...process.argv.slice(2)], "tee");
  const tsc = await typecheck;
  // The plain closing line CI reads in any language: counts from mocha's summary, the type-check as one more.
  const count = (word) => Number((new RegExp(`(\\d+) ${word}`).exec(mocha.output) ?? [0, 0])[1]);
  const passed = count("passing") + (tsc.code === 0 ? 1 : 0);
  const failed = count("failing") + (tsc.code === 0 ? 0 : 1) + (mocha.code !== 0 && count("failing") === 0 ? 1 : 0);
  if (tsc.code !== 0) process.stderr.write(`\ntype-check (tsc --noEmit -p tsconfig.json) FAILED:\n${tsc.output}`);
  else process.stdout.write("type-check (tsc --noEmit -p tsconfig.json): no errors\n");
  process.stdout.write(`tests: ${passed} passed, ${failed} failed${count("pending") ? `, ${count("pending")} skipped` : ""}\n`);
  process.exitCode = tsc.code !== 0 ? tsc.code : mocha.code;
})();
