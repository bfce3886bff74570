/**
 * Benchmark figures in the documentation are renderings of result files, never retyped: every block
 * `<!-- bench-report: <file> -->` ... `<!-- /bench-report -->` in README.md, CONTRIBUTING.md and docs/
 * must equal `renderReport` of that file (bench/report.ts). `UPDATE_DOCS=1` re-renders the blocks.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { BenchFile, renderReport } from "../../bench/report";

const ROOT = path.resolve(__dirname, "..", "..");
const DOCS = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const BLOCK = /<!-- bench-report: (\S+) -->\n([\s\S]*?)\n<!-- \/bench-report -->/g;

/** Each block of `text` with what it should hold. */
export function reportBlocks(text: string, read: (file: string) => string): { file: string; shown: string; rendered: string; whole: string }[] {
  return [...text.matchAll(BLOCK)].map((m) => ({
    file: m[1], shown: m[2], whole: m[0], rendered: renderReport(JSON.parse(read(m[1])) as BenchFile, m[1]),
  }));
}

describe("benchmark figures in the docs are bench/report.ts renderings of their result files", () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
  const all = DOCS.filter((d) => fs.existsSync(path.join(ROOT, d))).map((doc) => ({ doc, blocks: reportBlocks(read(doc), read) }));

  it("finds the blocks (the reference run and the suite measurement)", () => {
    const files = all.flatMap((d) => d.blocks.map((b) => b.file));
    assert.ok(files.includes("bench/results/reference.json") && files.includes("bench/results/suite.json"), files.join(", "));
  });

  it("a retyped figure is caught (the comparison can fail)", () => {
    const [block] = all.flatMap((d) => d.blocks);
    const edited = block.whole.replace(/\d+(\.\d+)? s/, "1.0 s");
    const [again] = reportBlocks(edited, read);
    assert.notStrictEqual(again.shown, again.rendered);
  });

  for (const { doc, blocks } of all) {
    for (const block of blocks) {
      it(`${doc}: ${block.file}`, () => {
        if (process.env.UPDATE_DOCS === "1") {
          const text = read(doc);
          fs.writeFileSync(path.join(ROOT, doc), text.replace(block.whole, `<!-- bench-report: ${block.file} -->\n${block.rendered}\n<!-- /bench-report -->`));
          return;
        }
        assert.strictEqual(block.shown, block.rendered, `${doc} shows figures that are not the rendering of ${block.file}: run UPDATE_DOCS=1 npx mocha tests/bench/report.test.ts`);
      });
    }
  }
});
