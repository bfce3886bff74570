/**
 * A tiny evaluator for the expressions our module body uses, walking the expression AST that
 * HashiCorp's own parser returns (hcl2json's getExpressionAst): traversals, literals, templates,
 * tuples, comparisons, boolean operators and conditionals. Anything else fails loudly, so a new
 * construct in the emitter cannot be silently mis-evaluated.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const hcl2json = require("@cdktf/hcl2json") as { getExpressionAst(file: string, expr: string): Promise<Node | null> };

interface Node { type: string; meta?: Record<string, any>; children?: Node[] }
export type Scope = (path: string[]) => unknown;

const OPERATORS: Record<string, (a: any, b: any) => unknown> = {
  equal: (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null),
  notEqual: (a, b) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null),
  logicalAnd: (a, b) => a && b,
  logicalOr: (a, b) => a || b,
  greaterThan: (a, b) => a > b,
  lessThan: (a, b) => a < b,
  greaterThanOrEqual: (a, b) => a >= b,
  lessThanOrEqual: (a, b) => a <= b,
};

const FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  length: (x) => (Array.isArray(x) || typeof x === "string" ? x.length : Object.keys(x ?? {}).length),
  // For the module's `validation` conditions (tests/model/table-fields.test.ts).
  contains: (list, x) => (list as unknown[]).some((item) => JSON.stringify(item) === JSON.stringify(x)),
  coalesce: (...xs) => xs.find((x) => x !== null && x !== undefined && x !== ""),
  alltrue: (xs) => (xs as unknown[]).every((x) => x === true),
  anytrue: (xs) => (xs as unknown[]).some((x) => x === true),
  // regex fails without a match, as in Terraform (the patterns used are the same in RE2 and JavaScript).
  regex: (pattern: string, text: string) => {
    const m = new RegExp(pattern).exec(text);
    if (!m) throw new Error(`regex: no match for ${pattern}`);
    return m[0];
  },
  distinct: (list: unknown[]) => list.filter((x, i) => list.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i),
  // The module's GSI key_schema list (terraform/module.ts).
  concat: (...lists) => (lists as unknown[][]).flat(),
};

function literal(meta: Record<string, any>): unknown {
  if (meta.type === "dynamic" && meta.value === "null") return null;
  if (meta.type === "bool") return meta.value === "true";
  if (meta.type === "number") return Number(meta.value);
  // The AST keeps a quoted string's source text: undo HCL's escapes (\\ \" \n \r \t).
  if (meta.type === "string" && typeof meta.value === "string") {
    return meta.value.replace(/\\(["\\nrt])/g, (_: string, c: string) => ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[c] ?? c);
  }
  return meta.value;
}

async function walk(node: Node, scope: Scope): Promise<unknown> {
  const kids = node.children ?? [];
  switch (node.type) {
    case "literalValue": return literal(node.meta ?? {});
    case "scopeTraversal": return scope(node.meta!.traversal.map((t: { segment: string }) => t.segment));
    case "template": {
      const parts = await Promise.all(kids.map((k) => walk(k, scope)));
      return parts.length === 1 && kids[0].type !== "literalValue" ? parts[0] : parts.map((p) => String(p)).join("");
    }
    case "tuple": return Promise.all(kids.map((k) => walk(k, scope)));
    case "binaryOp": {
      const op = OPERATORS[node.meta!.operator];
      if (!op) throw new Error(`unsupported operator ${node.meta!.operator}`);
      return op(await walk(kids[0], scope), await walk(kids[1], scope));
    }
    case "unaryOp": {
      if (node.meta!.operator === "negate") return -(await walk(kids[0], scope) as number);
      if (node.meta!.operator !== "logicalNot") throw new Error(`unsupported unary ${node.meta!.operator}`);
      return !(await walk(kids[0], scope));
    }
    case "function": {
      // can(expr): true unless evaluating expr fails (Terraform's error-catching function).
      if (node.meta!.name === "can") return walk(kids[0], scope).then(() => true, () => false);
      // try(a, b, ...): the first argument that evaluates without an error (a missing attribute is one).
      if (node.meta!.name === "try") {
        for (const kid of kids) {
          try {
            const value = await walk(kid, scope);
            if (value !== undefined) return value;
          } catch { /* next */ }
        }
        throw new Error("try: no argument evaluated");
      }
      const fn = FUNCTIONS[node.meta!.name];
      if (!fn) throw new Error(`unsupported function ${node.meta!.name}`);
      return fn(...(await Promise.all(kids.map((k) => walk(k, scope)))));
    }
    case "for": {
      const m = node.meta!;
      let i = 0;
      const collection = await walk(kids[i++], scope) as any;
      const keyNode = m.keyExpression ? kids[i++] : undefined;
      const valueNode = kids[i++];
      const condNode = m.conditionalExpression ? kids[i++] : undefined;
      const entries: [unknown, unknown][] = Array.isArray(collection) ? collection.map((v, n) => [n, v]) : Object.entries(collection ?? {});
      const object: Record<string, unknown> = {};
      const list: unknown[] = [];
      for (const [k, v] of entries) {
        const inner: Scope = (p) => (p[0] === m.keyVar ? dig(k, p.slice(1)) : p[0] === m.valVar ? dig(v, p.slice(1)) : scope(p));
        if (condNode && !(await walk(condNode, inner))) continue;
        const value = await walk(valueNode, inner);
        if (keyNode) object[String(await walk(keyNode, inner))] = value;
        else list.push(value);
      }
      return keyNode ? object : list;
    }
    case "conditional": return (await walk(kids[0], scope)) ? walk(kids[1], scope) : walk(kids[2], scope);
    // A parenthesised expression: hcl2json gives it no type and one child.
    case "": if (kids.length === 1) return walk(kids[0], scope); // falls through
    default: throw new Error(`unsupported expression ${node.type}: ${node.meta?.value}`);
  }
}

/** Parsed expressions by source: the same module expressions are evaluated under many scopes. */
const astCache = new Map<string, Promise<any>>();

/** Evaluate a value as hcl2json returns it: plain JSON, or a string holding `${expression}`. */
export async function evalValue(value: unknown, scope: Scope): Promise<unknown> {
  if (typeof value === "string") {
    const whole = /^\$\{([\s\S]*)\}$/.exec(value);
    const source = whole && !whole[1].includes("${") ? whole[1] : JSON.stringify(value);
    if (!astCache.has(source)) astCache.set(source, hcl2json.getExpressionAst("eval.tf", source));
    const ast = await astCache.get(source);
    if (!ast) throw new Error(`cannot parse ${value}`);
    return walk(ast, scope);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => evalValue(v, scope)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evalValue(v, scope);
    return out;
  }
  return value;
}

/**
 * Expand a resource body: evaluate attributes, expand `dynamic` blocks per for_each element (with
 * the iterator in scope), drop nulls (Terraform treats them as unset) and meta-arguments.
 */
export async function expandBody(body: Record<string, any>, scope: Scope, raw: string[] = ["policy"]): Promise<Record<string, any>> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(body)) {
    if (["count", "for_each", "lifecycle", "depends_on"].includes(key)) continue;
    // JSON documents are compared as the text both layouts print from one model value.
    if (raw.includes(key)) { out[key] = value; continue; }
    if (key === "dynamic") {
      for (const [name, blocks] of Object.entries(value as Record<string, any[]>)) {
        const { for_each: forEach, content } = blocks[0];
        const items = await evalValue(forEach, scope) as unknown[];
        const expanded = [];
        for (const [index, item] of (items ?? []).entries()) {
          // A list's iterator key is the element's index (Terraform: dynamic blocks over a list).
          const inner: Scope = (path) => (path[0] === name && path[1] === "value" ? dig(item, path.slice(2))
            : path[0] === name && path[1] === "key" ? index : scope(path));
          expanded.push(await expandBody(content[0], inner));
        }
        if (expanded.length) out[name] = [...(out[name] ?? []), ...expanded];
      }
      continue;
    }
    if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === "object" && !Array.isArray(v))) {
      out[key] = [...(out[key] ?? []), ...(await Promise.all(value.map((v) => expandBody(v, scope))))];
      continue;
    }
    const evaluated = await evalValue(value, scope);
    if (evaluated !== null && evaluated !== undefined) out[key] = evaluated;
  }
  return out;
}

export function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), value);
}
