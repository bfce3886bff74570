/**
 * The feature registry (model/feature-registry/types.ts says what an entry holds): the table's
 * arguments, the other resource types, and the Terraform language. `featureEntry(path)` finds the
 * entry of an emitted path; `NOT_FLOORS` records CHANGELOG fixes that were weighed and are not floors.
 */
import { FeatureEntry, Since } from "./types";
import { TABLE_ENTRIES } from "./table";
import { RESOURCE_ENTRIES } from "./resources";
import { LANGUAGE_ENTRIES } from "./language";

export * from "./types";

export const FEATURE_REGISTRY: readonly FeatureEntry[] = [...TABLE_ENTRIES, ...RESOURCE_ENTRIES, ...LANGUAGE_ENTRIES];

const BY_PATH = new Map(FEATURE_REGISTRY.map((e) => [e.path, e]));

export function featureEntry(path: string): FeatureEntry | undefined {
  return BY_PATH.get(path);
}

/** CHANGELOG fixes weighed as floors and left out, with the reason (docs/terraform-versions.md repeats them). */
export const NOT_FLOORS: { change: string; reason: string }[] = [{
  change: "hashicorp/aws #46442 (merged after 6.31.0, CHANGELOG BUG FIXES): \"Fix perpetual diff when using `key_schema` with a single range key on a global secondary index\"",
  reason: "a floor says which versions accept the files; 6.29.0-6.31.x accept them (validate, plan and apply succeed) and only show an in-place GSI diff " +
    "on every plan: a bug-fix release to recommend (docs/terraform-versions.md), not an acceptance floor.",
}];

/** The newer of two versions (x.y.z). */
export function laterVersion(a: string, b: string): string {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i] ? a : b;
  return a;
}

/** The provider and Terraform versions an entry needs when written (as a dynamic block, `dynamic` too). */
export function versionsOf(entry: FeatureEntry, asDynamic = false): { provider?: Since; terraform?: Since } {
  const provider = asDynamic && entry.dynamic && entry.provider && laterVersion(entry.dynamic.version, entry.provider.version) === entry.dynamic.version
    ? entry.dynamic : entry.provider;
  return { provider, terraform: entry.terraform };
}
