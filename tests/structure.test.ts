/**
 * No import circle anywhere in the source (the check `npx madge --circular --extensions ts .` makes,
 * without a dependency): every relative `import`/`export ... from` of every .ts file, type-only ones
 * included, followed as a graph. model/validate.ts and model/validate-features.ts used to import
 * each other.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", "dist", ".git", ".bench", ".local-dynamodb"]);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(file, out);
    else if (file.endsWith(".ts") && !file.endsWith(".d.ts")) out.push(file);
  }
  return out;
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]*)"/gm)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle reached by a depth-first walk, as a list of files (first = last). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string) => {
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) found.push([...stack.slice(at), next]);
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    done.add(node);
  };
  for (const node of graph.keys()) if (!done.has(node)) visit(node);
  return found;
}

describe("structure", () => {
  it("the cycle finder finds a cycle (it can fail)", () => {
    assert.deepStrictEqual(cycles(new Map([["a", ["b"]], ["b", ["a"]], ["c", ["a"]]])), [["a", "b", "a"]]);
  });

  it("no source file imports itself through others", () => {
    const found = cycles(importGraph(sourceFiles(ROOT))).map((c) => c.map((f) => path.relative(ROOT, f)).join(" -> "));
    assert.deepStrictEqual(found, []);
  });
});
