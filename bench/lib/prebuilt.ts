/**
 * The project's TypeScript transpiled to plain JavaScript in a scratch directory, so a benchmark
 * child runs the code the way an installed package runs `dist/` (plain `node`), without ts-node:
 * ts-node keeps the TypeScript compiler in memory (tens of MB of peak RSS that are not the code
 * under test) and installs source-map-support, which rewrites every captured stack trace.
 * Transpile only (`ts.transpileModule`, the same emit ts-node's transpile-only mode uses); the
 * type-check is `npm run typecheck`'s job.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

/** Folders a benchmark child may import (the model, the HCL printer and emitter, the CLI and its helpers). */
const FOLDERS = ["model", "hcl", "terraform", "project", "cli", "local", "files", "testing", "entries", "components", "bench"];

function sources(root: string, dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "results" && entry.name !== "node_modules") sources(root, rel, out);
    } else if (/\.(ts|js|json)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
}

/** Transpiles the project into a fresh scratch directory and returns it (remove it when done). */
export function prebuild(root: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-bench-js-"));
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true };
  const files: string[] = [];
  for (const dir of FOLDERS) if (fs.existsSync(path.join(root, dir))) sources(root, dir, files);
  for (const rel of [...files, "package.json"]) {
    const from = path.join(root, rel);
    const to = path.join(out, rel.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (rel.endsWith(".ts")) fs.writeFileSync(to, ts.transpileModule(fs.readFileSync(from, "utf8"), { compilerOptions: options, fileName: rel }).outputText);
    else fs.copyFileSync(from, to);
  }
  // Dependencies resolve from the checkout's node_modules, as they would from an installed package's.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"), "dir");
  return out;
}
