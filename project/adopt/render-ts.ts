/**
 * Adoptions -> a TypeScript program: one component per table with exactly the table's settings and
 * `importFrom`, a customer-managed key (when adopted) as an imported `aws.kms.Key` the component
 * references, and comments for every unknown or unmanaged setting. Best-practice changes are NOT in
 * here: they are separate follow-ups, so the first `pulumi up` is a pure import.
 */
import type { Adoption } from "./types";
import { identifier, oneLine, stringLiteral } from "./sanitise";

/** Code that is inserted as it is (a reference to another resource), not as a literal. */
class Code {
  constructor(readonly text: string) {}
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object-literal key. `__proto__: v` and `"__proto__": v` both SET THE PROTOTYPE instead of making
 * a property (ECMA-262 B.3.1, "__proto__ Property Names in Object Initializers"); only the computed
 * form `["__proto__"]: v` defines an own property, so a tag of that name stays a tag. */
function propertyKey(k: string): string {
  if (k === "__proto__") return `[${stringLiteral(k)}]`;
  return IDENT.test(k) ? k : stringLiteral(k);
}

/** One `//` comment line: the tool's sentence with any outside text in it made inert (sanitise.ts). */
const comment = (text: string) => `// ${oneLine(text, 4000)}`;

export function literal(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return "undefined";
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error("a non-finite number cannot be written to the program");
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 80 && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${propertyKey(k)}: ${literal(v, inner)}`);
  if (entries.length === 0) return "{}";
  const flat = `{ ${entries.join(", ")} }`;
  return flat.length <= 80 && !flat.includes("\n") ? flat : `{\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}}`;
}

/** `orders-prod` -> `ordersProd`: see sanitise.ts `identifier`. */
export const variableName = (name: string, taken: Set<string>) => identifier(name, taken);

function commentLines(adoption: Adoption): string[] {
  // Unknowns about other resources (insights, streams, the key's deletion window) do not touch the table's import.
  const blocking = adoption.unknown.filter((u) => u.effect.startsWith("left out") && !u.setting.startsWith("kmsKey."));
  const lines = [comment(`${adoption.declaration.kind} "${adoption.declaration.name}" adopts ${adoption.source}` +
    (blocking.length === 0 ? " with no diff." : `: set ${blocking.map((u) => u.setting).join(", ")} to the live values first (unknown below), or the import shows a diff.`))];
  for (const u of adoption.unknown) lines.push(comment(`unknown: ${u.setting} (${u.reason}); ${u.effect}.`));
  for (const n of adoption.notAdopted) lines.push(comment(`not adopted: ${n.what}: ${n.why}.`));
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
      lines.push(comment(`The table's customer-managed key, imported as it is (id ${adoption.kmsKey.keyId}).`));
      const options = { import: adoption.kmsKey.keyId, protect: true, retainOnDelete: true,
        ...(adoption.kmsKey.ignoreChanges ? { ignoreChanges: adoption.kmsKey.ignoreChanges } : {}) };
      lines.push(`export const ${keyVar} = new kms.Key(${stringLiteral(adoption.kmsKey.name)}, ${literal(adoption.kmsKey.args)}, ${literal(options)});`, "");
      args.kmsKeyArn = new Code(`${keyVar}.arn`);
    }
    lines.push(...commentLines(adoption));
    lines.push(`export const ${variableName(adoption.declaration.name, taken)} = new ${adoption.declaration.kind}(` +
      `${stringLiteral(adoption.declaration.name)}, ${literal(args)});`);
  }
  return `${lines.join("\n")}\n`;
}
