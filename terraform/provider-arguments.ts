/**
 * `providerArguments` (model/provider-arguments.ts) against the hashicorp/aws schema the emitter
 * writes for: every name must be a settable `aws_dynamodb_table` argument (unknown ones get a
 * did-you-mean), values must fit its type (attribute or block, and a block's members), and read-only
 * ones are refused. Run by both renderers (components/tables.ts, terraform/to-terraform.ts) before
 * anything is registered or written. The module layout's table body gets every argument the blueprint
 * does not own from the same schema, read from `var.provider_arguments`.
 */
import * as hcl from "../hcl";
import { ProblemList, didYouMean } from "../model/errors";
import { MODEL_OWNED_ARGUMENTS } from "../model/provider-arguments";
import type { Blueprint } from "../model/stack";
import { tablesOf } from "../model/stack";
import { PROVIDER_SCHEMA, PROVIDER_SCHEMA_SOURCE, SchemaBlock } from "./provider-schema";

const TABLE: SchemaBlock = PROVIDER_SCHEMA.resources.aws_dynamodb_table;
const provider = `${PROVIDER_SCHEMA_SOURCE.provider} ${PROVIDER_SCHEMA_SOURCE.providerVersion}`;
const settable = (block: SchemaBlock) => Object.entries(block.attributes).filter(([, a]) => a.optional || a.required).map(([n]) => n);
const isPrimitive = (v: unknown) => ["string", "number", "boolean"].includes(typeof v);

/** The schema's settable attributes and blocks the blueprint does not set: what the hatch may pass. */
export const OPEN_ATTRIBUTES = settable(TABLE).filter((n) => !(n in MODEL_OWNED_ARGUMENTS));
export const OPEN_BLOCKS = Object.keys(TABLE.blocks).filter((n) => !(n in MODEL_OWNED_ARGUMENTS));

function checkMembers(problems: ProblemList, at: string, value: Record<string, unknown>, block: SchemaBlock): void {
  const names = settable(block);
  for (const [name, v] of Object.entries(value)) {
    if (name in block.blocks) {
      problems.add(`${at}.${name}`, v, "is a nested block, which providerArguments does not support", "model it in the blueprint instead");
    } else if (!names.includes(name)) {
      const guess = didYouMean(name, names);
      problems.add(`${at}.${name}`, v, `is not an argument of this block in ${provider}`, guess ? `did you mean "${guess}"?` : `use one of ${names.join(", ")}`);
    } else checkAttribute(problems, `${at}.${name}`, v, block.attributes[name].type);
  }
  for (const [name, a] of Object.entries(block.attributes)) {
    if (a.required && !(name in value)) problems.add(`${at}.${name}`, undefined, `is required in ${provider}`, `give ${name}`);
  }
}

function checkAttribute(problems: ProblemList, at: string, v: unknown, type: string): void {
  const ok = type === "simple" ? isPrimitive(v)
    : type === "list" || type === "set" ? Array.isArray(v) && v.every(isPrimitive)
    : type === "map" ? typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isPrimitive) : true;
  if (!ok) problems.add(at, v, `does not fit the provider's type (${type === "simple" ? "a string, number or boolean" : type === "map" ? "a map of strings" : `a ${type} of values`})`, "write the value as the provider documents it");
}

/** Problems of one table's providerArguments; `where` names the component. */
export function checkProviderArguments(problems: ProblemList, where: string, extra: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (name in MODEL_OWNED_ARGUMENTS) continue; // refused by the model already
    const at = `${where}.providerArguments.${name}`;
    const attribute = TABLE.attributes[name];
    const block = TABLE.blocks[name];
    if (attribute && !(attribute.optional || attribute.required)) {
      problems.add(at, value, `is read-only in ${provider}`, "remove it");
    } else if (attribute) {
      checkAttribute(problems, at, value, attribute.type);
    } else if (block) {
      const entries = block.nesting === "single" ? [value] : value;
      if (!Array.isArray(entries) || !entries.every((e) => typeof e === "object" && e !== null && !Array.isArray(e))) {
        problems.add(at, value, `is a ${block.nesting === "single" ? "single block: write an object" : "repeated block: write a list of objects"}`, "write it as the provider documents it");
      } else entries.forEach((e, i) => checkMembers(problems, block.nesting === "single" ? at : `${at}[${i}]`, e as Record<string, unknown>, block.block));
    } else {
      const guess = didYouMean(name, [...OPEN_ATTRIBUTES, ...OPEN_BLOCKS, ...Object.keys(MODEL_OWNED_ARGUMENTS)]);
      problems.add(at, value, `is not an argument of aws_dynamodb_table in ${provider}`,
        guess ? `did you mean "${guess}"?${guess in MODEL_OWNED_ARGUMENTS ? ` (the blueprint sets it: use ${MODEL_OWNED_ARGUMENTS[guess]})` : ""}` : `use one of ${[...OPEN_ATTRIBUTES, ...OPEN_BLOCKS].join(", ") || "(none open)"}`);
    }
  }
}

/** Throws the project's error, naming every table and argument, when any providerArguments do not fit the schema. */
export function assertProviderArguments(blueprints: Blueprint<unknown>[]): void {
  for (const t of tablesOf(blueprints)) {
    const problems = new ProblemList();
    checkProviderArguments(problems, `${t.kind} "${t.name}"`, t.table.providerArguments);
    problems.throwIfAny(`${t.kind} "${t.name}"`);
  }
}

/** The module table body's items for the open arguments, each read from `var.provider_arguments` (null when absent). */
export function providerArgumentItems(): hcl.BodyItem[] {
  const read = (...path: string[]) => hcl.call("try", hcl.traversal("var", "provider_arguments", ...path), hcl.nul());
  const items: hcl.BodyItem[] = OPEN_ATTRIBUTES.map((n) => hcl.attr(n, read(n)));
  for (const name of OPEN_BLOCKS) {
    const block = TABLE.blocks[name];
    const each = block.nesting === "single" ? hcl.call("try", hcl.list(hcl.traversal("var", "provider_arguments", name)), hcl.list())
      : hcl.call("try", hcl.traversal("var", "provider_arguments", name), hcl.list());
    items.push(hcl.block("dynamic", [name], [hcl.attr("for_each", each), hcl.blank(), hcl.block("content", [],
      settable(block.block).map((m) => hcl.attr(m, hcl.call("try", hcl.traversal(name, "value", m), hcl.nul()))))]));
  }
  return items;
}
