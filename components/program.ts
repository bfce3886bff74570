/**
 * Instantiates model declarations as components, so the reference program (and any program built
 * from declarations) is the same list the CLI plans, checks, emits and deploys locally.
 */
import * as pulumi from "@pulumi/pulumi";
import { Declaration } from "../model/stack";
import { DynamoTable, OrdersTable, ProductionTable, StateLockTable, TableComponent } from "./tables";
import { TerraformStateBackend } from "./state-backend";

export type BlueprintComponent = TableComponent | TerraformStateBackend;

export function instantiate(d: Declaration, opts: pulumi.ComponentResourceOptions = {}): BlueprintComponent {
  const options = { ...opts, protect: d.options.protect, retainOnDelete: d.options.retainOnDelete };
  switch (d.kind) {
    case "DynamoTable": return new DynamoTable(d.name, d.args, options);
    case "ProductionTable": return new ProductionTable(d.name, d.args, options);
    case "StateLockTable": return new StateLockTable(d.name, d.args, options);
    case "OrdersTable": return new OrdersTable(d.name, d.args, options);
    case "TerraformStateBackend": return new TerraformStateBackend(d.name, d.args, options);
  }
}
