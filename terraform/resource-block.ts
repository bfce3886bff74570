/**
 * One planned resource as a Terraform `resource` block: Pulumi-shaped arguments mapped back through
 * the bridge (camelCase -> snake_case, arrays of objects -> repeated blocks), lifecycle from the
 * resource options, and a comment where Terraform has no declarative twin (retainOnDelete).
 */
import * as hcl from "../hcl";
import { BlockShape, PlannedResource, RESOURCE_TYPES, Value, isRoleArnRef, snakeCase } from "../model/resources";
import { parseRoleArn } from "../model/grants/role-arn";
import { ExprContext, toExpr } from "./expressions";
import { PROVIDER_SCHEMA, terraformArgument } from "./provider-schema";
import { OPEN_BLOCKS } from "./provider-arguments";
import { FIELD_BLOCKS } from "../model/field-walk";

/** The bridge's block shapes of a resource type; the table's include those its field table declares. */
export function blockShapes(type: PlannedResource["type"]): Record<string, BlockShape> {
  const own = RESOURCE_TYPES[type].blocks;
  if (type !== "aws_dynamodb_table") return own;
  // Asked for every table of an emission; the answer only depends on the schema and the field table.
  return tableShapes ??= tableBlockShapes(own);
}
let tableShapes: Record<string, BlockShape> | undefined;

function tableBlockShapes(own: Record<string, BlockShape>): Record<string, BlockShape> {
  const type = "aws_dynamodb_table";
  // Blocks passed through providerArguments: the schema's other blocks, by the bridge's camelCase name.
  const open = Object.fromEntries(OPEN_BLOCKS.map((tf) => [tf.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    { tf, repeated: PROVIDER_SCHEMA.resources[type].blocks[tf].nesting !== "single" }]));
  return { ...open, ...own, ...Object.fromEntries(Object.entries(FIELD_BLOCKS).map(([pulumi, tf]) => [pulumi, { tf, repeated: false }])) };
}

/**
 * `resource` is set for a resource's own arguments: their Terraform names come from the provider schema
 * (the bridge renamed some, e.g. MetricAlarm `name` -> `alarm_name`). Nested block arguments follow
 * the bridge's camelCase rule; the provider-schema test checks every one of them.
 */
const argumentName = (key: string, resource: PlannedResource | undefined, renames: Record<string, string>) =>
  (resource ? terraformArgument(resource.type, key, () => `${resource.type}.${resource.tfName}`) : renames[key] ?? snakeCase(key));

function blockItems(args: Record<string, unknown>, shapes: Record<string, BlockShape>, ctx: ExprContext, resource?: PlannedResource,
  renames: Record<string, string> = NO_RENAMES): hcl.BodyItem[] {
  // terraform-aws-modules order: arguments, then nested blocks, then tags, groups set apart.
  const items: hcl.BodyItem[] = [];
  let blocks: hcl.BodyItem[] | undefined;
  let tags: hcl.BodyItem | undefined;
  for (const key of Object.keys(args)) {
    const value = args[key];
    if (value === undefined) continue;
    const shape = shapes[key];
    if (!shape) {
      const item = hcl.attr(argumentName(key, resource, renames), toExpr(value as Value, ctx));
      if (key === "tags") tags = item;
      else items.push(item);
      continue;
    }
    blocks ??= [];
    if (shape.repeated) for (const entry of value as Record<string, unknown>[]) blocks.push(nestedBlock(shape, entry, ctx));
    else blocks.push(nestedBlock(shape, value as Record<string, unknown>, ctx));
  }
  for (const group of [blocks, tags ? [tags] : undefined]) {
    if (!group || group.length === 0) continue;
    if (items.length > 0) items.push(hcl.blank());
    for (const item of group) items.push(item);
  }
  return items;
}

const NO_BLOCKS: Record<string, BlockShape> = {};
const NO_RENAMES: Record<string, string> = {};
const nestedBlock = (shape: BlockShape, entry: Record<string, unknown>, ctx: ExprContext) =>
  hcl.block(shape.tf, [], blockItems(entry, shape.blocks ?? NO_BLOCKS, ctx, undefined, shape.renames));

/**
 * The argument paths (`name`, `point_in_time_recovery.enabled`) the resource block of `r` writes, named
 * as blockItems names them, without building the block (the lean module reads them per table:
 * terraform/module-contents.ts).
 */
export function argumentPaths(r: PlannedResource, into = new Set<string>()): Set<string> {
  const walk = (args: Record<string, unknown>, shapes: Record<string, BlockShape>, resource: PlannedResource | undefined, renames: Record<string, string>, prefix: string) => {
    for (const key of Object.keys(args)) {
      const value = args[key];
      if (value === undefined) continue;
      const shape = shapes[key];
      if (!shape) { into.add(prefix + argumentName(key, resource, renames)); continue; }
      const entries = shape.repeated ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>];
      if (entries.length === 0) continue;
      into.add(prefix + shape.tf);
      const inner = `${prefix}${shape.tf}.`;
      for (const entry of entries) walk(entry, shape.blocks ?? NO_BLOCKS, undefined, shape.renames ?? NO_RENAMES, inner);
    }
  };
  walk(r.args, blockShapes(r.type), r, {}, "");
  return into;
}

/** Pulumi ignoreChanges paths as Terraform ignore_changes entries (deduplicated, in order). */
export function ignoreChangesFor(paths: string[]): { names: string[]; wholeGsiBlock: boolean } {
  const names: string[] = [];
  let wholeGsiBlock = false;
  for (const path of paths) {
    // The model ignores the whole GSI set (Terraform cannot address one element of it, and the block's
    // name is singular): docs/sources.md#capacity-and-auto-scaling.
    const name = path === "globalSecondaryIndexes" ? "global_secondary_index" : snakeCase(path);
    if (name === "global_secondary_index") wholeGsiBlock = true;
    if (!names.includes(name)) names.push(name);
  }
  return { names, wholeGsiBlock };
}

/**
 * A grant whose role was given as an ARN is attached by name, so Terraform (>= 1.2 preconditions)
 * refuses the plan unless the deploying account and partition are the ARN's (model/grants/role-arn.ts).
 */
function roleArnPrecondition(r: PlannedResource, ctx: ExprContext): hcl.Block | undefined {
  const role = isRoleArnRef(r.args.role) ? parseRoleArn(r.args.role.$roleArn) : undefined;
  if (!role) return undefined;
  const account = toExpr({ $data: "accountId" }, ctx);
  const partition = toExpr({ $data: "partition" }, ctx);
  return hcl.block("precondition", [], [
    hcl.attr("condition", hcl.and(hcl.binary(account, "==", role.account), hcl.binary(partition, "==", role.partition))),
    hcl.attr("error_message", `The grant's role ${role.arn} must be in the deploying account ${role.account} (partition ${role.partition}): ` +
      "a grant is an inline policy attached by role name, so in another account it would reach a different role. " +
      "Give the role of this account, or grant the other account's role through the table's resourcePolicy."),
  ]);
}

export function lifecycleBlock(r: PlannedResource, ctx?: ExprContext): hcl.Block | undefined {
  const body: hcl.BodyItem[] = [];
  const precondition = ctx && roleArnPrecondition(r, ctx);
  if (precondition) body.push(precondition);
  if (r.options.protect) body.push(hcl.attr("prevent_destroy", true));
  const ignored = ignoreChangesFor(r.options.ignoreChanges);
  if (ignored.names.length > 0) {
    body.push(hcl.comment(ignored.wholeGsiBlock
      ? "Auto scaling owns these capacities. Terraform cannot ignore a single index's capacity, so the\nwhole global_secondary_index block is ignored: remove it from this list while changing indexes."
      : "Auto scaling owns these capacities; without this every apply resets what the scaler set."));
    body.push(hcl.attr("ignore_changes", hcl.list(...ignored.names.map((n) => hcl.raw(n)))));
  }
  return body.length > 0 ? hcl.block("lifecycle", [], body) : undefined;
}

/**
 * A `removed` block to paste in place of a resource or module block, one statement per line and
 * indented two spaces inside the comment, so it parses once uncommented (tests/terraform/recipes.test.ts).
 */
export function removedRecipe(from: string): string[] {
  return ["  removed {", `    from = ${from}`, "    lifecycle {", "      destroy = false", "    }", "  }"];
}

export function retainComment(r: PlannedResource): string {
  return [
    `Pulumi keeps this ${r.type} when it leaves the program (retainOnDelete). Terraform has no`,
    "declarative twin: to stop managing it without destroying it (Terraform >= 1.7), replace this",
    "resource block with:",
    ...removedRecipe(`${r.type}.${r.tfName}`),
  ].join("\n");
}

/** The resource block, preceded by its comments. */
export function resourceItems(r: PlannedResource, ctx: ExprContext): hcl.BodyItem[] {
  const body = blockItems(r.args, blockShapes(r.type), ctx, r);
  const lifecycle = lifecycleBlock(r, ctx);
  if (lifecycle) body.push(hcl.blank(), lifecycle);
  const items: hcl.BodyItem[] = [];
  if (r.comment) items.push(hcl.comment(r.comment));
  if (r.options.retainOnDelete) items.push(hcl.comment(retainComment(r)));
  items.push(hcl.block("resource", [r.type, r.tfName], body));
  if (r.options.importId) items.push(importBlock(hcl.traversal(r.type, r.tfName), r.options.importId));
  return items;
}

/** Terraform >= 1.5 adopts an existing object on the next apply instead of failing to create it. */
export function importBlock(to: hcl.Expr, id: string): hcl.Block {
  return hcl.block("import", [], [hcl.attr("to", to), hcl.attr("id", id)]);
}
