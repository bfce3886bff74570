/**
 * The flat layout: one plain resource set per blueprint (`<name>.tf`), no modules. It is the layout
 * that is checked resource by resource against what the Pulumi components register.
 */
import * as hcl from "../hcl";
import { DataRef, PlannedResource, withRole } from "../model/resources";
import type { Emission } from "./emission";
import { Blueprint, planBlueprint } from "../model/stack";
import { planContext } from "./expressions";
import { resourceItems } from "./resource-block";
import { ResourceAddress, addressOf, dataSourceBlocks, providerBlock } from "./common";

function describe(b: Blueprint): string {
  if (b.kind === "TerraformStateBackend") {
    return `TerraformStateBackend "${b.name}": private, versioned, encrypted, TLS-only state bucket ${b.bucketName}\nand the lock table ${b.lockTable.table.tableName}.`;
  }
  return `${b.kind} "${b.name}": table ${b.table.tableName}.`;
}

/** Each blueprint with its planned resources, in plan order. */
interface PlannedBlueprint {
  blueprint: Blueprint;
  resources: PlannedResource[];
}

export function outputItems(planned: PlannedBlueprint[]): hcl.BodyItem[] {
  const items: hcl.BodyItem[] = [];
  const output = (name: string, description: string, value: hcl.Expr) =>
    items.push(hcl.block("output", [name], [hcl.attr("description", description), hcl.attr("value", value)]));
  // A blueprint plans one table (a state backend: its lock table), at most one table key and one bucket.
  for (const { blueprint: b, resources: own } of planned) {
    const t = b.kind === "TerraformStateBackend" ? b.lockTable : b;
    if (b.kind === "TerraformStateBackend") {
      const bucket = withRole(own, "bucket")!;
      output(`${bucket.tfName}_bucket_name`, `State bucket of ${b.kind} "${b.name}".`, hcl.traversal(bucket.type, bucket.tfName, "bucket"));
      output(`${bucket.tfName}_bucket_arn`, `State bucket ARN of ${b.kind} "${b.name}".`, hcl.traversal(bucket.type, bucket.tfName, "arn"));
    }
    const table = withRole(own, "table")!;
    const label = `${t.kind} "${t.name}"`;
    output(`${table.tfName}_table_name`, `Table name of ${label}.`, hcl.traversal(table.type, table.tfName, "name"));
    output(`${table.tfName}_table_arn`, `Table ARN of ${label}.`, hcl.traversal(table.type, table.tfName, "arn"));
    if (t.table.streamViewType) output(`${table.tfName}_stream_arn`, `Stream ARN of ${label}.`, hcl.traversal(table.type, table.tfName, "stream_arn"));
    const key = withRole(own, "kmsKey");
    if (key) output(`${table.tfName}_kms_key_arn`, `Customer-managed key of ${label}.`, hcl.traversal(key.type, key.tfName, "arn"));
  }
  return items;
}

/** Writes the flat layout's files into `out`; returns the address of every planned resource. */
export function renderFlat(blueprints: Blueprint[], region: string, out: Emission): ResourceAddress[] {
  const used = new Set<DataRef["$data"]>();
  const addresses: ResourceAddress[] = [];
  // One blueprint at a time, its plan dropped once written: references never leave a blueprint (a table's
  // key, scaling and alarms; a state backend's bucket and lock table), and a value from another
  // blueprint's resource is a root variable (terraform/foreign-inputs.ts), not a reference.
  for (const blueprint of blueprints) {
    const resources = planBlueprint(blueprint);
    const ctx = planContext(resources, used);
    const file = `${(withRole(resources, "bucket") ?? withRole(resources, "table"))!.tfName}.tf`;
    out.add(file, [hcl.comment(describe(blueprint)), ...resources.flatMap((r) => resourceItems(r, ctx))]);
    out.add("outputs.tf", outputItems([{ blueprint, resources }]));
    for (const r of resources) addresses.push(addressOf(r));
  }
  if (blueprints.length === 0) out.add("outputs.tf", []);
  out.add("main.tf", [providerBlock(region), ...dataSourceBlocks(used)]);
  return addresses;
}
