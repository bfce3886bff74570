/**
 * Reads the components' public surface from the TypeScript sources with the compiler API: each
 * component class (its doc, its constructor's args type, its outputs, child resources and methods)
 * and every interface of this repository an argument reaches (GSIs, auto scaling, monitoring, ...),
 * with each member's type, optionality, doc comment and JSDoc tags. Nothing is executed.
 *
 * `@pulumi/aws` is left unresolved: its declarations are ~270 files the reference does not need
 * (child resource types are shown as written in the source), and skipping them halves the time.
 */
import * as path from "path";
import * as ts from "typescript";

export interface MemberDoc {
  name: string;
  /** Markdown for the type column (links to nested types, literals in backticks). */
  type: string;
  optional: boolean;
  description: string;
  /** JSDoc tags by name (`@default`, ...). */
  tags: Record<string, string>;
}

export interface TypeDoc {
  name: string;
  description: string;
  /** The interface and every interface it extends, most derived first. */
  lineage: string[];
  members: MemberDoc[];
}

export interface ComponentDoc {
  name: string;
  description: string;
  /** The constructor's args type. */
  args: TypeDoc;
  outputs: MemberDoc[];
  /** Properties that are not Outputs: child resources and the blueprint. */
  properties: MemberDoc[];
  methods: MemberDoc[];
}

export interface Surface {
  components: ComponentDoc[];
  /** Interfaces reached from component args, by name, in the order they were first reached. */
  types: TypeDoc[];
}

export const ROOT = path.resolve(__dirname, "..", "..");
/** Files declaring the component classes. */
export const COMPONENT_FILES = ["components/tables.ts", "components/state-backend.ts"];

const OPTIONS: ts.CompilerOptions = {
  strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, types: [], noEmit: true,
};

function createProgram(files: string[]): ts.Program {
  const host = ts.createCompilerHost(OPTIONS);
  host.resolveModuleNameLiterals = (literals, containing, _redirect, options) => literals.map((l) =>
    (/^@pulumi\/aws(\/|$)/.test(l.text) ? { resolvedModule: undefined } : ts.resolveModuleName(l.text, containing, options, host)));
  return ts.createProgram(files.map((f) => path.join(ROOT, f)), OPTIONS, host);
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const isOwn = (decl: ts.Declaration | undefined) => decl !== undefined && !decl.getSourceFile().fileName.includes("node_modules");

function tagsOf(symbol: ts.Symbol, checker: ts.TypeChecker): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of symbol.getJsDocTags(checker)) tags[tag.name] = oneLine(ts.displayPartsToString(tag.text));
  return tags;
}

export function extractSurface(componentFiles: string[] = COMPONENT_FILES): Surface {
  const program = createProgram(componentFiles);
  const checker = program.getTypeChecker();
  const types = new Map<string, TypeDoc>();
  const pending: ts.InterfaceDeclaration[] = [];

  const docOf = (symbol: ts.Symbol) => oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  const interfaceOf = (type: ts.Type): ts.InterfaceDeclaration | undefined => {
    const decl = (type.aliasSymbol ?? type.getSymbol())?.declarations?.find(ts.isInterfaceDeclaration);
    return isOwn(decl) ? decl : undefined;
  };

  /** Markdown for a type; interfaces of this repository become links and are queued for their own table. */
  const typeText = (type: ts.Type): string => {
    type = checker.getNonNullableType(type);
    if (type.isUnion() && type.types.every((t) => t.isStringLiteral())) {
      return type.types.map((t) => `\`${JSON.stringify((t as ts.StringLiteralType).value)}\``).join(" \\| ");
    }
    if (checker.isArrayType(type)) return `${typeText(checker.getTypeArguments(type as ts.TypeReference)[0])}[]`;
    const decl = interfaceOf(type);
    if (decl) {
      if (!types.has(decl.name.text) && !pending.includes(decl)) pending.push(decl);
      return `[${decl.name.text}](#${decl.name.text.toLowerCase()})`;
    }
    return `\`${checker.typeToString(type).replace(/\|/g, "\\|")}\``;
  };

  /** Member names in declaration order, bases first, so an override keeps its base's place. */
  const memberOrder = (decl: ts.InterfaceDeclaration, lineage: ts.InterfaceDeclaration[]): string[] => {
    lineage.push(decl);
    const names: string[] = [];
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) {
        const baseDecl = checker.getTypeAtLocation(base.expression).getSymbol()?.declarations?.find(ts.isInterfaceDeclaration)
          ?? checker.getSymbolAtLocation(base.expression)?.declarations?.find(ts.isInterfaceDeclaration);
        if (isOwn(baseDecl)) names.push(...memberOrder(baseDecl!, lineage));
      }
    }
    for (const m of decl.members) if (m.name && ts.isIdentifier(m.name)) names.push(m.name.text);
    return [...new Set(names)];
  };

  /** A type as written in the source, with the interfaces of this repository it names linked after it. */
  const writtenType = (node: ts.TypeNode | undefined): string => {
    const links: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isTypeReferenceNode(n)) {
        const decl = interfaceOf(checker.getTypeAtLocation(n));
        if (decl) links.push(typeText(checker.getTypeAtLocation(n)));
      }
      ts.forEachChild(n, visit);
    };
    if (node) visit(node);
    const text = `\`${(node?.getText() ?? "unknown").replace(/\bpulumi\./g, "").replace(/\|/g, "\\|")}\``;
    return links.length ? `${text} (see ${[...new Set(links)].join(", ")})` : text;
  };

  const memberDoc = (symbol: ts.Symbol, at: ts.Node): MemberDoc => ({
    name: symbol.name,
    type: typeText(checker.getTypeOfSymbolAtLocation(symbol, at)),
    optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    description: docOf(symbol),
    tags: tagsOf(symbol, checker),
  });

  const typeDoc = (decl: ts.InterfaceDeclaration): TypeDoc => {
    const lineage: ts.InterfaceDeclaration[] = [];
    const order = memberOrder(decl, lineage);
    const props = new Map(checker.getPropertiesOfType(checker.getTypeAtLocation(decl.name)).map((p) => [p.name, p]));
    // An interface that only instantiates a model type (`extends MonitoringArgs<Input<string>> {}`) may carry no doc of its own.
    const description = lineage.map((d) => docOf(checker.getSymbolAtLocation(d.name)!)).find((d) => d !== "") ?? "";
    return {
      name: decl.name.text, description, lineage: lineage.map((d) => d.name.text),
      members: order.filter((n) => props.has(n)).map((n) => memberDoc(props.get(n)!, decl)),
    };
  };

  const components: ComponentDoc[] = [];
  for (const file of componentFiles) {
    const source = program.getSourceFile(path.join(ROOT, file))!;
    for (const cls of source.statements.filter(ts.isClassDeclaration)) {
      const ctor = cls.members.find(ts.isConstructorDeclaration);
      if (!cls.name || !ctor || ctor.parameters.length < 2) continue;
      const argsType = checker.getTypeAtLocation(ctor.parameters[1]);
      const argsDecl = interfaceOf(argsType);
      if (!argsDecl) throw new Error(`${cls.name.text}: the args of the constructor are not an interface of this repository`);
      const args = typeDoc(argsDecl);
      const instance = checker.getTypeAtLocation(cls.name);
      const outputs: MemberDoc[] = [];
      const properties: MemberDoc[] = [];
      const methods: MemberDoc[] = [];
      for (const symbol of checker.getPropertiesOfType(instance)) {
        const decl = symbol.declarations?.[0];
        if (!isOwn(decl)) continue;
        if (ts.isMethodSignature(decl!) || ts.isMethodDeclaration(decl!)) {
          const method = decl as ts.MethodSignature;
          const params = method.parameters.map((p) => `${p.name.getText()}${p.questionToken ? "?" : ""}: ${writtenType(p.type)}`);
          methods.push({ name: symbol.name, type: `${params.join(", ")} → ${writtenType(method.type)}`, optional: false, description: docOf(symbol), tags: tagsOf(symbol, checker) });
          continue;
        }
        // Outputs and child resources as written (resource types of @pulumi/aws are not resolved, see above).
        const node = (decl as ts.PropertyDeclaration | ts.GetAccessorDeclaration).type;
        const isOutput = node?.getText().replace(/\bpulumi\./g, "").startsWith("Output<") ?? false;
        const member: MemberDoc = {
          name: symbol.name, type: isOutput ? writtenType(node) : `\`${(node?.getText() ?? "unknown").replace(/\bpulumi\./g, "").replace(/\|/g, "\\|")}\``,
          optional: false, description: docOf(symbol), tags: tagsOf(symbol, checker),
        };
        (isOutput ? outputs : properties).push(member);
      }
      components.push({ name: cls.name.text, description: docOf(checker.getSymbolAtLocation(cls.name)!), args, outputs, properties, methods });
    }
  }
  while (pending.length > 0) {
    const decl = pending.shift()!;
    if (!types.has(decl.name.text)) types.set(decl.name.text, typeDoc(decl));
  }
  return { components, types: [...types.values()] };
}
