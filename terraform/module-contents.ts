/**
 * What `modules/dynamodb` contains for one emission (docs/module-layout.md).
 *
 * The lean module (the default) holds only what the stack's tables use: the table variants and key
 * variants they select, the scaling resources those variants need, and, in the table body, only the
 * provider arguments the flat layout writes for at least one of the stack's tables. The flat layout
 * is the measure because it writes exactly what a table sets (and tests/terraform/module-layout.test.ts
 * proves every module call expands to the flat layout's table), so an argument the flat layout never
 * writes evaluates to null or an empty block for every call and can be left out without changing any
 * table. That keeps arguments a stack does not use, such as `restore_backup_arn` (hashicorp/aws 6.38.0,
 * PR #47068) or `warm_throughput` (6.13.0, PR #41308), out of its files and so out of its provider
 * floor: a provider rejects an argument it does not know even when its value is null.
 *
 * The full module (every variant and argument) is what a module published once and shared by many
 * roots (`moduleSource`) must be: `fullModule: true` writes it.
 */
import * as hcl from "../hcl";
import type { PlannedResource } from "../model/resources";
import type { TableSpec } from "../model/types";
import { CREATION_SOURCE_ARGS } from "../model/creation-source";
import { KEY_VARIANTS, TABLE_VARIANTS, TableVariant, variantOf } from "./module-variants";
import { argumentPaths, ignoreChangesFor } from "./resource-block";

export type KeyVariant = (typeof KEY_VARIANTS)[number];

export interface ModuleContents {
  /** Table variants declared, in TABLE_VARIANTS order. */
  variants: TableVariant[];
  /** Key variants declared: `this` (unprotected) and/or `protected`. */
  keys: KeyVariant[];
  /** `aws_dynamodb_table` argument paths (`replica.consistency_mode`) the body writes; undefined: every one. */
  paths?: ReadonlySet<string>;
  /** Names the flat layout's `ignore_changes` lists for some table (the creation-only arguments among them are ignored too). */
  ignored?: ReadonlySet<string>;
}

export const FULL_MODULE: ModuleContents = { variants: TABLE_VARIANTS, keys: [...KEY_VARIANTS] };

export const isFull = (c: ModuleContents) => c.paths === undefined && c.variants.length === TABLE_VARIANTS.length && c.keys.length === KEY_VARIANTS.length;

/**
 * The lean contents for a stack's tables, from their planned `aws_dynamodb_table` resources: the
 * argument paths and `ignore_changes` names the flat layout writes for them (terraform/resource-block.ts).
 * Tables are added one at a time, so a caller need not keep every table's plan.
 */
export class StackContents {
  private readonly used = new Set<string>();
  private readonly keys = new Set<KeyVariant>();
  private readonly paths = new Set<string>();
  private readonly ignored = new Set<string>();
  add(spec: TableSpec<unknown>, table: PlannedResource): void {
    this.used.add(variantOf(spec).name);
    if (spec.createKmsKey) this.keys.add(spec.lifecycle.protect ? "protected" : "this");
    argumentPaths(table, this.paths);
    for (const name of ignoreChangesFor(table.options.ignoreChanges).names) this.ignored.add(name);
  }
  contents(): ModuleContents {
    return { variants: TABLE_VARIANTS.filter((v) => this.used.has(v.name)), keys: KEY_VARIANTS.filter((k) => this.keys.has(k)), paths: this.paths, ignored: this.ignored };
  }
}

/** Does `contents` write this argument path? */
export const writes = (contents: ModuleContents, path: string) => contents.paths === undefined || contents.paths.has(path);

/**
 * Creation arguments every hashicorp/aws 6.x knows (`restore_source_table_arn` arrived in 5.x,
 * hashicorp/terraform-provider-aws PR #38953; `import_table` and the point-in-time ones earlier), so
 * naming them in `ignore_changes` raises no provider floor. `restore_backup_arn` (6.38.0, PR #47068) would.
 */
const CREATION_ARGS_OF_EVERY_6X: string[] = Object.values(CREATION_SOURCE_ARGS).filter((a) => a !== CREATION_SOURCE_ARGS.restoreBackupArn);

/**
 * The creation-only arguments (model/creation-source.ts) every table variant ignores: all of them in the
 * full module. The lean one ignores those every 6.x provider knows always, written or not: the provider
 * keeps them in the state as created and some force a new table when they change, so a table restored
 * or imported earlier (by the full module, or while a table of the stack had a source) would be
 * replaced as soon as the next lean module stopped ignoring them, e.g. when another table dropped the
 * last source (tests/terraform/module-contents.test.ts). `restore_backup_arn` only while the module
 * writes it or the flat layout ignores it for a table of the stack (docs/module-layout.md: the risk left).
 */
export const creationArguments = (contents: ModuleContents) =>
  Object.values(CREATION_SOURCE_ARGS).filter((a) => contents.paths === undefined || CREATION_ARGS_OF_EVERY_6X.includes(a) || writes(contents, a) || contents.ignored?.has(a));

/** Blank lines only between kept items: none leading, trailing or doubled. */
function tidy(items: hcl.BodyItem[]): hcl.BodyItem[] {
  const out: hcl.BodyItem[] = [];
  for (const item of items) {
    if (item.kind === "blank" && (out.length === 0 || out[out.length - 1].kind === "blank")) continue;
    out.push(item);
  }
  while (out.length > 0 && out[out.length - 1].kind === "blank") out.pop();
  return out;
}

/**
 * The table body items whose argument paths `contents` writes. A `dynamic "x"` block writes path `x`
 * and its `content` writes `x.member`; its `for_each` is not an argument.
 */
export function prunedBody(items: hcl.BodyItem[], contents: ModuleContents, prefix = ""): hcl.BodyItem[] {
  if (contents.paths === undefined) return items;
  const kept: hcl.BodyItem[] = [];
  for (const item of items) {
    if (item.kind === "attribute") {
      if (writes(contents, prefix + item.name)) kept.push(item);
    } else if (item.kind === "block" && item.type === "dynamic") {
      const path = prefix + item.labels[0];
      if (!writes(contents, path)) continue;
      kept.push({ ...item, body: item.body.map((b) => (b.kind === "block" && b.type === "content" ? { ...b, body: prunedBody([...b.body], contents, `${path}.`) } : b)) });
    } else if (item.kind === "block") {
      const path = prefix + item.type;
      if (writes(contents, path)) kept.push({ ...item, body: prunedBody([...item.body], contents, `${path}.`) });
    } else kept.push(item);
  }
  return tidy(kept);
}

type Node = { kind?: string; root?: string; parts?: readonly { kind: string; name?: string }[] };

/** The module variables (`var.x`) the given bodies read. */
export function referencedVariables(bodies: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(bodies)) { for (const b of bodies) referencedVariables(b, into); return into; }
  if (typeof bodies !== "object" || bodies === null) return into;
  const node = bodies as Node;
  if (node.kind === "traversal" && node.root === "var" && node.parts?.[0]?.kind === "attr") into.add(node.parts[0].name!);
  for (const child of Object.values(bodies)) referencedVariables(child, into);
  return into;
}

/**
 * `V.m` for each member `m` of a module variable `V` the bodies read: `var.V.m`, or `L.value.m` inside a
 * `dynamic "L"` block iterating over `var.V` (one level: that is where a lean module leaves members out).
 */
export function referencedMembers(bodies: unknown, into = new Set<string>(), iterators: ReadonlyMap<string, string> = new Map()): Set<string> {
  if (Array.isArray(bodies)) { for (const b of bodies) referencedMembers(b, into, iterators); return into; }
  if (typeof bodies !== "object" || bodies === null) return into;
  const node = bodies as Node & { type?: string; labels?: readonly string[]; body?: readonly { kind: string; name?: string; value?: unknown }[] };
  if (node.kind === "block" && node.type === "dynamic") {
    const forEach = node.body?.find((i) => i.kind === "attribute" && i.name === "for_each");
    const over = forEach ? [...referencedVariables(forEach.value)] : [];
    const inner = over.length === 1 ? new Map([...iterators, [node.labels![0], over[0]]]) : iterators;
    for (const item of node.body ?? []) referencedMembers(item, into, item === forEach ? iterators : inner);
    return into;
  }
  if (node.kind === "traversal" && node.parts?.[0]?.kind === "attr") {
    const [first, second] = node.parts;
    if (node.root === "var" && second?.kind === "attr") into.add(`${first.name}.${second.name}`);
    const over = iterators.get(node.root!);
    if (over && first.name === "value" && second?.kind === "attr") into.add(`${over}.${second.name}`);
  }
  for (const child of Object.values(bodies)) referencedMembers(child, into, iterators);
  return into;
}
