import { strict as assert } from "assert";
import fc from "fast-check";
import * as h from "../../hcl";
import { AstNode, expressionAst } from "./tools";
import { fuzzRuns } from "../helpers/fuzz";

/** WALK_FUZZ_RUNS (default 50 in `npm test`, 1000 under FUZZ=full: tests/helpers/fuzz.ts). */
const RUNS = fuzzRuns("WALK_FUZZ_RUNS", { quick: 50, full: 1000 });

// The walker must reach every function call however deeply it is nested, in every kind of
// expression: version floors depend on it (terraform/version-floors.ts dates `function.<name>`).
// The reference is HashiCorp's parser: the printed expression is parsed back and its `function`
// nodes counted.

const NAMES = ["f", "g", "one", "provider::aws::arn_parse"];
const leaf = fc.oneof(
  fc.integer({ min: 0, max: 9 }).map(h.num),
  fc.constant(h.ref("var.a")),
  fc.constant(h.str("s")),
  fc.constant(h.nul()),
);
const exprArb: fc.Arbitrary<h.Expr> = fc.letrec<{ e: h.Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...NAMES), fc.array(tie("e"), { maxLength: 3 })).map(([name, args]) => h.call(name, ...args)),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => h.list(...xs)),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => h.obj(Object.fromEntries(xs.map((x, i) => [`k${i}`, x])))),
    fc.array(tie("e"), { maxLength: 2 }).map((xs) => h.template("a", ...xs.flatMap((x) => [x, "b"]))),
    fc.tuple(tie("e"), tie("e")).map(([l, r]) => h.binary(l, "+", r)),
    tie("e").map(h.not),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, t, e]) => h.cond(c, t, e)),
    fc.tuple(tie("e"), tie("e"), fc.option(tie("e"))).map(([coll, value, cond]) => h.forList("v", coll, value, cond === null ? {} : { cond })),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([coll, key, value]) => h.forObject("v", coll, key, value, { keyVar: "k" })),
  ),
})).e;

function parsedCalls(n: AstNode, out: string[]): string[] {
  if (n.type === "function") out.push((n.meta as { name: string }).name);
  for (const c of n.children ?? []) parsedCalls(c, out);
  return out;
}

function walkedCalls(e: h.Expr): string[] {
  const out: string[] = [];
  h.walkExpr(e, (x) => { if (x.kind === "call") out.push(x.name); });
  return out;
}

describe("hcl/walk", () => {
  it("walkExpr visits every function call HashiCorp's parser finds in the printed expression", async () => {
    await fc.assert(fc.asyncProperty(exprArb, async (e) => {
      const ast = await expressionAst(h.printExpr(e, { flat: true }));
      assert.ok(ast, "the printed expression parses");
      assert.deepEqual(walkedCalls(e).sort(), parsedCalls(ast, []).sort());
    }), { numRuns: RUNS });
  });

  it("forEachExpr reaches attributes in nested blocks and skips comments and blank lines", () => {
    const body: h.Body = [
      h.comment("f(x) in a comment is not a call"),
      h.attr("a", h.call("f")),
      h.blank(),
      h.block("outer", ["x"], [h.block("inner", [], [h.attr("b", h.list(h.call("g", h.call("one"))))])]),
    ];
    const seen: string[] = [];
    h.forEachExpr(body, (e) => { if (e.kind === "call") seen.push(e.name); });
    assert.deepEqual(seen, ["f", "g", "one"]);
  });
});
