/**
 * The feature-registry paths a set of emitted files writes, read with HashiCorp's parser
 * (@cdktf/hcl2json), independently of the emitter's syntax tree and of terraform/version-floors.ts.
 * Paths: `<resource type>.<block>.<argument>`, `data.<type>`, `meta.<argument>`, `block.<type>[.<argument>]`,
 * `terraform.backend.s3.<argument>`, `function.<name>`, `variable.validation.cross-reference`
 * (model/feature-registry/language.ts names them).
 */
import { parseHcl } from "../hcl/tools";
import { featureEntry, laterVersion, versionsOf } from "../../model/feature-registry";

const META = new Set(["count", "for_each", "depends_on", "provider"]);
const MODULE_META = new Set(["source", "count", "for_each", "depends_on", "providers"]);
const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
const isBlockList = (v: unknown): v is Record<string, any>[] => Array.isArray(v) && v.length > 0 && v.every(isObj);

export interface Written { path: string; dynamic: boolean; file: string }

/** Function names called in an expression string (hcl2json keeps expressions as "${...}"). */
function calls(value: unknown, file: string, out: Written[]): void {
  if (typeof value === "string") {
    if (!value.includes("${")) return;
    for (const m of value.matchAll(/([a-z_][a-z0-9_]*)\(/g)) out.push({ path: `function.${m[1]}`, dynamic: false, file });
  } else if (Array.isArray(value)) value.forEach((v) => calls(v, file, out));
  else if (isObj(value)) Object.values(value).forEach((v) => calls(v, file, out));
}

function body(prefix: string, b: Record<string, any>, file: string, out: Written[], top: boolean): void {
  for (const [key, value] of Object.entries(b)) {
    if (top && META.has(key)) { out.push({ path: `meta.${key}`, dynamic: false, file }); continue; }
    if (top && key === "lifecycle") {
      out.push({ path: "meta.lifecycle", dynamic: false, file });
      for (const l of value) body("meta.lifecycle", l, file, out, false);
      continue;
    }
    if (key === "dynamic") {
      for (const [name, dyns] of Object.entries<any[]>(value)) {
        out.push({ path: `${prefix}.${name}`, dynamic: true, file });
        for (const d of dyns) for (const c of d.content ?? []) body(`${prefix}.${name}`, c, file, out, false);
      }
      continue;
    }
    out.push({ path: `${prefix}.${key}`, dynamic: false, file });
    if (isBlockList(value)) for (const nested of value) body(`${prefix}.${key}`, nested, file, out, false);
  }
}

export async function writtenPaths(files: Record<string, string>): Promise<Written[]> {
  const out: Written[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".tf")) continue;
    const json = await parseHcl(text);
    calls(json, file, out);
    const add = (path: string) => out.push({ path, dynamic: false, file });
    for (const [kind, value] of Object.entries<any>(json)) {
      add(`block.${kind}`);
      if (kind === "resource" || kind === "data") {
        for (const [type, byName] of Object.entries<any>(value)) for (const bodies of Object.values<any[]>(byName)) for (const b of bodies) {
          const prefix = kind === "data" ? `data.${type}` : type;
          add(prefix);
          body(prefix, b, file, out, true);
        }
      } else if (kind === "terraform") {
        for (const t of value) for (const [k, v] of Object.entries<any>(t)) {
          add(`block.terraform.${k}`);
          if (k === "backend") for (const [type, bs] of Object.entries<any[]>(v)) for (const b of bs) for (const a of Object.keys(b)) add(`terraform.backend.${type}.${a}`);
          if (k === "required_providers") for (const rp of v) for (const name of Object.keys(rp)) add(`block.terraform.required_providers.${name}`);
        }
      } else if (kind === "variable") {
        for (const [name, bodies] of Object.entries<any[]>(value)) for (const b of bodies) for (const [k, v] of Object.entries<any>(b)) {
          add(`block.variable.${k}`);
          if (k !== "validation") continue;
          for (const val of v) {
            for (const a of Object.keys(val)) add(`block.variable.validation.${a}`);
            const others = [...String(val.condition).matchAll(/\bvar\.([A-Za-z0-9_]+)/g)].map((m) => m[1]).filter((n) => n !== name);
            if (others.length > 0) add("variable.validation.cross-reference");
          }
        }
      } else if (kind === "module") {
        for (const bodies of Object.values<any[]>(value)) for (const b of bodies) for (const k of Object.keys(b)) if (MODULE_META.has(k)) add(`block.module.${k}`);
      } else if (kind === "output" || kind === "provider") {
        for (const bodies of Object.values<any[]>(value)) for (const b of bodies) body(`block.${kind}`, b, file, out, false);
      } else if (kind !== "locals") {
        for (const b of value) body(`block.${kind}`, b, file, out, false);
      }
    }
  }
  return out;
}

/** The floors the files need, from the parsed files and the registry: [Terraform, provider]. */
export async function expectedFloors(files: Record<string, string>): Promise<{ terraform: string; provider: string; unknown: string[] }> {
  let terraform = "1.0.0";
  let provider = "6.0.0";
  const unknown = new Set<string>();
  for (const w of await writtenPaths(files)) {
    const entry = featureEntry(w.path);
    if (!entry) { unknown.add(`${w.path} (${w.file})`); continue; }
    const v = versionsOf(entry, w.dynamic);
    if (v.provider) provider = laterVersion(provider, v.provider.version);
    if (v.terraform) terraform = laterVersion(terraform, v.terraform.version);
  }
  return { terraform, provider, unknown: [...unknown].sort() };
}

export async function declaredFloors(files: Record<string, string>): Promise<{ terraform: string; provider: string }> {
  const t = (await parseHcl(files["versions.tf"])).terraform[0];
  const floor = (constraint: string) => /^>= (\d+\.\d+\.\d+)/.exec(constraint)?.[1] ?? constraint;
  return { terraform: floor(t.required_version), provider: floor(t.required_providers[0].aws.version) };
}
