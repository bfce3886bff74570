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

/**
 * The written paths, each once: a thousand tables write the same few dozen paths thousands of times,
 * and looking each one up again was a third of toTerraform's time (bench/emitter). Paths are joined
 * through `join`, which returns the same string for the same prefix and name, so the walk builds no
 * new string per node (building them was most of the walk's time and garbage).
 */
export class WrittenPathSet {
  private readonly seen = { static: new Set<string>(), dynamic: new Set<string>() };
  private readonly joined = new Map<string, Map<string, string>>();
  readonly list: WrittenPath[] = [];
  /** Adds what `body` (a file's top-level items, or some of them) writes. */
  addBody(body: hcl.Body): this {
    addBody(this, body);
    return this;
  }
  push(path: string, dynamic = false): void {
    const seen = dynamic ? this.seen.dynamic : this.seen.static;
    if (seen.has(path)) return;
    seen.add(path);
    this.list.push({ path, dynamic });
  }
  /** `${prefix}.${name}`, built once per distinct pair. */
  join(prefix: string, name: string): string {
    let byName = this.joined.get(prefix);
    if (!byName) this.joined.set(prefix, (byName = new Map()));
    let path = byName.get(name);
    if (path === undefined) byName.set(name, (path = `${prefix}.${name}`));
    return path;
  }
}

/** Every function called anywhere in `body`. */
function functionCalls(body: hcl.Body, out: WrittenPathSet): void {
  hcl.forEachExpr(body, (e) => { if (e.kind === "call") out.push(out.join("function", e.name)); });
}

/** A resource or data source body: `<prefix>.<argument>`, nested blocks and `dynamic` blocks alike. */
function argumentPaths(prefix: string, body: hcl.Body, out: WrittenPathSet, resourceLevel: boolean): void {
  for (const a of body) {
    if (a.kind === "attribute") out.push(resourceLevel && META_ARGUMENTS.has(a.name) ? out.join("meta", a.name) : out.join(prefix, a.name));
  }
  for (const b of body) {
    if (b.kind !== "block") continue;
    if (resourceLevel && b.type === "lifecycle") {
      argumentPaths("meta.lifecycle", b.body, out, false);
      out.push("meta.lifecycle");
    } else if (b.type === "dynamic") {
      const path = out.join(prefix, b.labels[0]);
      out.push(path, true);
      for (const content of b.body) if (content.kind === "block" && content.type === "content") argumentPaths(path, content.body, out, false);
    } else {
      const path = out.join(prefix, b.type);
      out.push(path);
      argumentPaths(path, b.body, out, false);
    }
  }
}

/** Does a `validation` condition of variable `name` name another variable? (Terraform >= 1.9.0.) */
function refersToOtherVariable(body: hcl.Body, name: string): boolean {
  let found = false;
  hcl.forEachExpr(body, (e) => {
    if (e.kind === "traversal" && e.root === "var" && e.parts[0]?.kind === "attr" && e.parts[0].name !== name) found = true;
  });
  return found;
}

/** Module call arguments that are language arguments; the others are the module's inputs (its variables). */
const MODULE_ARGUMENTS = new Set(["source", "count", "for_each", "depends_on", "providers"]);

/** Every registry path the files write, once each. */
export function writtenPaths(bodies: hcl.Body[]): WrittenPath[] {
  const out = new WrittenPathSet();
  for (const body of bodies) addBody(out, body);
  return out.list;
}

function addBody(out: WrittenPathSet, body: hcl.Body): void {
  functionCalls(body, out);
  for (const b of body) {
    if (b.kind !== "block") continue;
    out.push(out.join("block", b.type));
    if (b.type === "resource") {
      out.push(b.labels[0]);
      argumentPaths(b.labels[0], b.body, out, true);
    } else if (b.type === "data") {
      const path = out.join("data", b.labels[0]);
      out.push(path);
      argumentPaths(path, b.body, out, true);
    } else if (b.type === "terraform") {
      for (const a of b.body) if (a.kind === "attribute") out.push(out.join("block.terraform", a.name));
      for (const inner of b.body) {
        if (inner.kind !== "block") continue;
        out.push(out.join("block.terraform", inner.type));
        const prefix = inner.type === "backend" ? out.join("terraform.backend", inner.labels[0]) : out.join("block.terraform", inner.type);
        for (const a of inner.body) if (a.kind === "attribute") out.push(out.join(prefix, a.name));
      }
    } else if (b.type === "variable") {
      for (const a of b.body) if (a.kind === "attribute") out.push(out.join("block.variable", a.name));
      for (const v of b.body) {
        if (v.kind !== "block") continue;
        const path = out.join("block.variable", v.type);
        out.push(path);
        for (const a of v.body) if (a.kind === "attribute") out.push(out.join(path, a.name));
        if (v.type === "validation" && refersToOtherVariable(v.body, b.labels[0])) out.push("variable.validation.cross-reference");
      }
    } else if (b.type === "module") {
      for (const a of b.body) if (a.kind === "attribute" && MODULE_ARGUMENTS.has(a.name)) out.push(out.join("block.module", a.name));
    } else if (b.type !== "locals") {
      argumentPaths(out.join("block", b.type), b.body, out, false);
    }
  }
}

/** The floors an emission needs, the entries that set them (for the comment in versions.tf), and paths the registry lacks. */
export function requiredVersions(written: hcl.Body[] | WrittenPathSet): { terraform: string; provider: string; reasons: string[]; unknown: string[] } {
  let terraform: string = BASELINE.terraform;
  let provider: string = BASELINE.provider;
  const setters: { kind: "terraform" | "provider"; entry: FeatureEntry; since: Since }[] = [];
  const unknown = new Set<string>();
  for (const { path, dynamic } of written instanceof WrittenPathSet ? written.list : writtenPaths(written)) {
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
