/**
 * Derives `terraform/schema/aws-<version>.json`, the hashicorp/aws provider schema the emitted HCL is
 * checked against, for the resource and data-source types the emitter can produce (with all their
 * nested blocks), plus the Pulumi argument names that are not the camelCase of Terraform's.
 *
 * Source: `@cdktn/provider-aws` (CDK Terrain's bindings generated from the provider's own schema; the
 * package version below is generated from hashicorp/aws 6.66.0). It is ~390 MB, so it is not a
 * devDependency: this script installs it into a temporary directory (`--ignore-scripts`) and reads
 * its generated JavaScript as text; nothing in it is executed.
 *
 *   npm run schema:update   rewrite the committed file
 *   npm run schema:check    fail if the committed file differs from a fresh derivation (CI, slow)
 *
 * Options: --from <dir> reads an already installed package instead of installing one.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { RESOURCE_TYPES, ResourceType } from "../model/resources";
import { PROVIDER_SCHEMA_SOURCE, ProviderSchema, SchemaBlock } from "../terraform/provider-schema";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "terraform", "schema", `aws-${PROVIDER_SCHEMA_SOURCE.providerVersion}.json`);
/** Types the emitter can produce beyond the model's resource types. */
const EXTRA_RESOURCES = ["aws_dynamodb_global_secondary_index"];
const DATA_SOURCES = ["aws_caller_identity", "aws_partition", "aws_region"];

interface Segment { name: string; text: string }

/** Top-level `function xToHclTerraform(struct)` bodies and `class X` bodies of one generated file. */
function segments(source: string, re: RegExp): Segment[] {
  const out: Segment[] = [];
  for (const m of source.matchAll(re)) {
    const start = m.index!;
    const end = source.indexOf("\n}\n", start);
    out.push({ name: m[1], text: source.slice(start, end < 0 ? undefined : end) });
  }
  return out;
}

interface Entry { name: string; value: string; isBlock: boolean; type: string }
const ENTRY = /^( {8}| {12})(\w+): \{\n\1 {4}value: (.*),\n\1 {4}isBlock: (true|false),\n\1 {4}type: "(\w+)",/gm;
const FLAGS = /\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)/g;
const MEMBER = /^ {4}_\w+ = new (\w+)\(this, "(\w+)"/gm;

function entries(text: string): Entry[] {
  return [...text.matchAll(ENTRY)].map((m) => ({ name: m[2], value: m[3], isBlock: m[4] === "true", type: m[5] }));
}

function buildBlock(fns: Map<string, Segment>, classes: Map<string, Segment>, synth: string, classText: string, where: string): SchemaBlock {
  const flags = new Map([...classText.matchAll(FLAGS)].map((m) => [m[1], { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" }]));
  const members = new Map([...classText.matchAll(MEMBER)].map((m) => [m[2], m[1]]));
  const block: SchemaBlock = { attributes: {}, blocks: {} };
  const seen = new Set<string>();
  for (const e of entries(synth)) {
    seen.add(e.name);
    const f = flags.get(e.name) ?? { computed: false, optional: true, required: false };
    if (!e.isBlock) {
      block.attributes[e.name] = { type: e.type, ...f };
      continue;
    }
    const nested = /(?<![.\w])(\w+)ToHclTerraform\b/.exec(e.value);
    if (!nested) throw new Error(`${where}.${e.name}: cannot find the nested block's function in ${e.value}`);
    const fn = fns.get(nested[1]);
    if (!fn) throw new Error(`${where}.${e.name}: no function ${nested[1]}ToHclTerraform`);
    const className = nested[1][0].toUpperCase() + nested[1].slice(1) + "OutputReference";
    const single = members.get(e.name)?.endsWith("OutputReference") ?? false;
    block.blocks[e.name] = {
      nesting: single ? "single" : e.type === "set" ? "set" : "list",
      required: f.required,
      block: buildBlock(fns, classes, fn.text, classes.get(className)?.text ?? "", `${where}.${e.name}`),
    };
  }
  // Read-only attributes: never in the synthesized arguments, only as commented getters.
  for (const [name, f] of flags) if (!seen.has(name) && f.computed && !f.optional && !f.required) block.attributes[name] = { type: "computed", ...f };
  return block;
}

function parseType(dir: string, tfType: string, kind: "resource" | "data"): SchemaBlock {
  const base = tfType.replace(/^aws_/, "").replace(/_/g, "-");
  const file = path.join(dir, "lib", kind === "data" ? `data-aws-${base}` : `${base}`, "index.js");
  const source = fs.readFileSync(file, "utf8");
  const fns = new Map(segments(source, /^function (\w+)ToHclTerraform\(struct\) \{/gm).map((s) => [s.name, s]));
  const classes = new Map(segments(source, /^class (\w+) extends/gm).map((s) => [s.name, s]));
  const main = [...classes.values()].find((c) => c.text.includes(`static tfResourceType = "${tfType}"`));
  if (!main) throw new Error(`${file}: no class for ${tfType}`);
  const synth = main.text.slice(main.text.indexOf("synthesizeHclAttributes()"));
  return buildBlock(fns, classes, synth, main.text, tfType);
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Pulumi argument -> Terraform argument where the bridge renamed it (e.g. MetricAlarm `name` is
 * `alarm_name`). Derived by pairing the `<Type>Args` properties of `@pulumi/aws` with the schema's
 * arguments: what is left unmatched on both sides after the bridge's camelCase (and, for repeated
 * blocks, plural) rule must pair up one to one, or this script fails and names them.
 */
function pulumiRenames(tfType: ResourceType, schema: SchemaBlock): Record<string, string> {
  const [, mod, typeName] = /^aws:([^/]+)\/[^:]+:(\w+)$/.exec(RESOURCE_TYPES[tfType].pulumiType)!;
  const file = path.join(ROOT, "node_modules", "@pulumi", "aws", mod, `${typeName[0].toLowerCase()}${typeName.slice(1)}.d.ts`);
  const text = fs.readFileSync(file, "utf8");
  const body = text.slice(text.indexOf(`export interface ${typeName}Args {`));
  const props = [...body.slice(0, body.indexOf("\n}\n")).matchAll(/^ {4}(\w+)\??: /gm)].map((m) => m[1]);
  const tfArgs = [
    ...Object.entries(schema.attributes).filter(([n, a]) => n !== "id" && (a.optional || a.required)).map(([n]) => [n, [camel(n)]] as const),
    ...Object.entries(schema.blocks).map(([n, b]) => [n, b.nesting === "single" ? [camel(n)] : [camel(n), `${camel(n)}s`, `${camel(n).replace(/y$/, "ies")}`, `${camel(n)}es`]] as const),
  ];
  const unmatchedProps = props.filter((p) => !tfArgs.some(([, names]) => names.includes(p)));
  const unmatchedTf = tfArgs.filter(([, names]) => !names.some((n) => props.includes(n))).map(([n]) => n);
  // tags_all is computed+optional in the provider but an output only in Pulumi.
  const candidatesTf = unmatchedTf.filter((n) => n !== "tags_all");
  if (unmatchedProps.length === 0) return {};
  if (unmatchedProps.length === 1 && candidatesTf.length === 1) return { [unmatchedProps[0]]: candidatesTf[0] };
  throw new Error(`${tfType}: cannot pair Pulumi arguments [${unmatchedProps}] with Terraform arguments [${candidatesTf}]`);
}

export function derive(dir: string): ProviderSchema {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  if (pkg.version !== PROVIDER_SCHEMA_SOURCE.packageVersion) throw new Error(`${dir}: version ${pkg.version}, want ${PROVIDER_SCHEMA_SOURCE.packageVersion}`);
  const resources: ProviderSchema["resources"] = {};
  const pulumiNames: ProviderSchema["pulumiNames"] = {};
  for (const type of [...Object.keys(RESOURCE_TYPES), ...EXTRA_RESOURCES].sort()) {
    resources[type] = parseType(dir, type, "resource");
    if (type in RESOURCE_TYPES) {
      const renames = pulumiRenames(type as ResourceType, resources[type]);
      if (Object.keys(renames).length > 0) pulumiNames[type] = renames;
    }
  }
  const dataSources: ProviderSchema["dataSources"] = {};
  for (const type of DATA_SOURCES) dataSources[type] = parseType(dir, type, "data");
  return { ...PROVIDER_SCHEMA_SOURCE, resources, dataSources, pulumiNames };
}

function install(dir: string): string {
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "provider-schema", version: "0.0.0", private: true }));
  execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--legacy-peer-deps", "--no-save",
    `${PROVIDER_SCHEMA_SOURCE.package}@${PROVIDER_SCHEMA_SOURCE.packageVersion}`], { cwd: dir, stdio: "inherit" });
  return path.join(dir, "node_modules", ...PROVIDER_SCHEMA_SOURCE.package.split("/"));
}

export const serialize = (schema: ProviderSchema) => `${JSON.stringify(schema, null, 1)}\n`;

if (require.main === module) {
  const args = process.argv.slice(2);
  const temp = args.includes("--from") ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "provider-schema-"));
  let text: string;
  try {
    text = serialize(derive(temp ? install(temp) : args[args.indexOf("--from") + 1]));
  } finally {
    if (temp) fs.rmSync(temp, { recursive: true, force: true }); // ~390 MB
  }
  if (args.includes("--check")) {
    const committed = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
    if (committed !== text) {
      console.error(`${path.relative(ROOT, OUT)} is not what ${PROVIDER_SCHEMA_SOURCE.package}@${PROVIDER_SCHEMA_SOURCE.packageVersion} gives: run npm run schema:update`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUT)} is current.`);
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(ROOT, OUT)}`);
  }
}
