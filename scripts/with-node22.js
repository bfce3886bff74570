#!/usr/bin/env node
/**
 * Runs a script on the Node major pinned in .nvmrc. `npm start` and `npm test` go through here, so the
 * README's two set-up commands work on a machine whose system Node is older (Debian's is 20): if the Node
 * running this file is older than the pinned major, scripts/node22.sh fetches the pinned build from the
 * npm registry into a cache outside the checkout and the script is re-run on it. A newer Node is used as
 * it is (engines: node >= 22).
 *   node scripts/with-node22.js <script.js> [args...]
 */
const { spawnSync, spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pinned = fs.readFileSync(path.join(root, ".nvmrc"), "utf8").trim();
const wantMajor = Number(pinned.split(".")[0]);
const haveMajor = Number(process.versions.node.split(".")[0]);
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write("usage: node scripts/with-node22.js <script.js> [args...]\n");
  process.exit(2);
}

if (haveMajor >= wantMajor) {
  // Already supported: run in this process, no second start-up.
  process.argv = [process.argv[0], path.resolve(script), ...args];
  require(path.resolve(script));
} else {
  const found = spawnSync("bash", [path.join(__dirname, "node22.sh")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (found.status !== 0) {
    process.stderr.write(`Node ${process.versions.node} is older than the ${wantMajor}.x this project needs, and Node ${pinned} could not be installed (above). Install it with your version manager (nvm install reads .nvmrc).\n`);
    process.exit(2);
  }
  const bin = found.stdout.trim();
  process.stderr.write(`Node ${process.versions.node} is older than ${wantMajor}.x: running on ${pinned} from ${bin}\n`);
  // Children that spawn `node` by name (npm, the consumer test) find the same binary first on PATH.
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` };
  const child = spawn(path.join(bin, "node"), [script, ...args], { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("close", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
