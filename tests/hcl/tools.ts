// Thin typed wrappers around HashiCorp's own HCL code compiled to WASM, used as the oracle:
// hcl2json's parse (hclsyntax parser) and hcl-tools' format (hclwrite.Format).
import { strict as assert } from "assert";
import { Body, PrintOptions, printFile } from "../../hcl";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parse } = require("@cdktf/hcl2json") as { parse(file: string, text: string): Promise<Record<string, any>> };
// eslint-disable-next-line @typescript-eslint/no-var-requires
const hcl2json = require("@cdktf/hcl2json") as { getExpressionAst(file: string, expr: string): Promise<AstNode | null> };
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { format } = require("@cdktf/hcl-tools") as { format(text: string): Promise<string> };

export interface AstNode { type: string; meta?: { value?: string }; children?: AstNode[] }

export const parseHcl = (text: string): Promise<Record<string, any>> => parse("main.tf", text);
export const formatHcl = (text: string): Promise<string> => format(text);

export const expressionAst = (expr: string): Promise<AstNode | null> => hcl2json.getExpressionAst("main.tf", expr);

/** Node types of an expression's AST, e.g. ["template", ["literalValue", "scopeTraversal"]]. */
export async function astShape(expr: string): Promise<unknown> {
  const shape = (n: AstNode): unknown => (n.children?.length ? [n.type, n.children.map(shape)] : n.type);
  const ast = await hcl2json.getExpressionAst("main.tf", expr);
  return ast && shape(ast);
}

/** hcl2json answers in HCL's JSON syntax, where every string is a template: a literal `${` or
 * `%{` comes back as `$${` / `%%{`. This undoes exactly that escaping. */
export function unescapeJsonString(s: string): string {
  return s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

export const lines = (...ls: string[]): string => ls.join("\n") + "\n";

/** The printer must produce exactly `expected` (hand-written), which must be a fixed point of
 * hclwrite.Format and parse to `json` (hcl2json's structure). */
export async function check(body: Body, expected: string, json: unknown, opts?: PrintOptions): Promise<void> {
  assert.equal(printFile(body, opts), expected);
  assert.equal(await formatHcl(expected), expected, "not a format() fixed point");
  assert.deepEqual(await parseHcl(expected), json);
}
