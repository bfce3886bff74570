/**
 * What HashiCorp's parser makes of a string expression's value (escapes decoded, then NFC with the
 * parser's supplementary-plane quirk). Not part of the package: the printer never needs it; the HCL
 * tests use it as the oracle for a value read back after printing. Moved here from hcl/escape.ts.
 */

/** The value Terraform will actually see for a string expression (not a block label): HCL decodes
 * the escapes and then normalises to NFC (e.g. "e\u0301" becomes "\u00e9", and CJK compatibility
 * ideographs such as U+2F800 become their unified form). The tests' oracle for what a printed value parses back to. */
export function hclStringValue(s: string): string {
  return quirk(s.normalize("NFC"));
}

/** Same canonical combining class: neither order of the two marks is reordered by NFD. */
const sameClass = (a: string, b: string) => (" " + a + b).normalize("NFD") === " " + a + b && (" " + b + a).normalize("NFD") === " " + b + a;
/** `mark` composes with `base` as a primary composite (exactly this pair, no reordering). */
function primary(base: string, mark: string): string | undefined {
  const composed = (base + mark).normalize("NFC");
  return Array.from(composed).length === 1 && composed.normalize("NFD") === base.normalize("NFD") + mark ? composed : undefined;
}

/**
 * HashiCorp's parser (observed with @cdktf/hcl2json, whose Go NFC code keys its composition table on
 * the low 16 bits of a character) composes a supplementary-plane character with a following mark as
 * if it were the BMP character with the same low 16 bits: U+100C2 U+0301 parses as U+1EA4, because
 * U+00C2 U+0301 composes to it. The reference wins, so this mirrors it: the first unblocked mark that
 * composes that way replaces the pair, and the rest is normalised as usual. escape.test.ts checks it
 * against the parser.
 */
function quirk(value: string): string {
  const cps = Array.from(value);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i].codePointAt(0)!;
    if (cp <= 0xffff) continue;
    let j = i + 1;
    while (j < cps.length && /^\p{M}$/u.test(cps[j])) j++;
    const marks = cps.slice(i + 1, j);
    for (let k = 0; k < marks.length; k++) {
      if (marks.slice(0, k).some((m) => sameClass(m, marks[k]))) continue; // blocked by an earlier mark
      const composed = primary(String.fromCodePoint(cp & 0xffff), marks[k]);
      if (!composed) continue;
      const rest = cps.slice(j).join("");
      return cps.slice(0, i).join("") + (composed + marks.filter((_, x) => x !== k).join("")).normalize("NFC") + quirk(rest);
    }
  }
  return value;
}
