/**
 * The `versions.tf` floor, derived from what an emission actually uses. Each construct names the first
 * Terraform or hashicorp/aws version that accepts it, with the public source; `requiredVersions`
 * walks the HCL AST of every emitted file and takes the highest floor of the constructs it finds.
 * The upper bound stays below the next provider major (majors remove and rename arguments).
 */
import * as hcl from "../hcl";

export interface VersionFloor {
  construct: string;
  /** Does this emitted block/attribute/call use the construct? */
  uses(node: Node): boolean;
  terraform?: string;
  provider?: string;
  source: string;
}

type Node = { kind: string; type?: string; labels?: readonly string[]; name?: string; args?: readonly unknown[]; body?: readonly Node[] };

const isBlock = (n: Node, type: string, label?: string) => n.kind === "block" && n.type === type && (label === undefined || n.labels?.[0] === label);

export const BASELINE = { terraform: "1.0.0", provider: "6.0.0" } as const;
export const PROVIDER_UPPER_BOUND = "7.0.0";

export const VERSION_FLOORS: VersionFloor[] = [
  { construct: "data \"aws_region\" attribute `region` (was `name`)", provider: "6.0.0", uses: (n) => isBlock(n, "data", "aws_region"),
    source: "hashicorp/aws v6 upgrade guide (data source aws_region: name deprecated, use region)" },
  { construct: "moved {} blocks", terraform: "1.1.0", uses: (n) => isBlock(n, "moved"), source: "Terraform 1.1.0 CHANGELOG" },
  { construct: "precondition blocks (the lean module's variant guard)", terraform: "1.2.0", uses: (n) => isBlock(n, "precondition"), source: "Terraform 1.2.0 CHANGELOG (preconditions and postconditions)" },
  { construct: "optional(type, default) in variable types", terraform: "1.3.0", uses: (n) => n.kind === "call" && n.name === "optional" && (n.args?.length ?? 0) === 2,
    source: "Terraform 1.3.0 CHANGELOG (optional object type attributes with defaults)" },
  { construct: "import {} blocks", terraform: "1.5.0", uses: (n) => isBlock(n, "import"), source: "Terraform 1.5.0 CHANGELOG" },
  { construct: "removed {} blocks", terraform: "1.7.0", uses: (n) => isBlock(n, "removed"), source: "Terraform 1.7.0 CHANGELOG" },
  { construct: "S3 backend use_lockfile", terraform: "1.11.0", uses: (n) => n.kind === "attribute" && n.name === "use_lockfile",
    source: "Terraform 1.11.0 CHANGELOG (S3 native state locking GA)" },
  { construct: "global_secondary_index key_schema blocks", provider: "6.29.0", uses: (n) => isBlock(n, "key_schema") || isBlock(n, "dynamic", "key_schema"),
    source: "hashicorp/aws CHANGELOG 6.29.0" },
  { construct: "dynamic global_secondary_index / key_schema blocks", provider: "6.30.0",
    uses: (n) => isBlock(n, "dynamic", "global_secondary_index") || isBlock(n, "dynamic", "key_schema"),
    source: "hashicorp/aws CHANGELOG 6.30.0 (fixes a crash with dynamic GSI / key_schema blocks)" },
  { construct: "aws_dynamodb_contributor_insights `mode`", provider: "6.11.0",
    uses: (n) => isBlock(n, "resource", "aws_dynamodb_contributor_insights") && (n.body ?? []).some((a) => a.kind === "attribute" && a.name === "mode"),
    source: "hashicorp/aws CHANGELOG 6.11.0 (#43914)" },
];

const parts = (v: string) => v.split(".").map(Number);
const higher = (a: string, b: string) => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i] ? a : b;
  return a;
};

function walk(value: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(value)) { for (const v of value) walk(v, visit); return; }
  if (typeof value !== "object" || value === null) return;
  const node = value as Node;
  if (typeof node.kind === "string") visit(node);
  for (const child of Object.values(value)) walk(child, visit);
}

/** The floors an emission needs, and the constructs that set them (for the comment in versions.tf). */
export function requiredVersions(bodies: hcl.Body[]): { terraform: string; provider: string; reasons: string[] } {
  const used = new Set<VersionFloor>();
  walk(bodies, (n) => { for (const f of VERSION_FLOORS) if (f.uses(n)) used.add(f); });
  let terraform: string = BASELINE.terraform;
  let provider: string = BASELINE.provider;
  for (const f of used) {
    if (f.terraform) terraform = higher(terraform, f.terraform);
    if (f.provider) provider = higher(provider, f.provider);
  }
  const reasons = VERSION_FLOORS.filter((f) => used.has(f) && (f.terraform === terraform || f.provider === provider))
    .map((f) => `${f.terraform ? `Terraform ${f.terraform}` : `hashicorp/aws ${f.provider}`}: ${f.construct}`);
  return { terraform, provider, reasons };
}
