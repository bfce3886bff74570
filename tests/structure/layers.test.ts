/**
 * The rooms of the house, checked from the source: model/ is the table model alone (it imports
 * nothing outside model/ and hcl/, not even a package or a Node module), project/ (stack config,
 * reference stack, schema lock, checklist, adopt) sits on the model, no renderer reaches up into the
 * CLI, and the Pulumi program (index.ts) is built from components and the project layer only.
 * Imports are read with TypeScript's own scanner (`ts.preProcessFile`: static, `export from`,
 * dynamic `import()` and `require`), so an import inside a string or comment does not count.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [rel] : [];
  });
}

interface Import { from: string; specifier: string; target?: string }

/** Every import of a file; `target` is the repository-relative folder/file for relative imports. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => ({
    from: file,
    specifier,
    target: specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined,
  }));
}

const topFolder = (target: string) => target.split("/")[0];
const show = (bad: Import[]) => bad.map((i) => `${i.from} imports "${i.specifier}"`).join("\n");

describe("structure: the layers", () => {
  it("the scanner sees the imports it judges (static, type-only and dynamic)", () => {
    const program = importsOf("components/program.ts").map((i) => i.target);
    assert.ok(program.includes("project/reference-stack"), "components/program.ts imports the reference stack");
    const hcl = importsOf("cli/commands/hcl.ts").map((i) => i.target);
    assert.ok(hcl.includes("project/schema-lock-file"), "a dynamic import() is seen");
    const sample = "import type { A } from \"../cli/x\";\nconst s = `import { B } from \"../cli/y\"`;\n";
    assert.deepEqual(ts.preProcessFile(sample, true, true).importedFiles.map((f) => f.fileName), ["../cli/x"]);
  });

  it("model/ imports nothing outside model/ and hcl/ (no package, no Node module, no project/)", () => {
    const files = sourceFiles("model");
    assert.ok(files.length > 20, `model/ has its files (${files.length})`);
    const bad = files.flatMap(importsOf).filter((i) => !i.target || !["model", "hcl"].includes(topFolder(i.target)));
    assert.deepEqual(bad, [], show(bad));
  });

  it("project/ builds on the model only: no renderer, no CLI, no Pulumi", () => {
    const files = sourceFiles("project");
    assert.ok(files.length > 10, `project/ has its files (${files.length})`);
    const allowed = new Set(["model", "hcl", "project", "files"]);
    const bad = files.flatMap(importsOf).filter((i) => (i.target ? !allowed.has(topFolder(i.target)) : !["fs", "path"].includes(i.specifier)));
    assert.deepEqual(bad, [], show(bad));
  });

  it("no renderer (components/, terraform/, hcl/, local/) imports cli/", () => {
    const files = ["components", "terraform", "hcl", "local"].flatMap(sourceFiles);
    const bad = files.flatMap(importsOf).filter((i) => i.target !== undefined && topFolder(i.target) === "cli");
    assert.deepEqual(bad, [], show(bad));
  });

  it("index.ts (the Pulumi program) imports components and the project layer only", () => {
    const imports = importsOf("index.ts");
    assert.ok(imports.length > 0);
    const bad = imports.filter((i) => !i.target || !["components", "project"].includes(topFolder(i.target)));
    assert.deepEqual(bad, [], show(bad));
  });
});
