/**
 * Adoptions -> a TypeScript program: one component per table with exactly the table's settings and
 * `importFrom`, a customer-managed key (when adopted) as an imported `aws.kms.Key` the component
 * references, and comments for every unknown or unmanaged setting. Best-practice changes are NOT in
 * here: they are separate follow-ups, so the first `pulumi up` is a pure import.
 */
import type { Adoption } from "./types";

/** Code that is inserted as it is (a reference to another resource), not as a literal. */
class Code {
  constructor(readonly text: string) {}
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function literal(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return "undefined";
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 80 && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)}`);
  if (entries.length === 0) return "{}";
  const flat = `{ ${entries.join(", ")} }`;
  return flat.length <= 80 && !flat.includes("\n") ? flat : `{\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}}`;
}

/** `orders-prod` -> `ordersProd`; a leading digit gets a prefix. */
export function variableName(name: string, taken: Set<string>): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join("") || "table";
  if (/^\d/.test(base)) base = `t${base}`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

function commentLines(adoption: Adoption): string[] {
  // Unknowns about other resources (insights, streams, the key's deletion window) do not touch the table's import.
  const blocking = adoption.unknown.filter((u) => u.effect.startsWith("left out") && !u.setting.startsWith("kmsKey."));
  const lines = [`// ${adoption.declaration.kind} "${adoption.declaration.name}" adopts ${adoption.source}` +
    (blocking.length === 0 ? " with no diff." : `: set ${blocking.map((u) => u.setting).join(", ")} to the live values first (unknown below), or the import shows a diff.`)];
  for (const u of adoption.unknown) lines.push(`// unknown: ${u.setting} (${u.reason}); ${u.effect}.`);
  for (const n of adoption.notAdopted) lines.push(`// not adopted: ${n.what}: ${n.why}.`);
  return lines;
}

export function renderProgram(adoptions: Adoption[], packageName = "dynamodb-blueprints"): string {
  const kinds = [...new Set(adoptions.map((a) => a.declaration.kind))].sort();
  const lines = [`import { ${kinds.join(", ")} } from "${packageName}";`];
  if (adoptions.some((a) => a.kmsKey)) lines.push(`import * as kms from "@pulumi/aws/kms";`);
  const taken = new Set<string>(["kms", ...kinds]);
  for (const adoption of adoptions) {
    lines.push("");
    const args: Record<string, unknown> = { ...adoption.declaration.args };
    if (adoption.kmsKey) {
      const keyVar = variableName(`${adoption.kmsKey.name}-key`, taken);
      lines.push(`// The table's customer-managed key, imported as it is (id ${adoption.kmsKey.keyId}).`);
      lines.push(`export const ${keyVar} = new kms.Key(${JSON.stringify(adoption.kmsKey.name)}, ${literal(adoption.kmsKey.args)}, ` +
        `{ import: ${JSON.stringify(adoption.kmsKey.keyId)}, protect: true, retainOnDelete: true });`, "");
      args.kmsKeyArn = new Code(`${keyVar}.arn`);
    }
    lines.push(...commentLines(adoption));
    lines.push(`export const ${variableName(adoption.declaration.name, taken)} = new ${adoption.declaration.kind}(` +
      `${JSON.stringify(adoption.declaration.name)}, ${literal(args)});`);
  }
  return `${lines.join("\n")}\n`;
}
