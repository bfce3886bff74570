/**
 * Reads `Pulumi.<stack>.yaml` for the CLI with clear errors (missing file, YAML syntax, bad values),
 * and turns it into the stack's validated blueprints.
 */
import * as fs from "fs";
import * as path from "path";
import { Document, LineCounter, isMap, isScalar, parseDocument, visit } from "yaml";
import { fileError } from "../files/safe-write";
import { BlueprintValidationError } from "../model/errors";
import { StackConfig, parseStackConfig } from "../project/stack-config";
import { Blueprint, assertUniqueTableNames } from "../model/stack";
import { Declaration, referenceDeclarations, resolveDeclaration } from "../project/reference-stack";

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

export function availableStacks(dir: string): string[] {
  return fs.readdirSync(dir).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();
}

/** The last line before `before` (comments aside) with an odd number of `quote` characters. */
function unclosedQuoteLine(text: string, before: number, quote: string): number | undefined {
  const pattern = quote === '"' ? /(?<!\\)"/g : /'/g;
  const lines = text.split("\n").slice(0, before);
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i].replace(/(^|\s)#.*$/, "").match(pattern) ?? []).length % 2 === 1) return i + 1;
  }
  return undefined;
}

/** Stack files are a few kilobytes; this is far above any real one and keeps parsing to a second or two. */
export const MAX_STACK_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The first key repeated in one map, found in linear time. The parser's own `uniqueKeys` compares each
 * key with every earlier one (40,000 keys took 22 s); keys are equal here exactly when it says so.
 */
function firstDuplicateKey(doc: Document, lines: LineCounter): { line: number; col: number } | undefined {
  let found: { line: number; col: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const v = pair.key.value;
        const id = `${typeof v}:${String(v)}`;
        if (seen.has(id)) {
          found = lines.linePos(pair.key.range?.[0] ?? 0);
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}

/** The raw `config:` map of a stack file. */
export function readStackFile(dir: string, stack: string): Record<string, unknown> {
  const fail = (value: string, message: string, fix: string, where = "--stack") => {
    throw new BlueprintValidationError(`Stack "${stack}"`, [{ where, value, message, fix }]);
  };
  if (typeof stack !== "string" || !STACK_NAME.test(stack)) fail(JSON.stringify(stack), "is not a stack name", "use letters, digits, _ - . (e.g. dev, prod)");
  // Without this, a wrong DYNAMODB_BLUEPRINTS_PROJECT surfaced as a raw ENOENT from readdirSync.
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    fail(JSON.stringify(dir), "is not a directory", "run from the project directory, or set DYNAMODB_BLUEPRINTS_PROJECT to it", "project directory");
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const stacks = availableStacks(dir);
    fail(JSON.stringify(stack), `has no ${path.basename(file)} in ${dir}`, stacks.length ? `use one of ${stacks.join(", ")}` : "create the stack file, or run from the project directory");
  }
  const where = path.basename(file);
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_STACK_FILE_BYTES) {
      fail(`${size} bytes`, `is larger than a stack file can be (${MAX_STACK_FILE_BYTES} bytes)`, "check that this is the stack file you meant; stack files hold a few settings", where);
    }
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof BlueprintValidationError) throw error;
    throw fileError(file, "read the stack file", error);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter: lines });
  const duplicate = doc.errors.length === 0 ? firstDuplicateKey(doc, lines) : undefined;
  if (duplicate) {
    throw new BlueprintValidationError(`Stack "${stack}" (${where})`, [{
      where: `${where} line ${duplicate.line}, column ${duplicate.col}`, value: "DUPLICATE_KEY", message: "is not valid YAML: Map keys must be unique",
      fix: "fix the YAML syntax at that line: give each key once",
    }]);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
    // The parser notices an unclosed quote where the file ends, far from the typo: point at the quote.
    const quote = e.code === "MISSING_CHAR" ? /Missing closing (["'])quote/.exec(e.message)?.[1] : undefined;
    const opened = quote ? unclosedQuoteLine(text, e.linePos?.[0]?.line ?? Infinity, quote) : undefined;
    throw new BlueprintValidationError(`Stack "${stack}" (${path.basename(file)})`, [{
      where: `${path.basename(file)} ${line}`.trim(), value: e.code, message: `is not valid YAML: ${e.message.split("\n")[0]}`,
      fix: opened ? `close the quote opened on line ${opened}` : "fix the YAML syntax at that line",
    }]);
  }
  let data: any;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // The parser refuses alias bombs (billions of laughs) here, with no file or line in its message.
    throw new BlueprintValidationError(`Stack "${stack}" (${where})`, [{
      where, value: "aliases (*name)", message: `cannot be read: ${String((error as Error).message).split("\n")[0].slice(0, 120)}`,
      fix: "write the values out instead of expanding aliases many times; stack files need no aliases",
    }]);
  }
  if (typeof data !== "object" || Array.isArray(data) || (data.config !== undefined && (typeof data.config !== "object" || data.config === null || Array.isArray(data.config)))) {
    fail(Array.isArray(data) ? "a list" : typeof data !== "object" ? typeof data : `config: ${JSON.stringify(data.config)}`, "must be a map with a `config:` map", "write `config:` followed by `dynamodb-blueprints:<key>: <value>` lines", path.basename(file));
  }
  return (data.config ?? {}) as Record<string, unknown>;
}

export interface LoadedStack {
  stack: string;
  config: StackConfig;
  declarations: Declaration[];
  blueprints: Blueprint[];
}

export function loadStack(dir: string, stack: string): LoadedStack {
  const raw = readStackFile(dir, stack);
  const config = parseStackConfig(stack, raw, `Pulumi.${stack}.yaml`);
  const declarations = referenceDeclarations(config);
  const blueprints = declarations.map(resolveDeclaration);
  assertUniqueTableNames(blueprints);
  return { stack, config, declarations, blueprints };
}
