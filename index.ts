/**
 * The reference Pulumi program: the article's tables for one stack, driven only by stack config
 * (`Pulumi.dev.yaml`, `Pulumi.prod.yaml`). Config is validated as a whole before any resource is
 * registered, so a typo fails `pulumi preview` with every problem listed.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "./model/stack-config";
import { assertUniqueTableNames, referenceDeclarations, resolveDeclaration } from "./model/stack";
import { instantiate } from "./components/program";
import { TableComponent } from "./components/tables";
import { TerraformStateBackend } from "./components/state-backend";

const config = parseStackConfig(pulumi.getStack(), pulumi.runtime.allConfig(), `Pulumi.${pulumi.getStack()}.yaml`);
const declarations = referenceDeclarations(config);
assertUniqueTableNames(declarations.map(resolveDeclaration));
const components = declarations.map((d) => instantiate(d));

const backend = components.find((c): c is TerraformStateBackend => c instanceof TerraformStateBackend)!;
const tables = components.filter((c): c is TableComponent => c instanceof TableComponent);

export const stateBucket = backend.bucketName;
export const lockTable = backend.lockTableName;
export const backendConfig = backend.backendConfig;
export const tableNames = Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableName]));
export const tableArns = Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableArn]));
