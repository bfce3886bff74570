/**
 * The documents link to each other's sections (README's table of contents, the reference, CONTRIBUTING);
 * a renamed heading must not leave a dead link. Every relative Markdown link in README.md,
 * CONTRIBUTING.md, CHANGELOG.md and docs/*.md names an existing file and, with `#anchor`, a heading of
 * it (GitHub's anchor rule: lower case, punctuation dropped, spaces to hyphens). README's table of
 * contents lists every `##` section.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const DOCS = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)]
  .filter((f) => fs.existsSync(path.join(ROOT, f)));

/** Markdown outside fenced code blocks. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```$/gm, "");

/** GitHub's heading anchors of a document, duplicates numbered `-1`, `-2`. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const base = m[1].toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe("documentation links", () => {
  it("the anchor rule matches GitHub's for headings with code and punctuation (it can fail)", () => {
    const a = anchors("## Stacks: `pulumi up` per environment\n## Other languages (Python, Go, .NET, Java, YAML)\n## A\n## A\n");
    assert.deepStrictEqual([...a], ["stacks-pulumi-up-per-environment", "other-languages-python-go-net-java-yaml", "a", "a-1"]);
  });

  for (const doc of DOCS) {
    it(`${doc}: every relative link and anchor resolves`, () => {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
      const dead: string[] = [];
      for (const m of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [file, anchor] = target.split("#");
        const resolved = file ? path.join(path.dirname(path.join(ROOT, doc)), file) : path.join(ROOT, doc);
        if (!fs.existsSync(resolved)) { dead.push(target); continue; }
        if (anchor && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) dead.push(target);
      }
      assert.deepStrictEqual(dead, []);
    });
  }

  it("README's table of contents lists every section", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const toc = readme.split("## Contents\n")[1].split("\n## ")[0];
    const sections = [...prose(readme).matchAll(/^## +(.+?) *$/gm)].map((m) => m[1]).filter((t) => t !== "Contents" && t !== "License");
    const missing = sections.filter((t) => !toc.includes(`(#${[...anchors(`## ${t}`)][0]})`));
    assert.deepStrictEqual(missing, []);
  });
});
