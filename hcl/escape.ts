// The single escaper for HCL quoted strings, plus identifier rules. Everything the printer puts
// between double quotes (string values, template literal segments, object keys, block labels)
// goes through `escapeString`, mirroring hclwrite's escapeQuotedStringLit.
//
// HCL quoted-string rules (hclsyntax spec): the only escapes are \n \r \t \" \\ \uNNNN \UNNNNNNNN;
// raw newlines are not allowed; `${` starts an interpolation and `%{` a directive, written
// literally as `$${` and `%%{`. Note that HCL normalises string *expressions* (values, object
// keys, template literals) to Unicode NFC after decoding, so a value that is not in NFC cannot be
// represented exactly (tests/hcl/string-value.ts models what the parser makes of a value, and
// escape.test.ts checks that model against HashiCorp's parser); block labels are not normalised.

/** Code points written as \u/\U escapes: anything Go's unicode.IsPrint rejects (controls,
 * format chars such as bidi overrides and U+200D, separators other than the ASCII space,
 * private use, unassigned). Escaping a character never changes the decoded value, so the exact
 * Unicode version of this table only affects readability, never correctness. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** Printable ASCII but `"` and `\\`: every character of it is its own escape. */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

/** Non-ASCII characters an object key may keep literally (see `quoteKey`): letters, digits,
 * punctuation and symbols from long-assigned blocks (Latin, Greek, Cyrillic, punctuation,
 * currency, letterlike, CJK punctuation, kana, CJK ideographs, Hangul syllables, fullwidth
 * forms) whose grapheme-break property is "Other" in every Unicode version. */
const KEY_SAFE_BLOCKS = /^[\u00a1-\u024f\u0370-\u04ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u3001-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff5e]$/u;
const KEY_SAFE_CATEGORY = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/** Escapes one literal segment of a quoted string (no surrounding quotes).
 * `keySafe`: the stricter policy for object keys, see `quoteKey`.
 * `beforeInterpolation`: the segment is followed directly by `${...}` in a template. A trailing
 * `$` would then read as the escape `$${` (turning the interpolation into literal text), so it is
 * written as `\u0024` instead. Throws on lone UTF-16 surrogates, which have no UTF-8 encoding. */
/** Printable ASCII other than `"`, `\\`, `$` and `%`: literal under both policies, whatever follows. */
const isPlainUnit = (c: number) => c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c && c !== 0x24 && c !== 0x25;

const NO_OPTIONS: { beforeInterpolation?: boolean; keySafe?: boolean } = Object.freeze({});
const KEY_OPTIONS = Object.freeze({ keySafe: true });

export function escapeString(s: string, opts: { beforeInterpolation?: boolean; keySafe?: boolean } = NO_OPTIONS): string {
  // Printable ASCII without `"` or `\\` is written as it is (under both policies), unless it holds a
  // `${` / `%{` or ends in a `$` before an interpolation: the common case, decided without a loop.
  if (PLAIN.test(s) && !(s.includes("{") && /[$%]\{/.test(s)) && !(opts.beforeInterpolation && s.endsWith("$"))) return s;
  let out = "";
  const n = s.length;
  let i = 0;
  while (i < n) {
    // A run of printable ASCII other than `"`, `\\`, `$` and `%` is copied as it is.
    let j = i;
    while (j < n && isPlainUnit(s.charCodeAt(j))) j++;
    if (j > i) {
      out += s.slice(i, j);
      i = j;
      continue;
    }
    // One code point (a surrogate pair stays whole).
    const unit = s.charCodeAt(i);
    const low = unit >= 0xd800 && unit <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
    const width = low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    const cp = width === 2 ? s.codePointAt(i)! : unit;
    const ch = width === 2 ? s.slice(i, i + 2) : s[i];
    i += width;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new RangeError(`lone surrogate U+${hex(cp, 4).toUpperCase()} cannot be written to an HCL file`);
    }
    switch (ch) {
      case "\\": out += "\\\\"; continue;
      case '"': out += '\\"'; continue;
      case "\n": out += "\\n"; continue;
      case "\r": out += "\\r"; continue;
      case "\t": out += "\\t"; continue;
      case "$":
      case "%":
        if (s[i] === "{") out += ch + ch; // `${` -> `$${`, `%{` -> `%%{`
        else if (ch === "$" && i === n && opts.beforeInterpolation) out += "\\u0024";
        else out += ch;
        continue;
    }
    const literal = opts.keySafe
      ? (cp >= 0x20 && cp < 0x7f) || (KEY_SAFE_BLOCKS.test(ch) && KEY_SAFE_CATEGORY.test(ch))
      : PRINTABLE.test(ch);
    if (literal) out += ch;
    else out += cp > 0xffff ? `\\U${hex(cp, 8)}` : `\\u${hex(cp, 4)}`;
  }
  return out;
}

/** A complete quoted string literal: `"` + escaped + `"`. */
export function quote(s: string): string {
  return `"${escapeString(s)}"`;
}

/** A quoted object key. hclwrite aligns `=` by counting grapheme clusters of each token with
 * Unicode 15.0 tables (go-textseg v15), while Node's Intl.Segmenter follows its own, newer ICU
 * (Unicode 17 here): they disagree on e.g. Devanagari conjuncts (rule GB9c, Unicode 15.1) and on
 * marks assigned after 15.0. Keys therefore keep only characters that are one cluster on their
 * own in any version (`KEY_SAFE_BLOCKS`) and escape the rest (marks, emoji, ZWJ, jamo...), so a
 * key's width is simply its number of code points. Values are not aligned and stay readable. */
export function quoteKey(s: string): string {
  return `"${escapeString(s, KEY_OPTIONS)}"`;
}

/** HCL identifier, restricted to ASCII: a letter or `_`, then letters, digits, `_` or `-`.
 * (HCL itself also allows Unicode ID_Start/ID_Continue; Terraform names in practice are ASCII,
 * and anything else is simply quoted where quoting is possible.) */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** Words that parse as something other than a plain name when used as a bare object key:
 * `for` starts a for-expression, `true`/`false`/`null` are literals. `in`/`if` are quoted too,
 * as they are keywords inside for-expressions. */
const RESERVED_KEYS = new Set(["for", "in", "if", "true", "false", "null"]);

/** Whether an object key can be written bare (otherwise the printer quotes it). */
export function isBareObjectKey(s: string): boolean {
  return isIdentifier(s) && !RESERVED_KEYS.has(s);
}
