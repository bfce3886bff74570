/**
 * README output excerpts cannot drift: each code block marked `<!-- excerpt: <command> -->` is compared
 * with the real output of that command, run in-process on this repository. Every excerpt line must
 * appear in the output, in order; `...` stands for elided text (a whole line, or part of one), and the
 * emulator's port and the scratch output directory are normalised.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";

const ROOT = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const excerpts = [...readme.matchAll(/<!-- excerpt: (.+?) -->\n```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => ({ command: m[1], text: m[2] }));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const normalise = (line: string) => line.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT");

/** Where the excerpt first fails to follow the output, or undefined when it is a faithful excerpt. */
export function excerptMismatch(excerpt: string, output: string): string | undefined {
  const lines = output.split("\n").map(normalise);
  let at = 0;
  for (const line of excerpt.replace(/\n$/, "").split("\n").map(normalise)) {
    if (line.trim() === "...") continue;
    const pattern = new RegExp(`^${line.split(/ ?\.\.\. ?/).map(escape).join(".*")}$`);
    while (at < lines.length && !pattern.test(lines[at])) at++;
    if (at === lines.length) return line;
    at++;
  }
  return undefined;
}

describe("README output excerpts match the real output", function () {
  this.timeout(60_000);
  it("finds the marked excerpts", () => assert.ok(excerpts.length >= 4, `found ${excerpts.length}`));

  it("the comparison can fail: a changed count is caught", () => {
    assert.strictEqual(excerptMismatch("a ... c\n...\nz\n", "a b c\nx\nz"), undefined);
    assert.strictEqual(excerptMismatch("Checklist: 9 PASS\n", "Checklist: 11 PASS"), "Checklist: 9 PASS");
  });

  for (const { command, text } of excerpts) {
    it(command, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-excerpt-"));
      try {
        const argv = command.split(" ").map((a, i, all) => (all[i - 1] === "--out" ? path.join(out, a) : a));
        let output = "";
        await main(argv, { out: (t) => { output += `${t}\n`; }, err: () => undefined, cwd: ROOT });
        output = output.split(`${out}${path.sep}`).join("");
        const mismatch = excerptMismatch(text, output);
        assert.strictEqual(mismatch, undefined, `README line not in the output of \`${command}\`:\n  ${mismatch}\n\nOutput:\n${output}`);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
