/**
 * The module layout (the article's project structure): a root module calling `modules/dynamodb`
 * once per table, plus the state bucket as plain resources. `prevent_destroy` must be a literal,
 * so the module declares protected and unprotected (and auto-scaled) variants of the table and key
 * and selects one with `count`, as terraform-aws-modules/dynamodb-table does. The variants are
 * generated from one body, so they cannot differ except in their lifecycle; root `moved` blocks keep
 * a table's address when its variant changes (terraform/module-variants.ts). By default the module is
 * lean: only the variants and arguments the stack's tables use (terraform/module-contents.ts,
 * docs/module-layout.md); `fullModule` writes all of them, for a module source shared by many roots.
 */
import * as hcl from "../hcl";
import { DataRef } from "../model/resources";
import { Blueprint, planBlueprint, tablesOf } from "../model/stack";
import { dynamoKeyPolicy, KMS_DELETION_WINDOW_DAYS, SCALING_DIMENSIONS, scalableDimension } from "../model/plan-table";
import { GSI_BLOCKS, TABLE_FIELDS, dynamicWhenSet } from "../model/table-fields";
import { fieldOf, moduleBody } from "../model/field-walk";
import { ExprContext, planContext, toExpr } from "./expressions";
import { notNull, orEmpty } from "../model/field-rules";
import { CREATION_SOURCE_ARGS, CREATION_SOURCE_KEYS } from "../model/creation-source";
import { resourceItems } from "./resource-block";
import { providerArgumentItems } from "./provider-arguments";
import { MODULE_DIR, ResourceAddress, addressOf, dataSourceBlocks, providerBlock } from "./common";
import { outputBlock, rootResourceItems, tableRoot } from "./module-root";
import { MODULE_VARIABLES, variableBlocks, variableNames } from "./module-inputs";
import type { Emission } from "./emission";
import { KEY_VARIANTS, TableVariant, ignoredBy, selects } from "./module-variants";
import { FULL_MODULE, KeyVariant, ModuleContents, creationArguments, isFull, prunedBody, referencedMembers, referencedVariables, StackContents } from "./module-contents";

const v = (name: string) => hcl.ref(`var.${name}`);
const l = (name: string) => hcl.ref(`local.${name}`);
const each = (iterator: string, field: string) => hcl.traversal(iterator, "value", field);
const dynamic = (name: string, forEach: hcl.Expr, content: hcl.BodyItem[]) =>
  hcl.block("dynamic", [name], [hcl.attr("for_each", forEach), hcl.blank(), hcl.block("content", [], content)]);
const whenSet = (e: hcl.Expr, item: hcl.Expr = e) => hcl.cond(hcl.binary(e, "==", hcl.nul()), hcl.list(), hcl.list(item));


/** Field-table items that are attributes, and those that are blocks (printed after the key schema, as in the flat layout). */
function fieldItems(): { attributes: hcl.BodyItem[]; blocks: hcl.BodyItem[] } {
  const attributes: hcl.BodyItem[] = [];
  const blocks: hcl.BodyItem[] = [];
  for (const field of TABLE_FIELDS) {
    if (field.arg === "tags") continue; // last, set apart
    for (const item of moduleBody(field)) (item.kind === "attribute" ? attributes : blocks).push(item);
  }
  return { attributes, blocks };
}

function tableBody(): hcl.BodyItem[] {
  const gsi = (f: string) => each("global_secondary_index", f);
  const lsi = (f: string) => each("local_secondary_index", f);
  const fields = fieldItems();
  return [
    hcl.attr("name", v("name")),
    hcl.attr("region", v("region")),
    hcl.attr("hash_key", v("hash_key")),
    hcl.attr("range_key", v("range_key")),
    ...fields.attributes,
    hcl.blank(),
    dynamic("attribute", v("attributes"), [hcl.attr("name", each("attribute", "name")), hcl.attr("type", each("attribute", "type"))]),
    hcl.blank(),
    dynamic("global_secondary_index", v("global_secondary_indexes"), [
      hcl.attr("name", gsi("name")),
      hcl.attr("projection_type", gsi("projection_type")),
      hcl.attr("non_key_attributes", gsi("non_key_attributes")),
      hcl.attr("read_capacity", gsi("read_capacity")),
      hcl.attr("write_capacity", gsi("write_capacity")),
      hcl.blank(),
      // One key_schema per key attribute: HASH ones first, then RANGE, each in declared order (a
      // multi-attribute key's order is part of the key). The list index tells HASH from RANGE.
      dynamic("key_schema", hcl.call("concat", hcl.list(gsi("hash_key")), orEmpty(gsi("additional_hash_keys")), whenSet(gsi("range_key")), orEmpty(gsi("additional_range_keys"))), [
        hcl.attr("attribute_name", hcl.traversal("key_schema", "value")),
        hcl.attr("key_type", hcl.cond(hcl.binary(hcl.traversal("key_schema", "key"), "<=", hcl.call("length", orEmpty(gsi("additional_hash_keys")))), "HASH", "RANGE")),
      ]),
      ...GSI_BLOCKS.flatMap((b) => [hcl.blank(), dynamicWhenSet(b.tf, gsi(b.tf), Object.values(b.rule.members)
        .map((m) => hcl.attr(m.tf, hcl.traversal(b.tf, "value", m.tf))))]),
    ]),
    hcl.blank(),
    dynamic("local_secondary_index", v("local_secondary_indexes"), [
      hcl.attr("name", lsi("name")),
      hcl.attr("range_key", lsi("range_key")),
      hcl.attr("projection_type", lsi("projection_type")),
      hcl.attr("non_key_attributes", lsi("non_key_attributes")),
    ]),
    hcl.blank(),
    dynamic("server_side_encryption", hcl.cond(hcl.binary(v("encryption"), "==", "AWS_OWNED"), hcl.list(), hcl.list(v("encryption"))), [
      hcl.attr("enabled", true),
      hcl.attr("kms_key_arn", l("kms_key_arn")),
    ]),
    ...fields.blocks.flatMap((block) => [hcl.blank(), block]),
    hcl.blank(),
    ...creationSourceBody(),
    // The escape hatch: every provider argument the blueprint does not set (terraform/provider-arguments.ts).
    ...providerArgumentItems(),
    hcl.blank(),
    dynamic("replica", v("replicas"), ["region_name", "consistency_mode", "kms_key_arn", "point_in_time_recovery", "deletion_protection_enabled", "propagate_tags"]
      .map((f) => hcl.attr(f, each("replica", f)))),
    hcl.blank(),
    dynamicWhenSet("global_table_witness", v("global_table_witness_region"), [hcl.attr("region_name", hcl.traversal("global_table_witness", "value"))]),
    hcl.blank(),
    ...moduleBody(fieldOf("tags")),
  ];
}

/** Creation only (model/creation-source.ts): the restore arguments and the S3 import block. */
function creationSourceBody(): hcl.BodyItem[] {
  const imp = (f: string) => hcl.traversal("import_table", "value", f);
  const csvSet = hcl.or(notNull(imp("csv_delimiter")), notNull(imp("csv_headers")));
  return [
    ...CREATION_SOURCE_KEYS.filter((k) => k !== "importTable").map((k) => hcl.attr(CREATION_SOURCE_ARGS[k], v(CREATION_SOURCE_ARGS[k]))),
    hcl.blank(),
    dynamicWhenSet("import_table", v("import_table"), [
      hcl.attr("input_format", imp("input_format")),
      hcl.attr("input_compression_type", imp("input_compression_type")),
      hcl.blank(),
      hcl.block("s3_bucket_source", [], [hcl.attr("bucket", imp("bucket")), hcl.attr("bucket_owner", imp("bucket_owner")), hcl.attr("key_prefix", imp("key_prefix"))]),
      hcl.blank(),
      dynamic("input_format_options", hcl.cond(csvSet, hcl.list(imp("input_format")), hcl.list()), [
        hcl.block("csv", [], [hcl.attr("delimiter", imp("csv_delimiter")), hcl.attr("header_list", imp("csv_headers"))]),
      ]),
    ]),
  ];
}

function tableVariants(contents: ModuleContents): hcl.BodyItem[] {
  const items: hcl.BodyItem[] = [];
  const table = prunedBody(tableBody(), contents);
  for (const variant of contents.variants) {
    const lifecycle: hcl.BodyItem[] = [];
    if (variant.protect) lifecycle.push(hcl.attr("prevent_destroy", true));
    const ignored = ignoredBy(variant, creationArguments(contents));
    if (ignored.length > 0) lifecycle.push(hcl.attr("ignore_changes", hcl.list(...ignored.map((n) => hcl.raw(n)))));
    const body: hcl.BodyItem[] = [hcl.attr("count", hcl.cond(selects(variant), 1, 0)), hcl.blank(), ...table];
    if (lifecycle.length) body.push(hcl.blank(), hcl.block("lifecycle", [], lifecycle));
    items.push(hcl.block("resource", ["aws_dynamodb_table", variant.name], body));
  }
  return items;
}

function keyVariants(ctx: ExprContext, keys: KeyVariant[]): hcl.BodyItem[] {
  return keys.map((k) => k === "protected").map((protect) => {
    const body: hcl.BodyItem[] = [
      hcl.attr("count", hcl.cond(hcl.and(l("create_kms_key"), protect ? v("prevent_destroy") : hcl.not(v("prevent_destroy"))), 1, 0)),
      hcl.blank(),
      hcl.attr("description", hcl.tpl`DynamoDB encryption key for table ${v("name")}`),
      hcl.attr("deletion_window_in_days", KMS_DELETION_WINDOW_DAYS),
      hcl.attr("enable_key_rotation", true),
      hcl.attr("policy", toExpr(dynamoKeyPolicy(), ctx)),
      hcl.attr("region", v("region")),
      hcl.attr("tags", v("tags")),
    ];
    if (protect) body.push(hcl.blank(), hcl.block("lifecycle", [], [hcl.attr("prevent_destroy", true)]));
    return hcl.block("resource", ["aws_kms_key", protect ? "protected" : "this"], body);
  });
}


/** The scaling targets and policies the declared variants need: a table dimension when a variant scales it, both index ones with GSI scaling. */
function scalingPairs(variants: TableVariant[]): hcl.BodyItem[] {
  const items: hcl.BodyItem[] = [];
  const needed = (scope: "table" | "index", dimension: "read" | "write") => variants.some((v) => (scope === "index" ? v.gsi
    : v.scaling === "both" || v.scaling === dimension));
  for (const scope of ["table", "index"] as const) {
    for (const dimension of ["read", "write"] as const) {
      if (!needed(scope, dimension)) continue;
      const name = `${scope}_${dimension}`;
      const cfg = (field: string) => scope === "table" ? hcl.traversal("var", `autoscaling_${dimension}`, field) : hcl.traversal("each", "value", field);
      const repeat = scope === "table"
        ? hcl.attr("count", hcl.cond(hcl.binary(v(`autoscaling_${dimension}`), "==", hcl.nul()), 0, 1))
        : hcl.attr("for_each", hcl.forObject("cfg", v("autoscaling_indexes"), hcl.raw("name"), hcl.traversal("cfg", dimension),
          { keyVar: "name", cond: hcl.binary(hcl.traversal("cfg", dimension), "!=", hcl.nul()) }));
      const resourceId = scope === "table" ? hcl.tpl`table/${l("table_name")}` : hcl.tpl`table/${l("table_name")}/index/${hcl.traversal("each", "key")}`;
      const dimensionName = scalableDimension(scope, dimension);
      items.push(hcl.block("resource", ["aws_appautoscaling_target", name], [
        repeat, hcl.blank(),
        hcl.attr("max_capacity", cfg("max_capacity")),
        hcl.attr("min_capacity", cfg("min_capacity")),
        hcl.attr("resource_id", resourceId),
        hcl.attr("scalable_dimension", dimensionName),
        hcl.attr("service_namespace", "dynamodb"),
        hcl.attr("region", v("region")),
      ]));
      // The table-level policy reads its target like the flat layout does; per-index policies repeat
      // the target's (identical, derived) values and depend on it, since `for_each` keys match.
      const fromTarget = (field: string, same: hcl.Expr) => scope === "table" ? hcl.traversal("aws_appautoscaling_target", name, 0, field) : same;
      items.push(hcl.block("resource", ["aws_appautoscaling_policy", name], [
        repeat, hcl.blank(),
        hcl.attr("name", scope === "table"
          ? hcl.template(v("name"), `-${dimension}-capacity-utilization`)
          : hcl.template(v("name"), "-", hcl.traversal("each", "key"), `-${dimension}-capacity-utilization`)),
        hcl.attr("policy_type", "TargetTrackingScaling"),
        hcl.attr("resource_id", fromTarget("resource_id", resourceId)),
        hcl.attr("scalable_dimension", fromTarget("scalable_dimension", hcl.str(dimensionName))),
        hcl.attr("service_namespace", fromTarget("service_namespace", hcl.str("dynamodb"))),
        hcl.attr("region", v("region")),
        hcl.blank(),
        hcl.block("target_tracking_scaling_policy_configuration", [], [
          hcl.attr("target_value", cfg("target_value")),
          hcl.attr("scale_in_cooldown", cfg("scale_in_cooldown")),
          hcl.attr("scale_out_cooldown", cfg("scale_out_cooldown")),
          hcl.blank(),
          hcl.block("predefined_metric_specification", [], [hcl.attr("predefined_metric_type", SCALING_DIMENSIONS[dimension].metric)]),
        ]),
        ...(scope === "index" ? [hcl.blank(), hcl.attr("depends_on", hcl.list(hcl.ref(`aws_appautoscaling_target.${name}`)))] : []),
      ]));
    }
  }
  return items;
}

const allOf = (type: string, names: string[], field?: string) =>
  hcl.call("one", hcl.call("concat", ...names.map((n) => field ? hcl.traversal(type, n, hcl.splat(), field) : hcl.traversal(type, n, hcl.splat()))));

/**
 * A lean module declares only some variants, so a call from a root it was not generated for (a shared
 * `moduleSource`) could select none: Terraform would then plan to destroy the table at its old address.
 * This precondition stops the plan instead, naming what is missing (an output's precondition is checked
 * during plan: https://developer.hashicorp.com/terraform/language/expressions/custom-conditions).
 */
function variantGuard(contents: ModuleContents): hcl.Block[] {
  if (isFull(contents)) return [];
  const key = (k: KeyVariant) => (k === "protected" ? v("prevent_destroy") : hcl.not(v("prevent_destroy")));
  const keyCovered = contents.keys.length === KEY_VARIANTS.length ? [] : [hcl.or(hcl.not(l("create_kms_key")), ...contents.keys.map(key))];
  return [hcl.block("precondition", [], [
    hcl.attr("condition", hcl.and(hcl.call("anytrue", hcl.list(...contents.variants.map(selects))), ...keyCovered)),
    hcl.attr("error_message", `This copy of modules/dynamodb was generated for one stack and declares only the table variants ${contents.variants.map((t) => t.name).join(", ")}` +
      ` and the key variants ${contents.keys.join(", ") || "(none)"}; this call's protection, auto scaling or key needs another. Regenerate the module` +
      " from the stack, or publish the full module (dynamodb-blueprints hcl --full-module) for a shared module source."),
  ])];
}

/**
 * Does this call leave member `member` of variable `name` as the module expects it unset (its
 * `optional()` default, else null)? A list, set or map variable is checked element by element.
 */
function leftUnset(name: string, member: string): hcl.Expr {
  const type = MODULE_VARIABLES.find((x) => x.name === name)!.type;
  const collection = type.kind === "call" && ["list", "set", "map"].includes(type.name);
  const object = collection ? (type as { args: readonly hcl.Expr[] }).args[0] : type;
  const declared = object.kind === "call" && object.name === "object" && object.args[0].kind === "object"
    ? object.args[0].items.find((i) => i.kind === "item" && i.key === member) : undefined;
  const memberType = declared?.kind === "item" ? declared.value : undefined;
  const fallback = memberType?.kind === "call" && memberType.name === "optional" && memberType.args.length === 2 ? memberType.args[1] : hcl.nul();
  const unset = (value: hcl.Expr) => hcl.binary(hcl.call("try", value, fallback), "==", fallback);
  return collection ? hcl.call("alltrue", hcl.forList("x", v(name), unset(hcl.traversal("x", member)))) : unset(hcl.traversal("var", name, member));
}

/**
 * The nested inputs (`local_secondary_indexes[*].non_key_attributes`, a GSI's `warm_throughput`, ...)
 * of variables the lean module declares but whose member it does not write: Terraform would accept
 * them and silently drop them, and some (an LSI's non_key_attributes) force a new table. A second
 * precondition makes a call that sets one stop the plan like a missing variant does.
 */
function unwrittenMembersGuard(contents: ModuleContents): hcl.Block[] {
  const lean = prunedBody(tableBody(), contents);
  const declared = referencedVariables(lean);
  const written = referencedMembers(lean);
  const unwritten = [...referencedMembers(tableBody())].filter((m) => !written.has(m) && declared.has(m.split(".")[0])).sort();
  if (unwritten.length === 0) return [];
  return [hcl.block("precondition", [], [
    hcl.attr("condition", hcl.and(...unwritten.map((m) => leftUnset(m.split(".")[0], m.split(".")[1])))),
    hcl.attr("error_message", `This copy of modules/dynamodb was generated for one stack and does not write ${unwritten.join(", ")}; this call sets one of them.` +
      " Regenerate the module from the stack, or publish the full module (dynamodb-blueprints hcl --full-module) for a shared module source."),
  ])];
}

/** modules/dynamodb/{main,variables,outputs}.tf */
function moduleFiles(contents: ModuleContents): Record<string, hcl.Body> {
  const used = new Set<DataRef["$data"]>();
  const ctx = planContext([], used);
  const keys = keyVariants(ctx, contents.keys);
  const tables = contents.variants.map((t) => t.name);
  const locals = hcl.block("locals", [], [
    hcl.attr("create_kms_key", hcl.and(hcl.binary(v("encryption"), "==", "CUSTOMER_MANAGED"), hcl.binary(v("kms_key_arn"), "==", hcl.nul()))),
    hcl.attr("kms_key_arn", contents.keys.length ? hcl.cond(l("create_kms_key"), allOf("aws_kms_key", contents.keys, "arn"), v("kms_key_arn")) : v("kms_key_arn")),
    hcl.attr("autoscaled_gsi", hcl.binary(hcl.call("length", v("autoscaling_indexes")), ">", 0)),
    hcl.comment("Exactly one table variant exists; these read it whichever it is."),
    hcl.attr("table_name", allOf("aws_dynamodb_table", tables, "name")),
    hcl.attr("table_arn", allOf("aws_dynamodb_table", tables, "arn")),
    hcl.attr("stream_arn", allOf("aws_dynamodb_table", tables, "stream_arn")),
  ]);
  const output = (name: string, description: string, value: hcl.Expr, extra: hcl.BodyItem[] = []) =>
    hcl.block("output", [name], [hcl.attr("description", description), hcl.attr("value", value), ...extra.flatMap((e) => [hcl.blank(), e])]);
  const main: hcl.Body = [
    hcl.comment(isFull(contents)
      ? "prevent_destroy must be a literal, so protected and unprotected variants are declared and\nexactly one is selected with count (the terraform-aws-modules/dynamodb-table pattern).\nThe full module: every variant and argument, for a module source shared by many roots."
      : "prevent_destroy must be a literal, so protected and unprotected variants are declared and\nexactly one is selected with count (the terraform-aws-modules/dynamodb-table pattern).\nLean module: only the variants and arguments this stack's tables use (docs/module-layout.md)."),
    // The key policy's kms:ViaService names the table's Region: data.aws_region reads var.region (null: the provider's).
    locals, ...dataSourceBlocks(used, { region: v("region") }), ...keys, ...tableVariants(contents), ...scalingPairs(contents.variants),
  ];
  const outputs: hcl.Body = [
    output("table_name", "Table name.", l("table_name"), isFull(contents) ? [] : [...variantGuard(contents), ...unwrittenMembersGuard(contents)]),
    output("table_arn", "Table ARN.", l("table_arn")),
    output("stream_arn", "Stream ARN (empty without a stream).", l("stream_arn")),
    output("kms_key_arn", "Customer-managed key ARN, when the table uses one.", l("kms_key_arn")),
  ];
  const declared = isFull(contents) ? undefined : referencedVariables([main, outputs]);
  return {
    [`${MODULE_DIR}/main.tf`]: main,
    [`${MODULE_DIR}/variables.tf`]: variableBlocks(declared),
    [`${MODULE_DIR}/outputs.tf`]: outputs,
  };
}

/**
 * Writes the module layout into `out` and returns the address of every planned resource. `full`: write the full
 * module (every variant and argument) and pass every input, for a module published once and shared
 * (`fullModule`, `moduleSource`); otherwise the lean module of these tables.
 */
export function renderModule(blueprints: Blueprint[], region: string, out: Emission, full = false): ResourceAddress[] {
  const used = new Set<DataRef["$data"]>();
  const resources: ResourceAddress[] = [];
  const backendItems: hcl.BodyItem[] = [];
  const backendOutputs: hcl.BodyItem[] = [];
  for (const b of blueprints) {
    if (b.kind === "TerraformStateBackend") {
      const bucket = planBlueprint(b).filter((r) => r.type.startsWith("aws_s3_"));
      for (const r of bucket) resources.push(addressOf(r));
      const ctx = planContext(bucket, used);
      backendItems.push(hcl.comment(`TerraformStateBackend "${b.name}": private, versioned, encrypted, TLS-only state bucket.`));
      backendItems.push(...bucket.flatMap((r) => resourceItems(r, ctx)));
      backendOutputs.push(outputBlock(`${bucket[0].tfName}_bucket_name`, `State bucket of TerraformStateBackend "${b.name}".`, hcl.traversal(bucket[0].type, bucket[0].tfName, "bucket")));
    }
  }
  // Two passes over the tables, each planning a table and dropping the plan once read (a thousand plans
  // held between the passes were a fifth of the emitter's peak heap; planning again costs less, bench/peer).
  // The first finds what the lean module must contain and which data sources the root reads, both
  // written before any table: the module's variables decide the calls' inputs, and the root declares
  // its data sources right after the provider (the same rendering as the second pass, its items dropped).
  const tables = tablesOf(blueprints);
  const stack = new StackContents();
  for (const t of tables) {
    const planned = planBlueprint(t);
    if (!full) stack.add(t.table, planned.find((r) => r.role === "table")!);
    rootResourceItems(planned, used);
  }
  const contents = full ? FULL_MODULE : stack.contents();
  // Nothing calls a lean module without tables: it is not written.
  const files = full || tables.length > 0 ? moduleFiles(contents) : {};
  for (const [path, body] of Object.entries(files)) out.add(path, body);
  const declared = full ? undefined : new Set(variableNames(files[`${MODULE_DIR}/variables.tf`] ?? []));
  out.add("main.tf", [providerBlock(region), ...dataSourceBlocks(used), ...backendItems]);
  out.add("outputs.tf", backendOutputs);
  const seen = new Set(used);
  for (const t of tables) {
    const planned = planBlueprint(t);
    for (const r of planned) resources.push(addressOf(r));
    const root = tableRoot(t, planned, used, declared);
    out.add("main.tf", root.main);
    out.add("outputs.tf", root.outputs);
    if (!out.has("moved.tf")) {
      out.add("moved.tf", [hcl.comment("Keeps each table and key at its address when protection or auto scaling changes which module\nvariant holds it (terraform/module-variants.ts). Without these, Terraform would destroy and recreate it.")]);
    }
    out.add("moved.tf", root.moved);
  }
  if ([...used].some((kind) => !seen.has(kind))) throw new Error("internal: a root-level resource read a data source the first pass did not find");
  return resources;
}
