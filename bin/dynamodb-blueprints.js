#!/usr/bin/env node
// An installed package runs the compiled dist/; a checkout runs it only when it is newer than every
// source, and the TypeScript sources through ts-node otherwise (bin/entry-point.js).
const path = require("path");
const { entryPoint } = require("./entry-point");
const root = path.join(__dirname, "..");
const entry = entryPoint(root);
if (entry.typescript) require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
const { main, endProcess } = require(entry.file);
const io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  cwd: process.env.DYNAMODB_BLUEPRINTS_PROJECT || process.cwd(),
};
// Ends the process with the command's code once it is done, whatever the user's program left running.
endProcess(main(process.argv.slice(2), io), io.err);
