import { strict as assert } from "assert";
import fc from "fast-check";
import { escapeString, isIdentifier, quote, quoteKey } from "../../hcl/escape";
import { terraformName } from "../../model/resources";
import { hclStringValue } from "./string-value";
import { printExpr, ref, template } from "../../hcl";
import { astShape, formatHcl, parseHcl } from "./tools";

// Each row: input value, the escaped text we expect (written by hand from the HCL spec), and
// what hcl2json reports after parsing `x = "<escaped>"` (HCL JSON syntax: `${` -> `$${`).
const CASES: [string, string, string][] = [
  ['a"b\\c', 'a\\"b\\\\c', 'a"b\\c'],
  ["l1\nl2\r\n\tx", "l1\\nl2\\r\\n\\tx", "l1\nl2\r\n\tx"],
  ["\u0000\u001f\u007f\u0085", "\\u0000\\u001f\\u007f\\u0085", "\u0000\u001f\u007f\u0085"],
  ["a\u2028b\u2029c", "a\\u2028b\\u2029c", "a\u2028b\u2029c"],
  ["é😀中", "é😀中", "é😀中"], // printable non-ASCII, including astral, stays literal
  ["\u202eevil\u200d", "\\u202eevil\\u200d", "\u202eevil\u200d"], // bidi override / ZWJ: format chars
  ["\u{e0001}\u{f0000}", "\\U000e0001\\U000f0000", "\u{e0001}\u{f0000}"], // astral non-printables
  ["${var.x}", "$${var.x}", "$${var.x}"],
  ["%{ if x }", "%%{ if x }", "%%{ if x }"],
  ["$${", "$$${", "$$${"], // an already-escaped-looking input must round-trip too
  ["%%{", "%%%{", "%%%{"],
  ["$ % $$ %% } { $} %}", "$ % $$ %% } { $} %}", "$ % $$ %% } { $} %}"],
  ["end$", "end$", "end$"],
  ["end%", "end%", "end%"],
  ["", "", ""],
];

describe("hcl/escape", () => {
  it("hclStringValue is what HashiCorp's parser makes of a value (NFC, and its supplementary-plane composition quirk)", async () => {
    // Supplementary-plane characters whose low 16 bits are a composable BMP letter, followed by
    // 1-3 combining marks in any order: the cases where Go's NFC and JavaScript's disagree.
    let seed = 42;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const marks = [0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x30a, 0x30b, 0x30c, 0x31b, 0x323, 0x324, 0x325, 0x327, 0x328, 0x345, 0x1d165, 0x5b0, 0x93c];
    const LETTERS = "AEIOUYaeiouyCNSZcnszGgHhWw\u00c2\u00e2\u00ca\u00ea\u00d4\u00f4\u00dc\u00fc\u00c5\u00e5\u00c7\u00e7\u0100\u0101\u014c\u014d\u01a0\u01a1";
    const values = ["\u{100c2}\u0301", "\u{100c2}\u0323", "\u{100c2}\u0301\u0323", "e\u0301", "x"];
    for (let n = 0; n < 1500; n++) {
      const letter = LETTERS.codePointAt(next(LETTERS.length))!;
      const base = [0x10000 + letter, 0x20000 + letter, 0x10000 + next(0x300), 0x11e00 + next(0x100), letter, 0x1f600 + next(80)][next(6)];
      let v = String.fromCodePoint(base);
      for (let k = 1 + next(3); k > 0; k--) v += String.fromCodePoint(marks[next(marks.length)]);
      values.push(next(3) === 0 ? `x${v}y` : v);
    }
    const parsed = await parseHcl(values.map((v, i) => `v${i} = ${quote(v)}\n`).join(""));
    assert.equal(parsed.v0, "\u1ea4", "U+100C2 U+0301 parses as U+1EA4 (the quirk)");
    assert.ok(values.filter((v) => hclStringValue(v) !== v.normalize("NFC")).length > 100, "many cases exercise the quirk");
    values.forEach((v, i) => assert.equal(hclStringValue(v), parsed[`v${i}`], JSON.stringify(v)));
  });

  it("escapes quoted-string literals as specified", () => {
    for (const [input, escaped] of CASES) assert.equal(escapeString(input), escaped, JSON.stringify(input));
    assert.equal(quote('say "hi"'), '"say \\"hi\\""');
  });

  it("escaped literals parse back to the original value (hcl2json)", async () => {
    // v0..v14 form one alignment run, so names are padded to 3 columns.
    const text = CASES.map(([, escaped], i) => `${`v${i}`.padEnd(3)} = "${escaped}"\n`).join("");
    assert.equal(await formatHcl(text), text);
    const parsed = await parseHcl(text);
    CASES.forEach(([input, , json], i) => assert.equal(parsed[`v${i}`], json, JSON.stringify(input)));
  });

  it("object keys use a stricter escaper: only always-single-cluster characters stay literal", () => {
    assert.equal(quoteKey("Größe Ωδ Щ 中文 かな 한국 €"), '"Größe Ωδ Щ 中文 かな 한국 €"');
    assert.equal(quoteKey("e\u0301"), '"e\\u0301"'); // combining mark
    assert.equal(quoteKey("\u0000\u007f\n"), '"\\u0000\\u007f\\n"');
    assert.equal(quoteKey("a\u00a0b"), '"a\\u00a0b"'); // NBSP
    assert.equal(quoteKey("🚀"), '"\\U0001f680"');
    assert.equal(quoteKey("क"), '"\\u0915"'); // Devanagari: conjunct rules changed in Unicode 15.1
    assert.equal(quoteKey("${a}%{b}"), '"$${a}%%{b}"');
  });

  it("rejects lone surrogates (no UTF-8 encoding exists)", () => {
    assert.throws(() => escapeString("a\ud800b"), RangeError);
    assert.throws(() => escapeString("\udc00"), RangeError);
    assert.equal(escapeString("\ud83d\ude00"), "😀");
  });

  it("a `$` right before an interpolation is written as \\u0024", () => {
    assert.equal(escapeString("a$", { beforeInterpolation: true }), "a\\u0024");
    assert.equal(escapeString("a$$", { beforeInterpolation: true }), "a$\\u0024");
    assert.equal(escapeString("a%", { beforeInterpolation: true }), "a%");
  });

  it("template segments keep their boundaries (checked against the HCL expression AST)", async () => {
    const x = ref("var.x");
    const y = ref("var.y");
    // Without the \u0024 rule, "a$" + ${var.x} would print as "a$${var.x}": one literal string.
    const rows: [ReturnType<typeof template>, string, unknown][] = [
      [template("a$", x), '"a\\u0024${var.x}"', ["template", ["literalValue", "scopeTraversal"]]],
      [template("a%", x), '"a%${var.x}"', ["template", ["literalValue", "scopeTraversal"]]],
      [template("$${", x), '"$$${${var.x}"', ["template", ["literalValue", "scopeTraversal"]]],
      [template("x$", x, "$"), '"x\\u0024${var.x}$"', ["template", ["literalValue", "scopeTraversal", "literalValue"]]],
      [template(x, y), '"${var.x}${var.y}"', ["template", ["scopeTraversal", "scopeTraversal"]]],
      [template("${", x, "%{"), '"$${${var.x}%%{"', ["template", ["literalValue", "scopeTraversal", "literalValue"]]],
    ];
    for (const [expr, text, shape] of rows) {
      assert.equal(printExpr(expr), text);
      assert.deepEqual(await astShape(text), shape, text);
    }
    // hcl2json reports a template as its literal parts (decoded, `${`-escaped) and `${expr}`:
    const parsed = await parseHcl('a = "a%${var.x}"\nb = "$$${${var.x}"\nc = "$$${var.x}"\n');
    assert.deepEqual(parsed, { a: "a%${var.x}", b: "$$${${var.x}", c: "$$${var.x}" });
  });

  it("HCL normalises string values to NFC (so exact non-NFC text cannot be represented)", async () => {
    const parsed = await parseHcl(`a = "${escapeString("e\u0301")}"\nb = "e\\u0301"\n`);
    assert.equal(parsed.a, "\u00e9");
    assert.equal(parsed.b, "\u00e9");
  });

  it("isIdentifier follows the (ASCII) HCL identifier rule", () => {
    for (const ok of ["a", "_x", "a-b", "A9_", "for", "null", "x--"]) assert.ok(isIdentifier(ok), ok);
    for (const bad of ["", "9a", "-a", "a.b", "a b", "é", "a:b", "a\n", "${x}"]) assert.ok(!isIdentifier(bad), bad);
  });

  it("terraformName (the one rule for Terraform names) makes valid, deterministic identifiers", () => {
    assert.equal(terraformName("orders"), "orders");
    assert.equal(terraformName("my-table.v2"), "my_table_v2"); // `-` too: every address in the repo uses `_`
    assert.equal(terraformName("2024_orders"), "_2024_orders");
    assert.equal(terraformName(""), "_");
    assert.equal(terraformName("-x"), "_x");
    assert.equal(terraformName("tåble😀"), "t_ble__"); // one `_` per UTF-16 unit: an astral character gives two
    assert.equal(terraformName("Cost Center"), "Cost_Center");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => {
        const id = terraformName(s);
        assert.ok(isIdentifier(id));
        assert.equal(terraformName(id), id); // idempotent
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) assert.equal(id, s); // valid names are left alone
      }),
      { numRuns: 500 },
    );
  });
});
