/**
 * The `versions.tf` floors, derived from what an emission actually writes: every argument path and
 * language construct of every emitted file (module files included) is looked up in the feature
 * registry (model/feature-registry/), and the floors are the highest first versions found. An emitted
 * path the registry does not know cannot be dated, so it raises the provider floor to the schema the
 * emitter checks against (terraform/schema/) and is named in the comment; tests fail on it first
 * (tests/terraform/emitted-paths.test.ts). The upper bound stays below the next provider major
 * (majors remove and rename arguments).
 */
import * as hcl from "../hcl";
import { FeatureEntry, PROVIDER_BASELINE, Since, TERRAFORM_BASELINE, featureEntry, laterVersion, versionsOf } from "../model/feature-registry";
import { PROVIDER_SCHEMA } from "./provider-schema";

export const BASELINE = { terraform: TERRAFORM_BASELINE, provider: PROVIDER_BASELINE } as const;
export const PROVIDER_UPPER_BOUND = "7.0.0";

/** Arguments every resource block accepts, whatever its type (Terraform's meta-arguments). */
export const META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);

export interface WrittenPath { path: string; dynamic: boolean }

type Node = { kind?: string; name?: string } & Record<string, unknown>;

/**
 * The written paths, each once: a thousand tables write the same few dozen paths thousands of times,
 * and looking each one up again was a third of toTerraform's time (bench/emitter).
 */
class PathSet {
  private readonly seen = new Set<string>();
  readonly list: WrittenPath[] = [];
  push(p: WrittenPath): void {
    const key = p.dynamic ? `d:${p.path}` : `s:${p.path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(p);
  }
}

/** Every function called anywhere in `value` (an expression or a body). */
function functionCalls(value: unknown, out: PathSet): void {
  if (Array.isArray(value)) { for (const v of value) functionCalls(v, out); return; }
  if (typeof value !== "object" || value === null) return;
  const node = value as Node;
  if (node.kind === "call" && typeof node.name === "string") out.push({ path: `function.${node.name}`, dynamic: false });
  for (const child of Object.values(node)) functionCalls(child, out);
}

const attributes = (body: hcl.Body) => body.filter((i): i is hcl.Attribute => i.kind === "attribute");
const blocks = (body: hcl.Body) => body.filter((i): i is hcl.Block => i.kind === "block");

/** A resource or data source body: `<prefix>.<argument>`, nested blocks and `dynamic` blocks alike. */
function argumentPaths(prefix: string, body: hcl.Body, out: PathSet, resourceLevel: boolean): void {
  for (const a of attributes(body)) out.push({ path: resourceLevel && META_ARGUMENTS.has(a.name) ? `meta.${a.name}` : `${prefix}.${a.name}`, dynamic: false });
  for (const b of blocks(body)) {
    if (resourceLevel && b.type === "lifecycle") {
      argumentPaths("meta.lifecycle", b.body, out, false);
      out.push({ path: "meta.lifecycle", dynamic: false });
    } else if (b.type === "dynamic") {
      const path = `${prefix}.${b.labels[0]}`;
      out.push({ path, dynamic: true });
      for (const content of blocks(b.body).filter((c) => c.type === "content")) argumentPaths(path, content.body, out, false);
    } else {
      out.push({ path: `${prefix}.${b.type}`, dynamic: false });
      argumentPaths(`${prefix}.${b.type}`, b.body, out, false);
    }
  }
}

/** Does a `validation` condition of variable `name` name another variable? (Terraform >= 1.9.0.) */
function refersToOtherVariable(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((v) => refersToOtherVariable(v, name));
  if (typeof value !== "object" || value === null) return false;
  const node = value as { kind?: string; root?: string; parts?: { kind: string; name?: string }[] };
  if (node.kind === "traversal" && node.root === "var" && node.parts?.[0]?.kind === "attr" && node.parts[0].name !== name) return true;
  return Object.values(node).some((v) => refersToOtherVariable(v, name));
}

/** Every registry path the files write, once each. */
export function writtenPaths(bodies: hcl.Body[]): WrittenPath[] {
  const out = new PathSet();
  const add = (path: string) => out.push({ path, dynamic: false });
  for (const body of bodies) {
    functionCalls(body, out);
    for (const b of blocks(body)) {
      add(`block.${b.type}`);
      if (b.type === "resource") {
        add(b.labels[0]);
        argumentPaths(b.labels[0], b.body, out, true);
      } else if (b.type === "data") {
        add(`data.${b.labels[0]}`);
        argumentPaths(`data.${b.labels[0]}`, b.body, out, true);
      } else if (b.type === "terraform") {
        for (const a of attributes(b.body)) add(`block.terraform.${a.name}`);
        for (const inner of blocks(b.body)) {
          add(`block.terraform.${inner.type}`);
          const prefix = inner.type === "backend" ? `terraform.backend.${inner.labels[0]}` : `block.terraform.${inner.type}`;
          for (const a of attributes(inner.body)) add(`${prefix}.${a.name}`);
        }
      } else if (b.type === "variable") {
        for (const a of attributes(b.body)) add(`block.variable.${a.name}`);
        for (const v of blocks(b.body)) {
          add(`block.variable.${v.type}`);
          for (const a of attributes(v.body)) add(`block.variable.${v.type}.${a.name}`);
          if (v.type === "validation" && refersToOtherVariable(v.body, b.labels[0])) add("variable.validation.cross-reference");
        }
      } else if (b.type === "module") {
        // Other attributes are the module's inputs (its variables), not language arguments.
        for (const a of attributes(b.body)) if (["source", "count", "for_each", "depends_on", "providers"].includes(a.name)) add(`block.module.${a.name}`);
      } else if (b.type !== "locals") {
        argumentPaths(`block.${b.type}`, b.body, out, false);
      }
    }
  }
  return out.list;
}

/** The floors an emission needs, the entries that set them (for the comment in versions.tf), and paths the registry lacks. */
export function requiredVersions(bodies: hcl.Body[]): { terraform: string; provider: string; reasons: string[]; unknown: string[] } {
  let terraform: string = BASELINE.terraform;
  let provider: string = BASELINE.provider;
  const setters: { kind: "terraform" | "provider"; entry: FeatureEntry; since: Since }[] = [];
  const unknown = new Set<string>();
  for (const { path, dynamic } of writtenPaths(bodies)) {
    const entry = featureEntry(path);
    if (!entry) { unknown.add(path); continue; }
    const v = versionsOf(entry, dynamic);
    if (v.provider) { provider = laterVersion(provider, v.provider.version); setters.push({ kind: "provider", entry, since: v.provider }); }
    if (v.terraform) { terraform = laterVersion(terraform, v.terraform.version); setters.push({ kind: "terraform", entry, since: v.terraform }); }
  }
  // Not in the registry: only the schema the emitter checks against is known to accept it.
  if (unknown.size > 0) provider = laterVersion(provider, PROVIDER_SCHEMA.providerVersion);
  const reasons = (["provider", "terraform"] as const).map((kind) => {
    const floor = kind === "provider" ? provider : terraform;
    const label = `${kind === "provider" ? "hashicorp/aws" : "Terraform"} ${floor}`;
    const at = setters.filter((s) => s.kind === kind && s.since.version === floor);
    if (floor === BASELINE[kind]) return `${label}: the baseline (nothing newer is written)`;
    const paths = [...new Set(at.map((s) => s.entry.path))];
    // A block and its arguments share a version: name the block only.
    const shown = paths.filter((p) => !paths.some((q) => p.startsWith(`${q}.`)));
    const refs = [...new Set(at.map((s) => /#\d+/.exec(s.since.source)?.[0]).filter(Boolean))];
    return `${label}: ${shown.join(", ")}${refs.length ? ` (${refs.join(", ")})` : ""}`;
  });
  if (unknown.size > 0) reasons.push(`hashicorp/aws ${PROVIDER_SCHEMA.providerVersion}: not in the feature registry, so only the checked schema is known to accept ${[...unknown].sort().join(", ")}`);
  return { terraform, provider, reasons, unknown: [...unknown].sort() };
}
