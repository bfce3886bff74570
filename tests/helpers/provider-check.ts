/**
 * Checks emitted Terraform the way `terraform validate` would against the hashicorp/aws provider
 * schema (terraform/schema/aws-<version>.json, derived from the provider by scripts/provider-schema.ts):
 * every resource / data source / nested block argument exists with the right kind (attribute vs
 * block, single vs repeated), required arguments and blocks are present, read-only attributes are not
 * set, `ignore_changes` names real arguments, references (`aws_x.y.attr`, `data.d.n.attr`,
 * `module.m.out`, `var.v`, `local.l`) resolve, module calls pass only declared variables and every
 * required one, and `moved`/`import` addresses name resources that exist.
 *
 * Files are parsed by HashiCorp's HCL parser (@cdktf/hcl2json). It cannot see values only the AWS API
 * rejects, nor the type of an expression's result.
 */
import { parseHcl } from "../hcl/tools";
import { PROVIDER_SCHEMA, SchemaBlock } from "../../terraform/provider-schema";

const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider"]);
const MODULE_META = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);
const VERSION = `${PROVIDER_SCHEMA.provider} ${PROVIDER_SCHEMA.providerVersion}`;

interface Module {
  dir: string;
  resources: Map<string, { type: string; name: string; body: any; file: string }>;
  data: Map<string, { type: string; name: string; body: any; file: string }>;
  variables: Map<string, any>;
  outputs: Set<string>;
  locals: Set<string>;
  calls: Map<string, { body: any; file: string }>;
  moved: { file: string; from: string; to: string }[];
  imports: { file: string; to: string }[];
  all: { file: string; json: any }[];
}

const unwrap = (s: unknown) => (typeof s === "string" ? s.replace(/^\$\{/, "").replace(/\}$/, "") : String(s));
const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);

async function loadModules(files: Record<string, string>): Promise<Map<string, Module>> {
  const modules = new Map<string, Module>();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".tf")) continue;
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : ".";
    let m = modules.get(dir);
    if (!m) {
      m = { dir, resources: new Map(), data: new Map(), variables: new Map(), outputs: new Set(), locals: new Set(), calls: new Map(), moved: [], imports: [], all: [] };
      modules.set(dir, m);
    }
    const json = await parseHcl(text);
    m.all.push({ file, json });
    for (const [type, byName] of Object.entries<any>(json.resource ?? {})) for (const [name, bodies] of Object.entries<any>(byName)) m.resources.set(`${type}.${name}`, { type, name, body: bodies[0], file });
    for (const [type, byName] of Object.entries<any>(json.data ?? {})) for (const [name, bodies] of Object.entries<any>(byName)) m.data.set(`${type}.${name}`, { type, name, body: bodies[0], file });
    for (const [name, bodies] of Object.entries<any>(json.variable ?? {})) m.variables.set(name, bodies[0]);
    for (const name of Object.keys(json.output ?? {})) m.outputs.add(name);
    for (const block of json.locals ?? []) for (const name of Object.keys(block)) m.locals.add(name);
    for (const [name, bodies] of Object.entries<any>(json.module ?? {})) m.calls.set(name, { body: bodies[0], file });
    for (const mv of json.moved ?? []) m.moved.push({ file, from: unwrap(mv.from), to: unwrap(mv.to) });
    for (const im of json.import ?? []) m.imports.push({ file, to: unwrap(im.to) });
  }
  return modules;
}

/** Problems with one block body against its schema; `where` names resource and path. */
function checkBody(body: Record<string, any>, schema: SchemaBlock, where: string, problems: string[], topLevel: boolean): void {
  for (const [name, value] of Object.entries(body)) {
    if (topLevel && META.has(name)) continue;
    if (name === "dynamic") {
      for (const [blockName, dyns] of Object.entries<any>(value)) {
        const nested = schema.blocks[blockName];
        if (!nested) { problems.push(`${where}: dynamic block "${blockName}" is not a block of ${VERSION}${hint(blockName, schema)}`); continue; }
        for (const d of dyns) for (const content of d.content ?? []) checkBody(content, nested.block, `${where}.${blockName}`, problems, false);
      }
      continue;
    }
    const attribute = schema.attributes[name];
    const nested = schema.blocks[name];
    if (!attribute && !nested) { problems.push(`${where}: argument "${name}" is not in ${VERSION}${hint(name, schema)}`); continue; }
    if (attribute) {
      if (!attribute.optional && !attribute.required) problems.push(`${where}: "${name}" is read-only (computed) in ${VERSION} and cannot be set`);
      if (Array.isArray(value) && value.some(isObj) && !["list", "set"].includes(attribute.type)) problems.push(`${where}: "${name}" is an attribute (${attribute.type}) in ${VERSION} but is written as a block`);
      continue;
    }
    if (!Array.isArray(value) || !value.every(isObj)) { problems.push(`${where}: "${name}" is a block in ${VERSION} but is written as an attribute`); continue; }
    if (nested.nesting === "single" && value.length > 1) problems.push(`${where}: block "${name}" may appear once in ${VERSION}, found ${value.length}`);
    for (const instance of value) checkBody(instance, nested.block, `${where}.${name}`, problems, false);
  }
  const dynamicNames = new Set(Object.keys(body.dynamic ?? {}));
  for (const [name, a] of Object.entries(schema.attributes)) if (a.required && !(name in body)) problems.push(`${where}: required argument "${name}" is missing (${VERSION})`);
  for (const [name, b] of Object.entries(schema.blocks)) if (b.required && !(name in body) && !dynamicNames.has(name)) problems.push(`${where}: required block "${name}" is missing (${VERSION})`);
}

function hint(name: string, schema: SchemaBlock): string {
  const all = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)];
  const close = all.filter((n) => n.endsWith(`_${name}`) || name.endsWith(`_${n}`) || n.includes(name));
  return close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(" or ")}?)` : "";
}

/** Every string leaf of a parsed value, with the key it sits under. */
function strings(value: unknown, key: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === "string") out.push([key, value]);
  else if (Array.isArray(value)) for (const v of value) strings(v, key, out);
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) strings(v, k, out);
  return out;
}

/** The expressions of a hcl2json string: the parts inside `${ ... }` (balanced braces). */
function expressions(s: string): string[] {
  const out: string[] = [];
  for (let i = s.indexOf("${"); i >= 0; i = s.indexOf("${", i + 1)) {
    if (i > 0 && s[i - 1] === "$") continue;
    let depth = 0;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === "{") depth++;
      else if (s[j] === "}" && --depth === 0) { out.push(s.slice(i + 2, j)); i = j; break; }
    }
  }
  // String literals inside expressions are data (policy text), not references.
  return out.map((e) => e.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

function checkReferences(m: Module, modules: Map<string, Module>, problems: string[]): void {
  const attributeOf = (type: string, attr: string) => {
    const schema = PROVIDER_SCHEMA.resources[type] ?? PROVIDER_SCHEMA.dataSources[type];
    return schema && (attr in schema.attributes || attr in schema.blocks);
  };
  for (const { file, json } of m.all) {
    const scan = { ...json };
    delete scan.moved; delete scan.import; delete scan.variable;
    for (const [key, s] of strings(scan, "")) {
      if (key === "ignore_changes") continue;
      for (const expr of expressions(s)) {
        for (const r of expr.matchAll(/(?<![\w.])(aws_\w+)\.(\w+)((?:\[[^\]]*\])*)(?:\.(\w+))?/g)) {
          const address = `${r[1]}.${r[2]}`;
          if (!m.resources.has(address)) problems.push(`${file}: reference ${r[0]} names no resource of module ${m.dir}`);
          else if (r[4] && !attributeOf(r[1], r[4])) problems.push(`${file}: reference ${r[0]}: ${r[1]} has no attribute "${r[4]}" in ${VERSION}`);
        }
        for (const r of expr.matchAll(/(?<![\w.])data\.(\w+)\.(\w+)(?:\.(\w+))?/g)) {
          if (!m.data.has(`${r[1]}.${r[2]}`)) problems.push(`${file}: reference ${r[0]} names no data source of module ${m.dir}`);
          else if (r[3] && !attributeOf(r[1], r[3])) problems.push(`${file}: reference ${r[0]}: ${r[1]} has no attribute "${r[3]}" in ${VERSION}`);
        }
        for (const r of expr.matchAll(/(?<![\w.])var\.(\w+)/g)) if (!m.variables.has(r[1])) problems.push(`${file}: var.${r[1]} is not declared in module ${m.dir}`);
        for (const r of expr.matchAll(/(?<![\w.])local\.(\w+)/g)) if (!m.locals.has(r[1])) problems.push(`${file}: local.${r[1]} is not declared in module ${m.dir}`);
        for (const r of expr.matchAll(/(?<![\w.])module\.(\w+)\.(\w+)/g)) {
          const child = childOf(m, r[1], modules);
          if (!child) problems.push(`${file}: module.${r[1]} is not called in module ${m.dir}`);
          else if (!child.outputs.has(r[2])) problems.push(`${file}: module.${r[1]}.${r[2]}: module ${child.dir} has no output "${r[2]}"`);
        }
      }
    }
  }
}

function childOf(m: Module, call: string, modules: Map<string, Module>): Module | undefined {
  const c = m.calls.get(call);
  if (!c) return undefined;
  const source = String(c.body.source).replace(/^\.\//, "");
  return modules.get(m.dir === "." ? source : `${m.dir}/${source}`);
}

/** `module.a.aws_x.y[0]` or `aws_x.y[0]` must name a declared resource (of a called module). */
function resolveAddress(m: Module, address: string, modules: Map<string, Module>): string | undefined {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  let current: Module | undefined = m;
  while (parts[0] === "module") {
    current = current && childOf(current, parts[1], modules);
    if (!current) return `module.${parts[1]} is not called`;
    parts.splice(0, 2);
  }
  if (parts.length !== 2 || !current!.resources.has(parts.join("."))) return `names no resource (${parts.join(".")} in module ${current!.dir})`;
  return undefined;
}

function blockNames(block: SchemaBlock, out = new Set<string>(), attributes = new Set<string>()): Set<string> {
  for (const name of Object.keys(block.attributes)) attributes.add(name);
  for (const [name, nested] of Object.entries(block.blocks)) { out.add(name); blockNames(nested.block, out, attributes); }
  for (const name of attributes) out.delete(name);
  return out;
}

/**
 * hcl2json shows `x = [{...}]` and `x { ... }` alike, so a block written as an attribute is found in
 * the text: inside a resource, `name =` where `name` is only ever a block in that resource's schema.
 */
function blocksWrittenAsAttributes(file: string, text: string, problems: string[]): void {
  let current: { address: string; blocks: Set<string> } | undefined;
  for (const line of text.split("\n")) {
    const open = /^resource "(\w+)" "(\w+)" \{$/.exec(line);
    if (open) {
      const schema = PROVIDER_SCHEMA.resources[open[1]];
      current = schema && { address: `${open[1]}.${open[2]}`, blocks: blockNames(schema) };
      continue;
    }
    if (line === "}") { current = undefined; continue; }
    const assign = /^\s+(\w+)\s*=/.exec(line);
    if (current && assign && current.blocks.has(assign[1])) problems.push(`${file}: ${current.address}: "${assign[1]}" is a block in ${VERSION} but is written as an attribute`);
  }
}

export async function providerProblems(files: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) if (file.endsWith(".tf")) blocksWrittenAsAttributes(file, text, problems);
  const modules = await loadModules(files);
  for (const m of modules.values()) {
    for (const [address, r] of m.resources) {
      const schema = PROVIDER_SCHEMA.resources[r.type];
      if (!schema) { problems.push(`${r.file}: resource type ${r.type} is not in ${VERSION}`); continue; }
      checkBody(r.body, schema, `${r.file}: ${address}`, problems, true);
      for (const lifecycle of r.body.lifecycle ?? []) {
        for (const ignored of lifecycle.ignore_changes ?? []) {
          const name = unwrap(ignored);
          if (!(name in schema.attributes) && !(name in schema.blocks)) problems.push(`${r.file}: ${address}: ignore_changes entry "${name}" is not an argument in ${VERSION}`);
        }
      }
    }
    for (const [address, d] of m.data) {
      const schema = PROVIDER_SCHEMA.dataSources[d.type];
      if (!schema) { problems.push(`${d.file}: data source ${d.type} is not in ${VERSION}`); continue; }
      checkBody(d.body, schema, `${d.file}: data.${address}`, problems, true);
    }
    for (const [name, call] of m.calls) {
      const child = childOf(m, name, modules);
      if (!child) { problems.push(`${call.file}: module.${name}: source ${call.body.source} is not among the emitted files`); continue; }
      for (const arg of Object.keys(call.body)) {
        if (!MODULE_META.has(arg) && !child.variables.has(arg)) problems.push(`${call.file}: module.${name} passes "${arg}", which module ${child.dir} does not declare`);
      }
      for (const [variable, decl] of child.variables) {
        if (!("default" in decl) && !(variable in call.body)) problems.push(`${call.file}: module.${name} does not pass required variable "${variable}"`);
      }
    }
    // A chain's last `to` must be declared; an earlier one is the next block's `from` and need not be
    // (chained moved blocks: https://developer.hashicorp.com/terraform/language/modules/develop/refactoring, chained moves;
    // Terraform's refactoring.ValidateMoves checks `from`, ambiguity and cycles, not that a `to` is declared).
    const intermediate = new Set(m.moved.map((mv) => mv.from));
    for (const mv of m.moved) {
      const bad = resolveAddress(m, mv.to, modules);
      if (bad && !(intermediate.has(mv.to) && bad.startsWith("names no resource"))) problems.push(`${mv.file}: moved to ${mv.to} ${bad}`);
      if (!/^(module\.\w+\.)*aws_\w+\.\w+(\[\d+\])?$/.test(mv.from)) problems.push(`${mv.file}: moved from ${mv.from} is not a resource address`);
    }
    for (const im of m.imports) {
      const bad = resolveAddress(m, im.to, modules);
      if (bad) problems.push(`${im.file}: import to ${im.to} ${bad}`);
    }
    checkReferences(m, modules, problems);
  }
  return problems;
}
