/**
 * What a program `adopt` generated means, read with the TypeScript compiler API rather than by
 * matching text: its statements (imports, then one `export const x = new X(...)` per resource), every
 * `new X(...)` and call anywhere in it, and its syntax errors. `evaluateProgram` runs the transpiled
 * program against recording stand-ins for the package and `@pulumi/aws/kms`, so a test can compare
 * each constructor's arguments with the adoption exactly (hostile strings included).
 */
import * as ts from "typescript";

export interface ProgramShape {
  /** Syntax errors (transpileModule diagnostics). */
  diagnostics: string[];
  /** One word per top-level statement: `import` or `new X`, anything else as `other <SyntaxKind>`. */
  statements: string[];
  /** Callee of every `new` expression anywhere, e.g. `ProductionTable`, `kms.Key`. */
  constructed: string[];
  /** Callee of every call expression anywhere (an adopt program has none). */
  called: string[];
}

export function programShape(source: string): ProgramShape {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const file = ts.createSourceFile("index.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const statements = file.statements.map((s) => {
    if (ts.isImportDeclaration(s)) return "import";
    if (ts.isVariableStatement(s) && s.declarationList.declarations.length === 1) {
      const init = s.declarationList.declarations[0].initializer;
      if (init && ts.isNewExpression(init)) return `new ${init.expression.getText(file)}`;
    }
    return `other ${ts.SyntaxKind[s.kind]}`;
  });
  const constructed: string[] = [];
  const called: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) constructed.push(node.expression.getText(file));
    if (ts.isCallExpression(node)) called.push(node.expression.getText(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  const diagnostics = [...(out.diagnostics ?? []), ...((file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [])]
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { diagnostics, statements, constructed, called };
}

export interface Constructed { type: string; name: string; args: Record<string, unknown>; options?: Record<string, unknown> }

/** Runs the program with recording classes in place of the package and `@pulumi/aws/kms`. */
export function evaluateProgram(source: string): Constructed[] {
  const made: Constructed[] = [];
  const recorder = (type: string) => class {
    readonly arn = `arn-of:${type}`;
    constructor(name: string, args: Record<string, unknown>, options?: Record<string, unknown>) {
      made.push({ type, name, args, ...(options ? { options } : {}) });
      (this as { arn: string }).arn = `arn-of:${name}`;
    }
  };
  const modules: Record<string, Record<string, unknown>> = {
    "dynamodb-blueprints": { DynamoTable: recorder("DynamoTable"), ProductionTable: recorder("ProductionTable"), StateLockTable: recorder("StateLockTable") },
    "@pulumi/aws/kms": { Key: recorder("kms.Key") },
  };
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const load = (id: string) => {
    if (!modules[id]) throw new Error(`the program imports ${id}`);
    return modules[id];
  };
  new Function("require", "module", "exports", js)(load, module, module.exports);
  return made;
}
