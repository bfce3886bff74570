/**
 * The module layout's root module, table by table: the module call with its inputs, import blocks,
 * the resources the root creates next to the module (alarms, the stream consumer, grants and the table
 * features that read the module's outputs), the table's outputs and its `moved` chain
 * (terraform/module-variants.ts). terraform/module.ts writes the module itself and puts these together.
 */
import * as hcl from "../hcl";
import { DataRef, PlannedResource, isRef, withRole } from "../model/resources";
import type { TableBlueprint } from "../model/blueprints";
import { ExprContext, planContext, toExpr } from "./expressions";
import { importBlock, removedRecipe, resourceItems } from "./resource-block";
import { MODULE_DIR } from "./common";
import { moduleInputs } from "./module-inputs";
import { movedBlocks, variantOf } from "./module-variants";
import { RESOURCE_POLICY_ROLE, STREAM_RESOURCE_POLICY_ROLE } from "../model/resource-policy/plan";
import { CONTRIBUTOR_INSIGHTS_ROLE } from "../model/insights/plan";
import { KINESIS_DESTINATION_ROLE } from "../model/kinesis/plan";
import { REPLICA_SCALING_ROLES } from "../model/global-tables/plan";

/** Roles of the table features (issue 15) created in the root module, reading the module's outputs. */
const ROOT_LEVEL_ROLES = [RESOURCE_POLICY_ROLE, STREAM_RESOURCE_POLICY_ROLE, CONTRIBUTOR_INSIGHTS_ROLE, KINESIS_DESTINATION_ROLE, ...REPLICA_SCALING_ROLES];
/** Roles of everything a table plans that the root module creates, not the module. */
const ROOT_RESOURCE_ROLES = new Set<string>(["alarmKey", "alarmTopic", "alarm", "streamConsumer", "grant", ...ROOT_LEVEL_ROLES]);
/** Table attributes the root module reads through the module's outputs. */
const MODULE_OUTPUTS: Record<string, string> = { name: "table_name", arn: "table_arn", streamArn: "stream_arn" };

/**
 * The module address of an imported scaling target or policy (`autoscaling.importExisting`): the
 * table's are count-selected (`table_read[0]`), an index's keyed by the index name
 * (`index_read["byUser"]`). Read from the import id, which names the resource and dimension:
 * `dynamodb/table/T[/index/I]/dynamodb:<table|index>:<Read|Write>CapacityUnits[/policy]`
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appautoscaling_target#import).
 */
function moduleScalingAddress(module: string, r: PlannedResource): hcl.Expr | undefined {
  if ((r.role !== "scalingTarget" && r.role !== "scalingPolicy") || !r.options.importId) return undefined;
  const m = /^dynamodb\/table\/[^/]+(?:\/index\/([^/]+))?\/dynamodb:(table|index):(Read|Write)CapacityUnits(?:\/|$)/.exec(r.options.importId);
  if (!m) throw new Error(`internal: ${r.type} ${r.name}: import id ${r.options.importId} is not a DynamoDB scaling id`);
  return hcl.traversal("module", module, r.type, `${m[2]}_${m[3].toLowerCase()}`, hcl.index(m[1] ?? 0));
}

/**
 * A module call's argument value: plain data, except a user key ARN which stays a literal. A lean
 * module declares only the variables its body reads (`declared`); an input it does not read is null or
 * empty for every table of the stack (see terraform/module-contents.ts), so it is not passed.
 */
function inputItems(inputs: Record<string, unknown>, declared?: Set<string>): hcl.BodyItem[] {
  // Inputs are plain data: no references to resolve and no data sources to record.
  const ctx = planContext([], new Set());
  const items: hcl.BodyItem[] = [];
  for (const name of Object.keys(inputs)) {
    const value = inputs[name];
    if (value !== undefined && (!declared || declared.has(name))) items.push(hcl.attr(name, toExpr(value as never, ctx)));
  }
  return items;
}

/** Root-module items of one table: module call, imports, root-level resources, outputs and moved blocks. */
export interface TableRoot { main: hcl.BodyItem[]; outputs: hcl.BodyItem[]; moved: hcl.BodyItem[] }

/**
 * The table's resources the root module creates (alarms, their topic and key, the stream consumer,
 * grants and the table features of ROOT_LEVEL_ROLES), reading the module's outputs.
 */
export function rootResourceItems(planned: PlannedResource[], used: Set<DataRef["$data"]>): hcl.BodyItem[] {
  const table = planned.find((r) => r.role === "table")!;
  const module = table.tfName;
  const outside = planned.filter((r) => ROOT_RESOURCE_ROLES.has(r.role));
  if (outside.length === 0) return [];
  const base = planContext(outside, used);
  const ctx: ExprContext = {
    useData: base.useData,
    reference: (name, attribute) => (name === table.name
      ? hcl.traversal("module", module, MODULE_OUTPUTS[attribute] ?? `table_${attribute}`)
      : name === withRole(planned, "kmsKey")?.name && attribute === "arn"
        ? hcl.traversal("module", module, "kms_key_arn")
        : base.reference(name, attribute)),
  };
  return outside.flatMap((r) => resourceItems(r, ctx));
}

export function tableRoot(t: TableBlueprint, planned: PlannedResource[], used: Set<DataRef["$data"]>, declared: Set<string> | undefined): TableRoot {
  const main: hcl.BodyItem[] = [];
  const outputs: hcl.BodyItem[] = [];
  const table = planned.find((r) => r.role === "table")!;
  const module = table.tfName;
  const userKey = t.table.createKmsKey ? undefined : (t.table.kmsKeyArn as string | undefined);
  if (isRef(userKey)) throw new Error("internal: a key reference cannot be a module input");
  const comment = [`${t.kind} "${t.name}"`];
  if (t.table.lifecycle.retainOnDelete) {
    comment.push("Pulumi retains this table on delete (retainOnDelete). Terraform >= 1.7: to stop managing it without",
      "destroying it, replace this module block with:", ...removedRecipe(`module.${module}`));
  }
  main.push(hcl.comment(comment.join("\n")));
  main.push(hcl.block("module", [module], [hcl.attr("source", `./${MODULE_DIR}`), hcl.blank(), ...inputItems(moduleInputs(t.table, userKey), declared)]));
  if (t.table.importFrom) {
    main.push(importBlock(hcl.traversal("module", module, "aws_dynamodb_table", variantOf(t.table).name, 0), t.table.importFrom));
  }
  for (const r of planned) {
    const to = moduleScalingAddress(module, r);
    if (to) main.push(importBlock(to, r.options.importId!));
  }
  main.push(...rootResourceItems(planned, used));
  for (const field of ["table_name", "table_arn", ...(t.table.streamViewType ? ["stream_arn"] : []), ...(t.table.encryption === "CUSTOMER_MANAGED" ? ["kms_key_arn"] : [])]) {
    outputs.push(outputBlock(`${module}_${field}`, `${field.replace(/_/g, " ")} of ${t.kind} "${t.name}".`, hcl.traversal("module", module, field)));
  }
  return { main, outputs, moved: movedBlocks(module, t.table, t.table.createKmsKey) };
}

export const outputBlock = (name: string, description: string, value: hcl.Expr) =>
  hcl.block("output", [name], [hcl.attr("description", description), hcl.attr("value", value)]);
