// The round-trip property shared by property.test.ts and its worker threads: arbitrary user
// text (values, object keys, block labels, names, comments, template literals) printed by
// hcl/print must parse back to exactly that text with HashiCorp's parser, must be a fixed point
// of hclwrite.Format, and must never create structure of its own.
//
// Each run prints one small file holding every kind of case at once, so a run costs one parse
// and one format (plus one expression-AST call in the rare ambiguous template case).

import { strict as assert } from "assert";
import fc from "fast-check";
import * as h from "../../hcl";
import { terraformName } from "../../model/resources";
import { hclStringValue } from "./string-value";
import { AstNode, astShape, expressionAst as hcl2jsonAst, formatHcl, parseHcl, unescapeJsonString } from "./tools";

// Characters and sequences that matter to HCL's scanner, mixed with arbitrary Unicode.
const tricky = fc.constantFrom(
  "$", "%", "{", "}", "${", "%{", "$${", "%%{", "~", "\\", '"', "\n", "\r", "\r\n", "\t", "\u0000", "\u001b",
  "\u007f", "\u0085", "\u2028", "\u2029", "\u200d", "\ufeff", "\u202e", "\u00a0", "é", "e", "\u0301", "😀", "中",
  " ", "#", "//", "/*", "*/", "<<EOT", "=", ":", ".", "a", "Z", "_", "-", "0",
);
const text = fc.oneof(
  { arbitrary: fc.string({ unit: tricky, maxLength: 10 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 10 }), weight: 2 }, // any code point
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }), weight: 1 }, // real-world clusters
);

// References used inside templates (all plain scope traversals).
const REFS = ["var.a", "aws_dynamodb_table.x.name", "each.value.name", "var.m[0]", "data.aws_region.current.region"];
const FIXED_NAMES = new Set(["tags", "tpl", "list"]);

export const caseArb = fc.record({
  comments: fc.tuple(text, text, text),
  labels: fc.tuple(text, text),
  attrs: fc.uniqueArray(fc.tuple(fc.oneof(text.map(terraformName), fc.tuple(text, text).map(([a, b]) => `${terraformName(a)}-${terraformName(b)}`)), text), { maxLength: 3, selector: ([n]) => n })
    .map((xs) => xs.filter(([n]) => !FIXED_NAMES.has(n))),
  tags: fc.uniqueArray(fc.tuple(text, text), { maxLength: 4, selector: ([k]) => hclStringValue(k) }),
  tagCommentAt: fc.nat(4),
  tpl: fc.array(fc.oneof(text, fc.constantFrom(...REFS.map((_, i) => i))), { maxLength: 4 }),
  list: fc.array(text, { maxLength: 2 }),
});
export type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

// What HCL makes of a string value: NFC, with the parser's composition quirk for supplementary-plane
// characters (checked against the parser itself in escape.test.ts).
const nfc = (s: string) => hclStringValue(s);

/** hcl2json's answer for a template: literal parts decoded, NFC'd and `${`-escaped, and
 * `${<source>}` for each interpolation. Adjacent literals are one literal token. */
function merged(parts: (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  return out;
}
// (Replacement functions, not strings: in a replacement string `$$` means a single `$`.)
const escapeJson = (s: string) => s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");

/** Undo hcl2json's JSON-syntax escaping in every string and object key below a block body. */
function unescapeDeep(v: unknown): unknown {
  if (typeof v === "string") return unescapeJsonString(v);
  if (Array.isArray(v)) return v.map(unescapeDeep);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [unescapeJsonString(k), unescapeDeep(x)]));
  }
  return v;
}

function build(c: Case): { body: h.Body; tpl: h.Expr } {
  const items: (h.ObjectItem | h.Comment)[] = c.tags.map(([k, v]) => h.item(k, v));
  items.splice(Math.min(c.tagCommentAt, items.length), 0, h.comment(c.comments[2]));
  const tpl = h.template(...c.tpl.map((p) => (typeof p === "number" ? h.ref(REFS[p]) : p)));
  const body: h.Body = [
    h.comment(c.comments[0]),
    h.block("resource", c.labels, [
      ...c.attrs.map(([n, v]) => h.attr(n, v)),
      h.comment(c.comments[1]),
      h.attr("tags", h.obj(items)),
      h.attr("tpl", tpl),
      h.attr("list", h.list(...c.list)),
    ]),
  ];
  return { body, tpl };
}

export async function checkCase(c: Case): Promise<void> {
  const { body, tpl } = build(c);
  const printed = h.printFile(body);
  const where = `\n--- printed ---\n${printed}`;

  // 1. Fixed point of hclwrite.Format.
  assert.equal(await formatHcl(printed), printed, `not a format() fixed point${where}`);

  // 2. Comments stay comments: exactly one `#` line per line of comment text, and they add
  //    nothing to the parsed structure (checked by the deepEqual below).
  const commentLines = c.comments.reduce((n, t) => n + t.split(/\r\n|[\r\n\u2028\u2029]/).length, 0);
  assert.equal(printed.split("\n").filter((l) => /^\s*#/.test(l)).length, commentLines, `comment lines${where}`);

  // 3. The parse equals the input, key sets included: nothing extra, nothing lost.
  const parsed = await parseHcl(printed);
  const parts = merged(c.tpl);
  const expectedTpl = parts.map((p) => (typeof p === "string" ? escapeJson(nfc(p)) : "${" + REFS[p] + "}")).join("");
  // Block labels come back raw and are NOT normalised (HCL parses them as plain quoted literals,
  // not templates); string values and object keys come back NFC'd and in JSON escaping.
  const [l1, l2] = c.labels;
  assert.deepEqual(Object.keys(parsed), ["resource"], `top level${where}`);
  assert.deepEqual(Object.keys(parsed.resource), [l1], `first label${where}`);
  assert.deepEqual(Object.keys(parsed.resource[l1]), [l2], `second label${where}`);
  assert.equal(parsed.resource[l1][l2].length, 1, `one block${where}`);
  const { tpl: gotTpl, ...rest } = parsed.resource[l1][l2][0];
  assert.equal(gotTpl, expectedTpl, `template value${where}`);
  assert.deepEqual(
    unescapeDeep(rest),
    {
      ...Object.fromEntries(c.attrs.map(([n, v]) => [n, nfc(v)])),
      tags: Object.fromEntries(c.tags.map(([k, v]) => [nfc(k), nfc(v)])),
      list: c.list.map(nfc),
    },
    `parsed structure${where}`,
  );

  // 4. Template part boundaries, from the expression AST. hcl2json's value is ambiguous in one
  //    case only: literal "x${var.a}" and literal "x$" followed by ${var.a} both come back as
  //    "x$${var.a}". The AST call costs ~0.5 ms, so it is made just for that case.
  const ambiguous = parts.some((p, i) => typeof p === "string" && p.endsWith("$") && typeof parts[i + 1] === "number");
  if (ambiguous) {
    const shape = ["template", parts.map((p) => (typeof p === "string" ? "literalValue" : "scopeTraversal"))];
    assert.deepEqual(await astShape(h.printExpr(tpl)), shape, `template parts${where}`);
  }
}

/** Runs the property; `seed`/`path` replay a reported failure exactly. */
export async function runProperty(numRuns: number, seed?: number, path?: string): Promise<void> {
  await parseHcl("x = 1\n"); // instantiate both WASM modules before the clock matters
  await formatHcl("x = 1\n");
  await fc.assert(fc.asyncProperty(caseArb, checkCase), { numRuns, seed, path });
}

// ---- operator structure -------------------------------------------------------------------
// Random expression trees: the printer's parentheses must make HCL parse exactly our tree
// (compared as AST node types, with HCL's parenthesis nodes dropped), and the attribute form
// must be a format() fixed point.

const BIN_OPS: h.BinaryOp[] = ["||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"];
const leaf = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((n) => h.num(n)),
  fc.boolean().map(h.bool),
  fc.constant(h.nul()),
  fc.constantFrom(...REFS).map(h.ref),
  fc.string({ maxLength: 3 }).map(h.str),
);
export const exprArb: fc.Arbitrary<h.Expr> = fc.letrec<{ e: h.Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("e"), fc.constantFrom(...BIN_OPS), tie("e")).map(([l, op, r]) => h.binary(l, op, r)),
    fc.tuple(fc.constantFrom(h.not, h.neg), tie("e")).map(([f, x]) => f(x)),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, t, e]) => h.cond(c, t, e)),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => h.call("f", ...xs)),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => h.list(...xs)),
  ),
})).e;

type Shape = string | [string, Shape[]];
function expectedShape(e: h.Expr): Shape {
  const node = (t: string, xs: h.Expr[]): Shape => (xs.length ? [t, xs.map(expectedShape)] : t);
  switch (e.kind) {
    case "number": return e.value.startsWith("-") ? ["unaryOp", ["literalValue"]] : "literalValue";
    case "bool": case "null": return "literalValue";
    case "string": return ["template", ["literalValue"]];
    case "traversal": return "scopeTraversal";
    case "binary": return node("binaryOp", [e.left, e.right]);
    case "unary": return node("unaryOp", [e.operand]);
    case "conditional": return node("conditional", [e.cond, e.then, e.else]);
    case "call": return node("function", [...e.args]);
    case "list": return node("tuple", [...e.items]);
    default: throw new Error(`not generated: ${e.kind}`);
  }
}

export async function checkExpr(e: h.Expr): Promise<void> {
  const flat = h.printExpr(e, { flat: true });
  const file = h.printFile([h.attr("x", e)]);
  assert.equal(await formatHcl(file), file, "not a format() fixed point");
  const ast = await hcl2jsonAst(`"\${${flat}}"`);
  const strip = (n: AstNode): Shape => {
    if (n.type === "" && n.children?.length === 1) return strip(n.children[0]); // ( ... )
    return n.children?.length ? [n.type, n.children.map(strip)] : n.type;
  };
  assert.equal(ast?.type, "templateWrap", flat);
  assert.deepEqual(strip(ast!.children![0]), expectedShape(e), flat);
}
