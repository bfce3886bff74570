/**
 * Runs a program `adopt` generated, as the user's `index.ts` would run: transpiled exactly as printed,
 * with the package name mapped to this repository's components. Call it inside runUnderMocks.
 */
import * as ts from "typescript";

export function runGeneratedProgram(source: string): Record<string, any> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const load = (id: string) => (id === "dynamodb-blueprints" ? require("../../../components") : require(id));
  const module = { exports: {} as Record<string, any> };
  new Function("require", "module", "exports", js)(load, module, module.exports);
  return module.exports;
}
