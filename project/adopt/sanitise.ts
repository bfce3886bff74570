/**
 * The two ways text from outside (API responses, state files) may appear in what adopt writes or
 * prints, other than as a string literal through the language's own escaper (JSON.stringify for
 * TypeScript, hcl/escape.ts for HCL):
 *
 * - `oneLine`: inside a `//` comment, a `/* *\/` comment, or a line printed to the terminal. A line
 *   terminator ends a `//` comment, and ECMAScript counts LF, CR, U+2028 and U+2029 as line
 *   terminators (ECMA-262 "Line Terminators", https://tc39.es/ecma262/#sec-line-terminators), so the
 *   rest of the text would be code that runs on `pulumi up`. `*\/` ends a block comment. ESC and the
 *   C1 controls (U+009B is a one-character CSI) drive a terminal. Bidirectional overrides reorder
 *   what a reader sees (CVE-2021-42574, "Trojan Source"). All of them become U+FFFD here.
 * - `identifier`: a TypeScript variable name, made of ASCII letters and digits only, so it can never
 *   be a keyword-shaped trick, a `__proto__`, or carry anything but a name.
 *
 * `componentName` is the Pulumi logical name adopt derives from a table or resource name: it is only
 * ever written as a string literal, but it is also shown in comments and URNs, so it keeps the
 * characters a component name normally has and replaces the rest.
 */

/** Line terminators (ECMAScript's four), other C0/C1 controls, DEL, bidi controls, lone surrogates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** At most this many characters of outside text in one comment or printed line. */
export const MAX_ONE_LINE = 300;

/** Outside text as one inert line: safe inside `//` and block comments and on a terminal. */
export function oneLine(text: unknown, max = MAX_ONE_LINE): string {
  const s = typeof text === "string" ? text : String(text);
  const clean = s.replace(UNSAFE, "\ufffd").replace(/\*\//g, "*\u2215");
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max).join("")}… (${chars.length} characters)`;
}

/** Words of ASCII letters and digits -> lowerCamelCase; never empty, never starts with a digit. */
function camel(name: string, fallback: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join("") || fallback;
  if (/^\d/.test(base)) base = `t${base}`;
  return base;
}

/** Reserved words a variable may not be (ECMAScript reserved words and strict-mode ones). */
const RESERVED = new Set(("break case catch class const continue debugger default delete do else enum export extends false finally for function " +
  "if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface " +
  "package private protected public await arguments eval undefined").split(" "));

/** `orders-prod` -> `ordersProd`: a fresh TypeScript identifier (ASCII only) not in `taken`, which it joins. */
export function identifier(name: string, taken: Set<string>, fallback = "table"): string {
  let base = camel(name, fallback);
  if (RESERVED.has(base)) base = `${base}Table`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

/** A Pulumi component name from a table or Terraform resource name: `_` -> `-`, any other character
 * outside a table name's alphabet (letters, digits, `.`, `-`) -> `-`. */
export function componentName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9.-]/g, "-");
  return /[A-Za-z0-9]/.test(cleaned) ? cleaned.slice(0, 255) : "table";
}

/** Characters a string literal must escape to stay inert on a terminal and to a reader: C1 controls and
 * DEL, line/paragraph separators, bidi controls, BOM. JSON.stringify leaves them raw. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/g;
const uEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** A TypeScript (and JSON) string literal of `s`: JSON.stringify, plus \u escapes for RAW_IN_JSON. */
export function stringLiteral(s: string): string {
  return JSON.stringify(s).replace(RAW_IN_JSON, uEscape);
}

/** JSON text with the same escapes (same value when parsed): adopt --json output. */
export const inertJson = (json: string) => json.replace(RAW_IN_JSON, uEscape);

/** Multi-line text for the terminal: each line through oneLine's character rule (no length cap, `*\/` kept). */
export function terminalText(text: string): string {
  return text.split("\n").map((line) => line.replace(UNSAFE, "\ufffd")).join("\n");
}
