/**
 * Benchmark figures in the documentation are renderings of result files, never retyped: every block
 * `<!-- bench-report: <file> -->` ... `<!-- /bench-report -->` in README.md, CONTRIBUTING.md and docs/
 * must equal `renderReport` of that file (bench/report.ts, blocks found by bench/docs.ts).
 * `UPDATE_DOCS=1` re-renders the blocks (so does `npm run bench -- --out=<file> --update-docs`).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { documents, reportBlocks, updateDocs } from "../../bench/docs";

const ROOT = path.resolve(__dirname, "..", "..");

describe("benchmark figures in the docs are bench/report.ts renderings of their result files", () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
  const all = documents(ROOT).map((doc) => ({ doc, blocks: reportBlocks(read(doc), read) }));

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

  if (process.env.UPDATE_DOCS === "1") {
    it("re-renders every block", () => { updateDocs(ROOT); });
    return;
  }
  for (const { doc, blocks } of all) {
    for (const block of blocks) {
      it(`${doc}: ${block.file}`, () => {
        assert.strictEqual(block.shown, block.rendered, `${doc} shows figures that are not the rendering of ${block.file}: run UPDATE_DOCS=1 npx mocha tests/bench/report.test.ts`);
      });
    }
  }
});
