#!/usr/bin/env node
// Runs the compiled CLI when the package is installed (dist/), or the TypeScript sources through
// ts-node in transpile-only mode inside a checkout, so `npx dynamodb-blueprints` works in both.
const path = require("path");
const fs = require("fs");
const compiled = path.join(__dirname, "..", "dist", "cli", "main.js");
let entry = compiled;
if (!fs.existsSync(compiled)) {
  require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
  entry = path.join(__dirname, "..", "cli", "main.ts");
}
const { main } = require(entry);
const io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  cwd: process.env.DYNAMODB_BLUEPRINTS_PROJECT || process.cwd(),
};
main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
