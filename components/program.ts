/**
 * Instantiates model declarations as components, so the reference program (and any program built
 * from declarations) is the same list the CLI plans, checks, emits and deploys locally.
 */
import * as pulumi from "@pulumi/pulumi";
import { assertUniqueTableNames } from "../model/stack";
import { Declaration, referenceDeclarations, resolveDeclaration } from "../project/reference-stack";
import { parseStackConfig } from "../project/stack-config";
import { guardReplacements } from "../project/schema-lock-file";
import { DynamoTable, OrdersTable, ProductionTable, StateLockTable, TableComponent, isTableComponent } from "./tables";
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

/**
 * The body of the reference program (index.ts): the article's tables for the current stack, driven
 * only by stack config. Config is validated as a whole before any resource is registered, so a typo
 * fails `pulumi preview` with every problem listed. `dir` holds the stack's schema lock.
 */
export function referenceProgram(dir: string) {
  const stack = pulumi.getStack();
  const all = pulumi.runtime.allConfig();
  // `pulumi up` decrypts `secure:` values before the program runs; name them so they are refused, not used.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  const config = parseStackConfig(stack, all, `Pulumi.${stack}.yaml`, Object.keys(all).filter((k) => isSecret?.(k) === true));
  const declarations = referenceDeclarations(config);
  const blueprints = declarations.map(resolveDeclaration);
  assertUniqueTableNames(blueprints);
  // The committed schema lock (dynamodb-blueprints.<stack>.lock.json) refuses a silent table replacement.
  const { warning } = guardReplacements(dir, stack, blueprints);
  if (warning) pulumi.log.warn(warning);
  const components = declarations.map((d) => instantiate(d));
  const backend = components.find((c): c is TerraformStateBackend => c instanceof TerraformStateBackend)!;
  const tables = components.filter(isTableComponent);
  return {
    stateBucket: backend.bucketName,
    lockTable: backend.lockTableName,
    backendConfig: backend.backendConfig,
    tableNames: Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableName])),
    tableArns: Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableArn])),
  };
}
