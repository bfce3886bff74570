// The one HCL printer. Output is meant to be a fixed point of `terraform fmt` (hclwrite.Format
// plus Terraform's own rewrites); the layout rules below were checked against hclwrite.Format
// (`format()` from @cdktf/hcl-tools):
//  - 2-space indent per nesting level; a line that opens brackets indents the following lines by
//    one level however many it opens (hclwrite counts per line), so every multi-line construct
//    here opens on one line and closes on a line that starts with its closer.
//  - `=` of consecutive single-line attributes / object items is aligned. A run is ended by a
//    blank line, a comment line, a block header or closing brace, and by an attribute whose value
//    spans lines (that attribute is not padded either). Width is counted in grapheme clusters,
//    per token, with Unicode 15.0 data: `"中文"` is 4, and a raw combining mark after the opening
//    quote still counts 1 (the quote is its own token). See `quoteKey` for how keys stay exact.
//  - hclwrite keeps `{}` and `{\n}` for empty blocks alike; we print `name {\n}`, the form
//    hclwrite itself emits for a new empty block. Empty collections are `[]` / `{}`.
//  - Terraform fmt also unwraps interpolation-only templates ("${var.x}" -> var.x); we do too.

import type { BlankLine, Block, Body, BodyItem, Comment, Expr, ObjectItem } from "./ast";
import { escapeString, isBareObjectKey, quote, quoteKey } from "./escape";

const INDENT = "  ";
const BEFORE_INTERPOLATION = Object.freeze({ beforeInterpolation: true });
const LAST_PART = Object.freeze({ beforeInterpolation: false });
/** A list whose one-line form is longer than this is printed one element per line. */
const MAX_INLINE_LIST = 80;

/** One expression as HCL source. Multi-line values are laid out for nesting depth `depth`;
 * `flat` forces a single line (objects as `{ a = 1 }`), e.g. for use inside `"${...}"`. */
export function printExpr(e: Expr, opts: { depth?: number; flat?: boolean } = {}): string {
  return render(e, opts.depth ?? 0, opts.flat ?? false);
}

// ---- bodies ---------------------------------------------------------------------------------

const PADS: string[] = [""];
/** INDENT repeated `depth` times (cached: every line of every body asks for one). */
function pad(depth: number): string {
  while (PADS.length <= depth) PADS.push(PADS[PADS.length - 1] + INDENT);
  return PADS[depth];
}
const SPACES: string[] = [""];
function spaces(n: number): string {
  while (SPACES.length <= n) SPACES.push(SPACES[SPACES.length - 1] + " ");
  return SPACES[n];
}

/**
 * Aligns `=` over runs of consecutive single-line assignments (see the rules at the top) while the
 * lines are written: an assignment waits in the run until something ends the run (`flush`).
 */
class Aligner {
  /** The waiting assignments, lead and value alternating (one array: every body has a run). */
  private readonly pending: string[] = [];
  constructor(private readonly out: string[], private readonly indent: string) {}
  /** An assignment; a multi-line value ends the run and is not padded. */
  assign(lead: string, value: string): void {
    if (value.includes("\n")) {
      this.flush();
      this.out.push(`${this.indent}${lead} = ${value}`);
    } else {
      this.pending.push(lead, value);
    }
  }
  flush(): void {
    const n = this.pending.length;
    if (n === 0) return;
    let width = 0;
    for (let i = 0; i < n; i += 2) width = Math.max(width, columns(this.pending[i]));
    for (let i = 0; i < n; i += 2) {
      const lead = this.pending[i];
      this.out.push(`${this.indent}${lead}${spaces(width - columns(lead))} = ${this.pending[i + 1]}`);
    }
    this.pending.length = 0;
  }
}

/**
 * Writes a body's lines, item by item (a file is written as its items arrive: hcl/file-writer.ts).
 * Blank lines are made canonical on the way (none leading or trailing, never two in a row): a blank
 * is only written once something follows it.
 */
export class BodyWriter {
  private readonly run: Aligner;
  /** Attribute names so far (a body has a few: a list is cheaper than a set). */
  private readonly names: string[] = [];
  private kept = false;
  private blank = false;
  constructor(private readonly out: string[], private readonly depth: number) {
    this.run = new Aligner(out, pad(depth));
  }
  item(it: BodyItem): void {
    if (it.kind === "blank") {
      this.blank = this.kept;
      return;
    }
    if (this.blank) {
      this.run.flush();
      this.out.push("");
      this.blank = false;
    }
    this.kept = true;
    switch (it.kind) {
      case "attribute":
        if (this.names.includes(it.name)) throw new Error(`duplicate attribute ${JSON.stringify(it.name)} in one body`);
        this.names.push(it.name);
        this.run.assign(it.name, render(it.value, this.depth, false));
        break;
      case "block":
        this.run.flush();
        printBlock(this.out, it, this.depth);
        break;
      case "comment":
        this.run.flush();
        pushCommentLines(this.out, it.text, this.depth);
        break;
    }
  }
  /** Writes what the last alignment run still holds. */
  end(): void {
    this.run.flush();
  }
}

function printBody(out: string[], items: Body, depth: number): void {
  const writer = new BodyWriter(out, depth);
  for (const it of items) writer.item(it);
  writer.end();
}

function printBlock(out: string[], b: Block, depth: number): void {
  let header = b.type;
  for (const l of b.labels) header += ` ${quote(l)}`;
  out.push(`${pad(depth)}${header} {`);
  printBody(out, b.body, depth + 1);
  out.push(`${pad(depth)}}`);
}

/** Control characters (C0 but tab and line breaks, DEL, C1) and lone surrogates: never written into a comment. */
const UNSAFE_IN_COMMENT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PLAIN_COMMENT = /^[\u0020-\u007e]*$/;
let lastComment: { text: string; depth: number; lines: string[] } | undefined;

/** Comment text as `# ` lines. Any line break (CR, LF, CRLF, U+2028/2029) starts a new `#` line,
 * so text can never leave the comment; other control characters and lone surrogates become
 * U+FFFD (HCL would accept most of them, but they only ever garble a terminal). */
export function pushCommentLines(out: string[], text: string, depth: number): void {
  // Every file starts with the same header: its lines are worked out once.
  if (lastComment?.text !== text || lastComment.depth !== depth) {
    const indent = pad(depth);
    const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).map((line) => {
      const clean = (PLAIN_COMMENT.test(line) ? line : line.replace(UNSAFE_IN_COMMENT, "\ufffd")).trimEnd();
      return clean === "" ? `${indent}#` : `${indent}# ${clean}`;
    });
    lastComment = { text, depth, lines };
  }
  for (const line of lastComment.lines) out.push(line);
}

/** Width of an alignment lead as hclwrite counts it (grapheme clusters). Attribute names and
 * bare keys are ASCII; quoted keys come from `quoteKey`, whose every code point is a cluster of
 * its own in any Unicode version, so counting code points is exact. */
function columns(lead: string): number {
  if (ASCII.test(lead)) return lead.length; // every attribute name and bare key
  let n = lead.length;
  // A surrogate pair is one code point in two UTF-16 units.
  for (let i = 1; i < lead.length; i++) {
    if ((lead.charCodeAt(i) & 0xfc00) === 0xdc00 && (lead.charCodeAt(i - 1) & 0xfc00) === 0xd800) n--;
  }
  return n;
}

// ---- expressions ----------------------------------------------------------------------------

// Binding strength, loosest first, per the HCL spec's operator precedence table.
const PREC: Record<string, number> = {
  "?:": 0, "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
  "+": 5, "-": 5, "*": 6, "/": 6, "%": 6, unary: 7, primary: 8,
};

function prec(e: Expr): number {
  const s = simplify(e);
  switch (s.kind) {
    case "conditional": return PREC["?:"];
    case "binary": return PREC[s.op];
    case "unary": return PREC.unary;
    case "number": return s.value.startsWith("-") ? PREC.unary : PREC.primary;
    default: return PREC.primary;
  }
}

/** Template normalisation: merge adjacent literals, drop empty ones, and unwrap a template that
 * is a single interpolation (terraform fmt does the same, so we must to be its fixed point). */
function simplify(e: Expr): Expr {
  if (e.kind !== "template") return e;
  // Already simple (no empty or adjacent literals, not a lone interpolation): the common case, no copy.
  let simple = !(e.parts.length === 1 && typeof e.parts[0] !== "string");
  for (let i = 0; simple && i < e.parts.length; i++) {
    const p = e.parts[i];
    if (p === "" || (typeof p === "string" && typeof e.parts[i - 1] === "string")) simple = false;
  }
  if (simple) return e;
  const parts: (string | Expr)[] = [];
  for (const p of e.parts) {
    const last = parts[parts.length - 1];
    if (typeof p === "string" && typeof last === "string") parts[parts.length - 1] = last + p;
    else if (p !== "") parts.push(p);
  }
  if (parts.length === 1 && typeof parts[0] !== "string") return simplify(parts[0]);
  return parts.length === e.parts.length && parts.every((p, i) => p === e.parts[i]) ? e : { ...e, parts };
}

/** Operand of an operator: parenthesised when it binds more loosely than the context allows. */
function operand(e: Expr, minPrec: number): string {
  const s = render(e, 0, true);
  return prec(e) < minPrec ? `(${s})` : s;
}

/** Renders `e` whose first line continues a line at nesting `depth`. `flat` forbids newlines
 * (inside operators, templates, for-expressions), where objects use the `{ a = 1 }` form. */
function render(e0: Expr, depth: number, flat: boolean): string {
  const e = simplify(e0);
  switch (e.kind) {
    case "string": return quote(e.value);
    case "number": return e.value;
    case "bool": return String(e.value);
    case "null": return "null";
    case "traversal": {
      let out = e.root;
      for (const p of e.parts) out += p.kind === "attr" ? `.${p.name}` : p.kind === "splat" ? "[*]" : `[${typeof p.key === "number" ? p.key : quote(p.key)}]`;
      return out;
    }
    case "template": {
      let out = '"';
      for (let i = 0; i < e.parts.length; i++) {
        const p = e.parts[i];
        out += typeof p === "string" ? escapeString(p, i + 1 < e.parts.length ? BEFORE_INTERPOLATION : LAST_PART) : "${" + render(p, 0, true) + "}";
      }
      return out + '"';
    }
    case "list": return renderList(e.items, depth, flat);
    case "object": return renderObject(e.items, depth, flat);
    case "call": return renderCall(e.name, e.args, depth, flat);
    case "unary": {
      // `--x` / `!-x` would be ambiguous to the reader (and `--` to some lexers): parenthesise.
      const inner = operand(e.operand, PREC.unary);
      return e.op + (prec(e.operand) === PREC.unary && !inner.startsWith("(") ? `(${inner})` : inner);
    }
    case "binary":
      return `${operand(e.left, PREC[e.op])} ${e.op} ${operand(e.right, PREC[e.op] + 1)}`;
    case "conditional":
      return `${operand(e.cond, 1)} ? ${operand(e.then, 1)} : ${operand(e.else, 0)}`;
    case "for": {
      // Conditionals are parenthesised inside `for` so their `:` can't be confused with the for's.
      const vars = e.keyVar === undefined ? e.valueVar : `${e.keyVar}, ${e.valueVar}`;
      const head = `for ${vars} in ${operand(e.collection, 1)} : `;
      const tail = (e.cond === undefined ? "" : ` if ${operand(e.cond, 1)}`);
      if (e.key === undefined) return `[${head}${operand(e.value, 1)}${tail}]`;
      // hclwrite puts spaces inside the braces of an object `for`.
      return `{ ${head}${operand(e.key, 1)} => ${operand(e.value, 1)}${e.grouped ? "..." : ""}${tail} }`;
    }
  }
}

function renderList(items: readonly Expr[], depth: number, flat: boolean): string {
  // Rendered once, at the depth a multi-line list gives its items: a single-line rendering does not
  // depend on the depth (only line breaks are indented), so the one-line form reads the same strings.
  const inline: string[] = [];
  let multiLine = false;
  let width = 2 + Math.max(0, 2 * (items.length - 1)); // brackets and ", " separators
  for (const x of items) {
    const s = render(x, flat ? depth : depth + 1, flat);
    if (!flat && s.includes("\n")) multiLine = true;
    width += s.length;
    inline.push(s);
  }
  if (flat || (!multiLine && width <= MAX_INLINE_LIST)) return `[${inline.join(", ")}]`;
  const indent = pad(depth + 1);
  let out = "[\n";
  for (const s of inline) out += `${indent}${s},\n`;
  return out + pad(depth) + "]";
}

function objectKey(k: string): string {
  return isBareObjectKey(k) ? k : quoteKey(k);
}

/** ASCII text is its own NFC form (no normalisation needed to compare it as HCL will). */
const ASCII = /^[\u0000-\u007f]*$/;

function renderObject(items: readonly (ObjectItem | Comment | BlankLine)[], depth: number, flat: boolean): string {
  // HCL rejects duplicate keys; keys are compared as HCL will see them (after NFC).
  let entries = 0;
  let comments = 0;
  // Most objects have a few keys, compared in a list; a set only for large ones (a big map stays linear).
  const seen: string[] = [];
  let seenSet: Set<string> | undefined;
  for (const it of items) {
    if (it.kind === "comment") comments++;
    if (it.kind !== "item") continue;
    entries++;
    const k = ASCII.test(it.key) ? it.key : it.key.normalize("NFC");
    if (seenSet ? seenSet.has(k) : seen.includes(k)) throw new Error(`duplicate object key ${JSON.stringify(it.key)}`);
    if (seenSet) seenSet.add(k);
    else if (seen.push(k) > 16) seenSet = new Set(seen);
  }
  if (entries === 0 && comments === 0) return "{}";
  if (flat) {
    if (comments > 0) throw new Error("an object with comments cannot be printed inside an expression");
    const parts: string[] = [];
    for (const it of items) if (it.kind === "item") parts.push(`${objectKey(it.key)} = ${render(it.value, 0, true)}`);
    return `{ ${parts.join(", ")} }`;
  }
  const lines: string[] = [];
  const run = new Aligner(lines, pad(depth + 1));
  let kept = false;
  let blank = false;
  for (const it of items) {
    if (it.kind === "blank") {
      blank = kept;
      continue;
    }
    if (blank) {
      run.flush();
      lines.push("");
      blank = false;
    }
    kept = true;
    if (it.kind === "item") run.assign(objectKey(it.key), render(it.value, depth + 1, false));
    else {
      run.flush();
      pushCommentLines(lines, it.text, depth + 1);
    }
  }
  run.flush();
  return "{\n" + lines.join("\n") + "\n" + pad(depth) + "}";
}

/** `f(a, b)`; `f(a, {` ... `})` when only the last argument spans lines (the common
 * `jsonencode({...})` / `merge(x, {...})` shape); otherwise one argument per line. */
function renderCall(name: string, args: readonly Expr[], depth: number, flat: boolean): string {
  const inline = args.map((a) => render(a, depth, flat));
  let multiBeforeLast = false;
  for (let i = 0; i < inline.length - 1; i++) if (inline[i].includes("\n")) multiBeforeLast = true;
  if (!multiBeforeLast) return `${name}(${inline.join(", ")})`;
  const indent = pad(depth + 1);
  return `${name}(\n` + args.map((a) => `${indent}${render(a, depth + 1, false)},\n`).join("") + pad(depth) + ")";
}
