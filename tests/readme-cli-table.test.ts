/**
 * README's "Command line" table is where a user looks up what a command accepts: each command's row
 * names exactly the flags the CLI defines (cli/commands/*.ts), so a flag added to the CLI (or dropped
 * from it) cannot be missing from, or linger in, the table.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMMANDS } from "../cli/commands";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README: the Command line table lists every flag of every command", () => {
  const section = README.slice(README.indexOf("\n## Command line"), README.indexOf("\n### Adopting existing tables"));
  for (const command of COMMANDS) {
    it(`${command.name}`, () => {
      const row = section.split("\n").find((line) => line.startsWith(`| \`${command.name}`));
      assert.ok(row, `no row for ${command.name}`);
      const usage = row.split(/(?<!\\)\|/)[1];
      const listed = [...new Set([...usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]))].sort();
      assert.deepStrictEqual(listed, Object.keys(command.flags).sort());
    });
  }
});
