#!/usr/bin/env node
// Inside a checkout the TypeScript sources are run through ts-node (transpile-only), so a stale
// dist/ can never answer; an installed package has no sources and runs the compiled dist/.
const path = require("path");
const fs = require("fs");
const source = path.join(__dirname, "..", "cli", "main.ts");
let entry = path.join(__dirname, "..", "dist", "cli", "main.js");
if (fs.existsSync(source)) {
  require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
  entry = source;
}
const { main, endProcess } = require(entry);
const io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  cwd: process.env.DYNAMODB_BLUEPRINTS_PROJECT || process.cwd(),
};
// Ends the process with the command's code once it is done, whatever the user's program left running.
endProcess(main(process.argv.slice(2), io), io.err);
