import { strict as assert } from "assert";
import fc from "fast-check";
import * as h from "../../hcl";
import { formatHcl, parseHcl } from "./tools";
import { fuzzRuns } from "../helpers/fuzz";

/** FILE_WRITER_FUZZ_RUNS (default 50 in `npm test`, 1000 under FUZZ=full: tests/helpers/fuzz.ts). */
const RUNS = fuzzRuns("FILE_WRITER_FUZZ_RUNS", { quick: 50, full: 1000 });

// toTerraform writes each table's blocks as they are built (hcl/file-writer.ts). The text must not
// depend on how a file's items were split into `add` calls: top-level spacing looks one item ahead
// (a comment run stays attached to the block after it), and long files are joined in pieces.

const item = fc.oneof(
  fc.nat(3).map((i): h.BodyItem => h.block("resource", ["aws_x", `r${i}`], [h.attr("a", i)])),
  fc.constantFrom("one line", "two\nlines").map((t): h.BodyItem => h.comment(t)),
  fc.constant(h.blank()),
  fc.nat(2).map((i): h.BodyItem => h.attr(`v${i}`, h.str("x"))),
);
/** Items with attribute names unique per file (a file may not repeat an attribute). */
const body = fc.array(item, { maxLength: 12 }).map((items) => {
  const seen = new Set<string>();
  return items.filter((it) => it.kind !== "attribute" || (!seen.has(it.name) && seen.add(it.name)));
});
/** The body cut into consecutive pieces at the given points. */
function split(items: h.Body, cuts: number[]): h.Body[] {
  const at = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const pieces: h.Body[] = [];
  let from = 0;
  for (const c of [...at, items.length]) { pieces.push(items.slice(from, c)); from = c; }
  return pieces;
}

// Spacing cases, expected text written by hand from the rules in hcl/file-writer.ts (one blank line
// before and after every block; comments directly above a block stay attached to it).
const B = (n: number) => h.block("resource", ["aws_x", `r${n}`], [h.attr("a", n)]);
const bText = (n: number) => `resource "aws_x" "r${n}" {\n  a = ${n}\n}`;
const A = (n: number) => h.attr(`v${n}`, h.str("x"));
const C = (t: string) => h.comment(t);
const SPACING: [string, h.Body, string][] = [
  ["blocks are one blank line apart", [B(0), B(1)], `${bText(0)}\n\n${bText(1)}\n`],
  ["a comment above a block opens its group", [A(0), C("c"), B(0)], `v0 = "x"\n\n# c\n${bText(0)}\n`],
  ["a comment between attributes stays in place", [A(0), C("c"), A(1)], `v0 = "x"\n# c\nv1 = "x"\n`],
  ["a comment after a block is set apart from it", [B(0), C("c"), A(0)], `${bText(0)}\n\n# c\nv0 = "x"\n`],
  ["a comment run stays attached", [A(0), C("c1"), C("c2"), B(0), B(1)], `v0 = "x"\n\n# c1\n# c2\n${bText(0)}\n\n${bText(1)}\n`],
  ["a blank line detaches a comment from the block", [A(0), C("c"), h.blank(), B(0)], `v0 = "x"\n# c\n\n${bText(0)}\n`],
  ["leading and repeated blank lines go", [h.blank(), A(0), h.blank(), h.blank(), A(1)], `v0 = "x"\n\nv1 = "x"\n`],
  ["a comment run at the end", [B(0), C("c1"), C("c2")], `${bText(0)}\n\n# c1\n# c2\n`],
];

describe("hcl/file-writer", () => {
  for (const [name, items, expected] of SPACING) {
    it(`spacing: ${name}, split at every point`, () => {
      assert.equal(h.printFile(items), expected);
      for (let cut = 0; cut <= items.length; cut++) {
        assert.equal(new h.FileWriter().add(items.slice(0, cut)).add(items.slice(cut)).text(), expected, `split at ${cut}`);
      }
      assert.equal(h.printFile(items, { header: "H" }), `# H\n\n${expected}`);
    });
  }

  it("writes the same text however the items are split, and the text is a fixed point of hclwrite.Format", async () => {
    await fc.assert(fc.asyncProperty(body, fc.array(fc.nat(20), { maxLength: 6 }), fc.boolean(), async (items, cuts, withHeader) => {
      const opts = withHeader ? { header: "Generated.\nDo not edit." } : {};
      const whole = h.printFile(items, opts);
      const writer = new h.FileWriter(opts);
      for (const piece of split(items, cuts)) writer.add(piece);
      assert.equal(writer.text(), whole);
      assert.equal(await formatHcl(whole), whole, "not a format() fixed point");
    }), { numRuns: RUNS });
  });

  it("a file written in many pieces keeps every block, in order, as the whole body does", async () => {
    const items: h.BodyItem[] = [];
    for (let i = 0; i < 3000; i++) items.push(h.comment(`table ${i}`), h.block("moved", [], [h.attr("from", h.ref(`aws_x.a${i}`)), h.attr("to", h.ref(`aws_x.b${i}`))]));
    const writer = new h.FileWriter({ header: "Generated." });
    for (let i = 0; i < items.length; i += 2) writer.add(items.slice(i, i + 2));
    const text = writer.text();
    assert.equal(text, h.printFile(items, { header: "Generated." }));
    assert.equal(await formatHcl(text), text);
    const parsed = await parseHcl(text) as { moved: { from: string; to: string }[] };
    assert.equal(parsed.moved.length, 3000);
    assert.deepEqual(parsed.moved[2999], { from: "${aws_x.a2999}", to: "${aws_x.b2999}" });
    // The header's blank line and one between each pair of blocks: none doubled or lost at a join.
    assert.equal(text.slice(0, -1).split("\n").filter((l) => l === "").length, 1 + 2999);
  });

  it("a file with a header and no items is the header alone, however many empty pieces it was given", () => {
    assert.equal(new h.FileWriter({ header: "H" }).add([]).add([]).text(), "# H\n");
    assert.equal(new h.FileWriter({ header: "H" }).add([h.blank()]).add([h.blank()]).text(), "# H\n");
    assert.equal(new h.FileWriter().add([]).text(), "");
  });

  it("takes nothing after text()", () => {
    const writer = new h.FileWriter();
    writer.add([h.attr("a", 1)]);
    assert.equal(writer.text(), "a = 1\n");
    assert.equal(writer.text(), "a = 1\n");
    assert.throws(() => writer.add([h.attr("b", 2)]), /after text\(\)/);
  });
});
