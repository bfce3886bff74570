/**
 * Values the program does not know become Terraform input variables.
 *
 * A component argument may be a Pulumi Output of another resource (`functionArn: fn.arn`). Pulumi
 * knows such a value only after that resource is deployed; under mocks (the CLI, a unit test) it is a
 * mock value (a fake account, an ARN of the wrong shape). Writing it into HCL would hand Terraform a
 * value nobody chose, so the emitter writes `var.<name>` instead and declares the variable in
 * `inputs.tf`, typed and described with the Pulumi resources it came from.
 *
 * The rule (documented in docs/terraform-inputs.md): an Output becomes a variable when
 *   - it depends on at least one Pulumi resource (`Output.allResources()`, the set Pulumi itself uses
 *     for `dependsOn`; a value derived with `apply`, `interpolate` or `all` keeps its resources), or
 *   - it is not known (`Output.isKnown` is false, as in a preview or under mocks that leave it out).
 * An Output with no resource that is known (`pulumi.output("x")`, a config value) is written as its
 * value. Secrets are refused before this (terraform/items.ts). Promises and plain values are values.
 *
 * Duck-typed: this folder never imports Pulumi.
 */
import * as hcl from "../hcl";
import { terraformName, snakeCase } from "../model/resources";

/** Where an emitted value is a variable: `var.<$input>` (never a literal). */
export interface InputRef {
  $input: string;
}
export const isInputRef = (v: unknown): v is InputRef =>
  typeof v === "object" && v !== null && typeof (v as { $input?: unknown }).$input === "string" && Object.keys(v).length === 1;

/** A variable the emitted configuration needs from whoever applies it. */
export interface ForeignInput {
  name: string;
  /** Component and argument path, e.g. `DynamoTable "orders" streamConsumer.functionArn`. */
  usedBy: string[];
  /** URNs of the Pulumi resources the value came from (empty: an unknown value with no resource). */
  sources: string[];
}

/** Type tokens of this package's components: a URN whose type chain holds one was created by the package. */
export const PACKAGE_TYPE_PREFIX = "dynamodb-blueprints:index:";

interface OutputLike {
  apply(f: (x: unknown) => unknown): unknown;
  isKnown?: Promise<boolean>;
  allResources?: () => Promise<Iterable<unknown>>;
  resources?: () => Iterable<unknown>;
}

/** Resolve an Output-like value without hanging on an unknown one (`apply` never calls back then). */
async function valueOf(output: unknown): Promise<unknown> {
  const o = output as OutputLike & { promise?: (withUnknowns?: boolean) => Promise<unknown> };
  if (typeof o.promise === "function") return o.promise();
  if (o.isKnown && !(await o.isKnown)) return undefined;
  return new Promise((resolve) => o.apply((x: unknown) => { resolve(x); return x; }));
}

async function urnOf(resource: unknown): Promise<string> {
  const urn = (resource as { urn?: unknown })?.urn;
  const value = urn && typeof urn === "object" ? await valueOf(urn) : urn;
  return typeof value === "string" ? value : "(a resource whose URN is not known)";
}

/**
 * Whether a URN belongs to a resource this package created: its qualified type
 * (`urn:pulumi:<stack>::<project>::<parent types $ joined>::<name>`) holds a component of ours.
 */
export function createdByPackage(urn: string): boolean {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").some((t) => t.startsWith(PACKAGE_TYPE_PREFIX));
}

/** A foreign value: the URNs it came from, and what it resolves to here (only to tell two uses of one value apart). */
export interface Foreign {
  sources: string[];
  value: unknown;
}

/** The resources an Output depends on, when it is a foreign value; undefined for a value to resolve. */
export async function foreignSources(output: unknown): Promise<Foreign | undefined> {
  const o = output as OutputLike;
  const known = o.isKnown === undefined ? true : await o.isKnown;
  const resources = typeof o.allResources === "function" ? [...await o.allResources()] : typeof o.resources === "function" ? [...o.resources()] : [];
  if (known && resources.length === 0) return undefined;
  return { sources: [...new Set(await Promise.all(resources.map(urnOf)))].sort(), value: known ? await valueOf(output) : undefined };
}

/**
 * Collects foreign inputs while blueprints are resolved. One variable per value: the same Output
 * object, or two Outputs from the same resources that resolve to the same known value (a role's
 * `name` passed as `streamConsumer.roleName` and as a grant's role).
 */
export class ForeignInputs {
  private readonly byOutput = new Map<object, ForeignInput>();
  private readonly byValue = new Map<string, ForeignInput>();
  private readonly names = new Set<string>();

  /** The variable for `output`, used by component `owner` at argument path `keys`. */
  variable(output: object, owner: string, keys: readonly string[], foreign: Foreign, where: string): InputRef {
    const { sources } = foreign;
    const valueKey = foreign.value === undefined || foreign.value === null ? undefined : JSON.stringify([sources, foreign.value]);
    const existing = this.byOutput.get(output) ?? (valueKey === undefined ? undefined : this.byValue.get(valueKey));
    if (existing) {
      this.byOutput.set(output, existing);
      if (!existing.usedBy.includes(where)) existing.usedBy.push(where);
      return { $input: existing.name };
    }
    // Deterministic and a valid identifier whatever the names hold (terraformName keeps [A-Za-z0-9_]);
    // the argument path makes it end in a field name, so it is never a reserved word (`count`, `source`).
    const base = terraformName([owner, ...keys.map((k) => snakeCase(k))].join("_")).replace(/_+/g, "_").toLowerCase();
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    const input = { name, usedBy: [where], sources };
    this.byOutput.set(output, input);
    if (valueKey !== undefined) this.byValue.set(valueKey, input);
    return { $input: name };
  }

  get list(): ForeignInput[] {
    return [...new Set(this.byOutput.values())];
  }
}

function describe(input: ForeignInput): string {
  const from = input.sources.length === 0
    ? "a Pulumi value that is not known until deployment"
    : input.sources.map((urn) => `Pulumi resource ${urn}${createdByPackage(urn) ? "" : " (created outside dynamodb-blueprints)"}`).join("; ");
  return `${input.usedBy.join("; ")}: from ${from}. Set it with -var or a .tfvars file.`;
}

/** `inputs.tf`: one string variable per foreign value, described with where it came from. */
export function inputBlocks(inputs: readonly ForeignInput[]): hcl.Body {
  if (inputs.length === 0) return [];
  return [
    hcl.comment("Values the Pulumi program took from other resources' outputs (known only once those are deployed).\nTerraform asks for them instead of using a placeholder: pass them with -var or a .tfvars file."),
    ...[...inputs].sort((a, b) => a.name.localeCompare(b.name)).map((input) => hcl.block("variable", [input.name], [
      hcl.attr("description", describe(input)),
      hcl.attr("type", hcl.raw("string")),
      hcl.attr("nullable", false),
    ])),
  ];
}

/** `var.<name>` for an input reference. */
export const inputExpr = (ref: InputRef): hcl.Expr => hcl.traversal("var", ref.$input);
