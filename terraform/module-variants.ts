/**
 * The module layout's resource variants, and the `moved` blocks that keep a table's (and its key's)
 * Terraform address when its variant changes.
 *
 * `prevent_destroy` and `ignore_changes` must be literals, so one shared module needs a table variant
 * per combination of protection, scaled table dimensions (none / read / write / both: only what a
 * scaler owns is ignored, exactly like the flat layout and Pulumi) and GSI scaling (the whole
 * `global_secondary_index` set, since Terraform cannot address one element of a set). Exactly one is
 * selected with `count` (the lean module, terraform/module-contents.ts, declares only the variants its
 * stack's tables select). Each variant is a different address, so without help a change of
 * protection or scaling would be planned as destroy + create of the table, and its key scheduled
 * for deletion.
 *
 * The root module therefore writes, per table, a chain of `moved` blocks through every other variant
 * ending at the selected one. Terraform
 * applies a `moved` only when its `from` is in the state and follows chains, so whatever variant the
 * previous emission selected, the object moves to the current address. A `from` whose instance is
 * declared (count = 1) is invalid, which is why the chain ends at the selected variant and never
 * passes through it. Root-level blocks are used because a module's own `moved` blocks cannot be
 * conditional (A->B plus B->A would be a cycle). The chain names every variant, declared in this
 * emission's module or not: any of them may hold the table in the state (an earlier emission, or the
 * full module), and an undeclared address may sit inside a chain (Terraform's chained moved blocks,
 * https://developer.hashicorp.com/terraform/language/modules/develop/refactoring, chained moves).
 * tests/terraform/address-stability.test.ts simulates this for every pair of variants.
 */
import * as hcl from "../hcl";
import { CREATION_SOURCE_ARGS } from "../model/creation-source";
import { TableSpec } from "../model/types";

export type TableScaling = "none" | "read" | "write" | "both";
export interface TableVariant { name: string; protect: boolean; scaling: TableScaling; gsi: boolean }

const SCALINGS: TableScaling[] = ["none", "read", "write", "both"];
/**
 * Names keep those of earlier emitter versions (this, autoscaled, autoscaled_gsi_ignore and their
 * protected_ twins), so every address a previous emission used is still declared and in the chain.
 */
const variantName = (protect: boolean, scaling: TableScaling, gsi: boolean) => [
  ...(protect ? ["protected"] : []),
  ...(scaling === "none" ? [] : [scaling === "both" ? "autoscaled" : `autoscaled_${scaling}`]),
  ...(gsi ? ["gsi_ignore"] : []),
].join("_") || "this";

export const TABLE_VARIANTS: TableVariant[] = [false, true].flatMap((protect) =>
  SCALINGS.flatMap((scaling) => [false, true].map((gsi) => ({ name: variantName(protect, scaling, gsi), protect, scaling, gsi }))));
export const KEY_VARIANTS = ["this", "protected"] as const;

export function variantOf(spec: TableSpec<unknown>): TableVariant {
  const read = spec.scaling.some((s) => s.dimension === "read");
  const write = spec.scaling.some((s) => s.dimension === "write");
  const scaling: TableScaling = read && write ? "both" : read ? "read" : write ? "write" : "none";
  const gsi = spec.globalSecondaryIndexes.some((g) => g.scaling.length > 0);
  return TABLE_VARIANTS.find((v) => v.protect === spec.lifecycle.protect && v.scaling === scaling && v.gsi === gsi)!;
}

/**
 * The `ignore_changes` of a variant: what an auto scaler owns, and the creation-only arguments the
 * module writes (model/creation-source.ts; all of them in the full module), which act once and would
 * force a new table if changed later. The flat layout and Pulumi ignore those only when set; a literal
 * lifecycle cannot depend on a variable. An argument the module does not write is not listed: Terraform
 * checks `ignore_changes` against the provider's schema, so naming it would raise the provider floor.
 */
export function ignoredBy(variant: TableVariant, creation: string[] = Object.values(CREATION_SOURCE_ARGS)): string[] {
  return [
    ...(variant.scaling === "read" || variant.scaling === "both" ? ["read_capacity"] : []),
    ...(variant.scaling === "write" || variant.scaling === "both" ? ["write_capacity"] : []),
    ...(variant.gsi ? ["global_secondary_index"] : []),
    ...creation,
  ];
}

/** The `count` condition that selects a variant from the module's inputs. */
export function selects(variant: TableVariant): hcl.Expr {
  const v = (name: string) => hcl.ref(`var.${name}`);
  const set = (name: string, on: boolean) => hcl.binary(v(name), on ? "!=" : "==", hcl.nul());
  return hcl.and(
    variant.protect ? v("prevent_destroy") : hcl.not(v("prevent_destroy")),
    set("autoscaling_read", variant.scaling === "read" || variant.scaling === "both"),
    set("autoscaling_write", variant.scaling === "write" || variant.scaling === "both"),
    variant.gsi ? hcl.ref("local.autoscaled_gsi") : hcl.not(hcl.ref("local.autoscaled_gsi")),
  );
}

/** `moved` blocks chaining every other address of one resource to `current` (instance [0]). */
function chain(module: string, type: string, others: string[], current: string): hcl.BodyItem[] {
  const order = [...others, current];
  // Each address is the `to` of one block and the `from` of the next: built once (a thousand tables write 15,000 of these blocks).
  const addresses = order.map((name) => hcl.traversal("module", module, type, name, 0));
  return addresses.slice(0, -1).map((from, i) => hcl.block("moved", [], [hcl.attr("from", from), hcl.attr("to", addresses[i + 1])]));
}

/** The root module's `moved` blocks for one table module call. */
export function movedBlocks(module: string, spec: TableSpec<unknown>, createsKey: boolean): hcl.BodyItem[] {
  const current = variantOf(spec);
  const others = TABLE_VARIANTS.map((v) => v.name).filter((n) => n !== current.name);
  const items: hcl.BodyItem[] = [
    hcl.comment(`Table "${module}" is variant ${current.name}; from any other variant it moves here, never destroyed.`),
    ...chain(module, "aws_dynamodb_table", others, current.name),
  ];
  if (createsKey) {
    const key = spec.lifecycle.protect ? "protected" : "this";
    items.push(...chain(module, "aws_kms_key", KEY_VARIANTS.filter((k) => k !== key), key));
  }
  return items;
}
