// A deliberately small HCL syntax tree, in the spirit of hclwrite: callers build nodes with the
// helpers below and hand the tree to the one printer in print.ts. No other code in the project
// should glue HCL text together, so quoting and layout rules live in exactly one place.
//
// Names that must be identifiers (attribute names, block types, traversal parts, function and
// for-loop variable names) are validated when the node is built, so a bad name fails at the call
// site rather than as a confusing parse error in a generated file.

import { isIdentifier } from "./escape";

/** Marks nodes built by the helpers, so `toExpr` can tell an Expr from a plain JS object that
 * merely happens to have a `kind` key (e.g. a tag map `{ kind: "x" }`). */
const EXPR = Symbol.for("dynamodb-blueprints.hcl.expr");

export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";
export type UnaryOp = "!" | "-";

export type TraversalPart =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "index"; readonly key: number | string }
  | { readonly kind: "splat" };

/** Object constructor entry; `key` is any string (the printer quotes it when needed). */
export interface ObjectItem { readonly kind: "item"; readonly key: string; readonly value: Expr }

export type Expr = { readonly [EXPR]: true } & (
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: string } // canonical literal text, validated
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "list"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly items: readonly (ObjectItem | Comment | BlankLine)[] }
  | { readonly kind: "traversal"; readonly root: string; readonly parts: readonly TraversalPart[] }
  | { readonly kind: "template"; readonly parts: readonly (string | Expr)[] }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: "conditional"; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | {
      readonly kind: "for";
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly key?: Expr; // present => object form `{ for ... : key => value }`
      readonly value: Expr;
      readonly cond?: Expr;
      readonly grouped?: boolean; // `...` after the value (object form only)
    }
);

export interface Attribute { readonly kind: "attribute"; readonly name: string; readonly value: Expr }
export interface Block { readonly kind: "block"; readonly type: string; readonly labels: readonly string[]; readonly body: Body }
/** Free text; may span lines. Printed as `# ` lines, so no content can escape the comment. */
export interface Comment { readonly kind: "comment"; readonly text: string }
export interface BlankLine { readonly kind: "blank" }
export type BodyItem = Attribute | Block | Comment | BlankLine;
export type Body = readonly BodyItem[];

/** Plain JS data accepted wherever an Expr is expected (converted by `toExpr`). */
export type Value = Expr | string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };

function ident(what: string, s: string): string {
  if (!isIdentifier(s)) throw new Error(`HCL ${what} is not a valid identifier: ${JSON.stringify(s)}`);
  return s;
}

/** Marks a freshly built node literal as an Expr (in place: the helpers below own the literal).
 * Nodes are read-only by type; they are not frozen, since freezing tens of thousands of nodes per
 * emission showed in profiles and nothing mutates them. */
function mk<T extends object>(node: T): Expr {
  (node as { [EXPR]?: true })[EXPR] = true;
  return node as unknown as Expr;
}

export function isExpr(x: unknown): x is Expr {
  return typeof x === "object" && x !== null && (x as { [EXPR]?: unknown })[EXPR] === true;
}

// ---- literals -------------------------------------------------------------------------------

export const str = (value: string): Expr => mk({ kind: "string", value });
export const bool = (value: boolean): Expr => mk({ kind: "bool", value });
export const nul = (): Expr => mk({ kind: "null" });

// HCL number literal grammar (no sign: a minus is the unary operator, which we fold in here).
const NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** A number. Strings are accepted for values a JS double cannot hold exactly (e.g. big ints). */
export function num(value: number | string): Expr {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`HCL has no literal for ${value}`);
  if (!NUMBER_RE.test(text)) throw new Error(`not an HCL number literal: ${JSON.stringify(text)}`);
  return mk({ kind: "number", value: text });
}

// ---- collections ----------------------------------------------------------------------------

export const list = (...items: Value[]): Expr => mk({ kind: "list", items: items.map(toExpr) });

export const item = (key: string, value: Value): ObjectItem => ({ kind: "item", key, value: toExpr(value) });

/** Object/map constructor. Insertion order is kept (the printer does not sort). */
export function obj(entries: { readonly [key: string]: Value } | readonly (ObjectItem | Comment | BlankLine)[]): Expr {
  const items = Array.isArray(entries)
    ? [...(entries as readonly (ObjectItem | Comment | BlankLine)[])]
    : Object.entries(entries).map(([k, v]) => item(k, v));
  return mk({ kind: "object", items });
}

/** Converts plain JS data (strings, numbers, arrays, records) to an Expr; Exprs pass through. */
export function toExpr(v: Value): Expr {
  if (isExpr(v)) return v;
  if (v === null) return nul();
  if (typeof v === "string") return str(v);
  if (typeof v === "number") return num(v);
  if (typeof v === "boolean") return bool(v);
  if (Array.isArray(v)) return list(...(v as Value[]));
  return obj(v as { readonly [key: string]: Value });
}

// ---- references -----------------------------------------------------------------------------

export function traversal(root: string, ...parts: (string | number | TraversalPart)[]): Expr {
  const ps = parts.map((p): TraversalPart => {
    if (typeof p === "string") return { kind: "attr", name: ident("attribute name", p) };
    if (typeof p === "number") return { kind: "index", key: p };
    if (p.kind === "attr") ident("attribute name", p.name);
    return p;
  });
  for (const p of ps) {
    if (p.kind === "index" && typeof p.key === "number" && !(Number.isSafeInteger(p.key) && p.key >= 0))
      throw new Error(`HCL index must be a non-negative integer: ${p.key}`);
  }
  return mk({ kind: "traversal", root: ident("reference root", root), parts: ps });
}

export const index = (key: number | string): TraversalPart => ({ kind: "index", key });
export const splat = (): TraversalPart => ({ kind: "splat" });

/** Parses a dotted reference such as `aws_kms_key.prod.arn`, `var.x[0]`, `aws_x.y[*].id`.
 * Only identifiers, `[N]` and `[*]` are accepted; use `traversal` with `index("...")` for
 * string keys. A single identifier (`read_capacity`, `string`, `each`) is also a reference. */
export function ref(path: string): Expr {
  const tokens = path.match(/[^.[\]]+|\[[0-9]+\]|\[\*\]|\./g) ?? [];
  if (tokens.join("") !== path) throw new Error(`unsupported reference syntax: ${JSON.stringify(path)}`);
  const [root, ...rest] = tokens;
  const parts: TraversalPart[] = [];
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    if (t === ".") {
      const name = rest[++i];
      if (name === undefined || name === "." || name.startsWith("[")) throw new Error(`bad reference: ${path}`);
      parts.push({ kind: "attr", name: ident("attribute name", name) });
    } else if (t === "[*]") parts.push(splat());
    else if (t.startsWith("[")) parts.push(index(Number(t.slice(1, -1))));
    else throw new Error(`bad reference: ${path}`);
  }
  if (root === undefined || root === "." || root.startsWith("[")) throw new Error(`bad reference: ${path}`);
  return traversal(root, ...parts);
}

/** A bare identifier expression, e.g. a type keyword (`string`) or `read_capacity` in
 * `ignore_changes`. Literal keywords have their own nodes (`nul`, `bool`). */
export const raw = (name: string): Expr => traversal(name);

// ---- templates, calls, operators ------------------------------------------------------------

/** A quoted template: string parts are literal text, Expr parts become `${...}`. */
export const template = (...parts: (string | Expr)[]): Expr => mk({ kind: "template", parts });

/** Tagged-template sugar: tpl`table/${ref("aws_dynamodb_table.x.name")}`. */
export function tpl(strings: TemplateStringsArray, ...exprs: Expr[]): Expr {
  const parts: (string | Expr)[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    if (i < exprs.length) parts.push(exprs[i]);
  });
  return template(...parts);
}

/** Function call; `name` may be namespaced (`provider::aws::arn_parse`). */
export function call(name: string, ...args: Value[]): Expr {
  for (const seg of name.split("::")) ident("function name", seg);
  return mk({ kind: "call", name, args: args.map(toExpr) });
}

export const binary = (left: Value, op: BinaryOp, right: Value): Expr =>
  mk({ kind: "binary", op, left: toExpr(left), right: toExpr(right) });
export const and = (...xs: Value[]): Expr => xs.map(toExpr).reduce((a, b) => binary(a, "&&", b));
export const or = (...xs: Value[]): Expr => xs.map(toExpr).reduce((a, b) => binary(a, "||", b));
export const not = (x: Value): Expr => mk({ kind: "unary", op: "!", operand: toExpr(x) });
export const neg = (x: Value): Expr => mk({ kind: "unary", op: "-", operand: toExpr(x) });
export const cond = (c: Value, then: Value, otherwise: Value): Expr =>
  mk({ kind: "conditional", cond: toExpr(c), then: toExpr(then), else: toExpr(otherwise) });

export interface ForOptions { keyVar?: string; cond?: Value }
/** `[for v in coll : value]` (or `[for k, v in ...]` with opts.keyVar). */
export function forList(valueVar: string, collection: Value, value: Value, opts: ForOptions = {}): Expr {
  if (opts.keyVar !== undefined) ident("for variable", opts.keyVar);
  return mk({
    kind: "for", keyVar: opts.keyVar, valueVar: ident("for variable", valueVar), collection: toExpr(collection),
    value: toExpr(value), cond: opts.cond === undefined ? undefined : toExpr(opts.cond),
  });
}
/** `{ for k, v in coll : key => value }`; `grouped` adds `...`. */
export function forObject(
  valueVar: string, collection: Value, key: Value, value: Value, opts: ForOptions & { grouped?: boolean } = {},
): Expr {
  if (opts.keyVar !== undefined) ident("for variable", opts.keyVar);
  return mk({
    kind: "for", keyVar: opts.keyVar, valueVar: ident("for variable", valueVar), collection: toExpr(collection),
    key: toExpr(key), value: toExpr(value), cond: opts.cond === undefined ? undefined : toExpr(opts.cond),
    grouped: opts.grouped,
  });
}

// ---- body items -----------------------------------------------------------------------------

export const attr = (name: string, value: Value): Attribute => ({ kind: "attribute", name: ident("attribute name", name), value: toExpr(value) });
export const block = (type: string, labels: readonly string[], body: Body): Block =>
  ({ kind: "block", type: ident("block type", type), labels: [...labels], body: [...body] });
export const comment = (text: string): Comment => ({ kind: "comment", text });
const BLANK_LINE: BlankLine = Object.freeze({ kind: "blank" });
/** A blank line (one shared node: it has no content). */
export const blank = (): BlankLine => BLANK_LINE;
