// Visiting a syntax tree by node kind. Readers of a built tree (terraform/version-floors.ts asks which
// functions an emission calls) walk it here instead of iterating every node's properties: a thousand
// tables are a few hundred thousand nodes, and a generic `Object.values` walk allocated an array per
// node and visited strings and part lists that can hold no expression (it was the emitter's most
// expensive function after the printer, bench/emitter).

import type { Body, Expr } from "./ast";

/** Calls `visit` for every expression in `body` (attribute values, nested blocks, object items), parents first. */
export function forEachExpr(body: Body, visit: (e: Expr) => void): void {
  for (const item of body) {
    if (item.kind === "attribute") walkExpr(item.value, visit);
    else if (item.kind === "block") forEachExpr(item.body, visit);
  }
}

/** Calls `visit` for `e` and every expression inside it, parents first. */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case "string": case "number": case "bool": case "null": case "traversal":
      return;
    case "list":
      for (const x of e.items) walkExpr(x, visit);
      return;
    case "object":
      for (const it of e.items) if (it.kind === "item") walkExpr(it.value, visit);
      return;
    case "template":
      for (const p of e.parts) if (typeof p !== "string") walkExpr(p, visit);
      return;
    case "call":
      for (const x of e.args) walkExpr(x, visit);
      return;
    case "binary":
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      return;
    case "unary":
      walkExpr(e.operand, visit);
      return;
    case "conditional":
      walkExpr(e.cond, visit);
      walkExpr(e.then, visit);
      walkExpr(e.else, visit);
      return;
    case "for":
      walkExpr(e.collection, visit);
      if (e.key !== undefined) walkExpr(e.key, visit);
      walkExpr(e.value, visit);
      if (e.cond !== undefined) walkExpr(e.cond, visit);
      return;
    default: {
      // A new node kind must be walked here, or the calls inside it would go unseen.
      const unknown: never = e;
      throw new Error(`internal: walkExpr does not know the expression kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
