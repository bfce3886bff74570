/**
 * Benchmark figures in the documentation are renderings of result files: every block
 * `<!-- bench-report: <file> -->` ... `<!-- /bench-report -->` in README.md, CONTRIBUTING.md and
 * docs/*.md holds `renderReport` of the result file it names (tests/bench/report.test.ts fails when
 * one differs). `npm run bench -- --out=<file> --update-docs` re-renders the blocks naming <file>
 * right after the run, so no figure is ever retyped.
 */
import * as fs from "fs";
import * as path from "path";
import { BenchFile, renderReport } from "./report";

const BLOCK = /<!-- bench-report: (\S+) -->\n([\s\S]*?)\n<!-- \/bench-report -->/g;

/** The documents that may hold blocks, relative to the repository root. */
export function documents(root: string): string[] {
  const docs = fs.existsSync(path.join(root, "docs")) ? fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`) : [];
  return ["README.md", "CONTRIBUTING.md", ...docs].filter((d) => fs.existsSync(path.join(root, d)));
}

/** Each block of `text` with what it should hold. */
export function reportBlocks(text: string, read: (file: string) => string): { file: string; shown: string; rendered: string; whole: string }[] {
  return [...text.matchAll(BLOCK)].map((m) => ({
    file: m[1], shown: m[2], whole: m[0], rendered: renderReport(JSON.parse(read(m[1])) as BenchFile, m[1]),
  }));
}

/** Re-renders every block naming one of `files` (all blocks when omitted); returns the documents changed. */
export function updateDocs(root: string, files?: string[]): string[] {
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  const changed: string[] = [];
  for (const doc of documents(root)) {
    const before = read(doc);
    let text = before;
    for (const block of reportBlocks(before, read)) {
      if (files && !files.includes(block.file)) continue;
      text = text.replace(block.whole, () => `<!-- bench-report: ${block.file} -->\n${block.rendered}\n<!-- /bench-report -->`);
    }
    if (text !== before) {
      fs.writeFileSync(path.join(root, doc), text);
      changed.push(doc);
    }
  }
  return changed;
}
