/**
 * The reference Pulumi program: the article's tables for one stack, driven only by stack config
 * (`Pulumi.dev.yaml`, `Pulumi.prod.yaml`). Config is validated as a whole before any resource is
 * registered, so a typo fails `pulumi preview` with every problem listed.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "./model/stack-config";
import { assertUniqueTableNames, referenceDeclarations, resolveDeclaration } from "./model/stack";
import { instantiate } from "./components/program";
import { isTableComponent } from "./components/tables";
import { TerraformStateBackend } from "./components/state-backend";
import { guardReplacements } from "./cli/commands/lock";

const stack = pulumi.getStack();
const all = pulumi.runtime.allConfig();
// `pulumi up` decrypts `secure:` values before the program runs; name them so they are refused, not used.
const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
const config = parseStackConfig(stack, all, `Pulumi.${stack}.yaml`, Object.keys(all).filter((k) => isSecret?.(k) === true));
const declarations = referenceDeclarations(config);
const blueprints = declarations.map(resolveDeclaration);
assertUniqueTableNames(blueprints);
// The committed schema lock (dynamodb-blueprints.<stack>.lock.json) refuses a silent table replacement.
const { warning } = guardReplacements(__dirname, stack, blueprints);
if (warning) pulumi.log.warn(warning);
const components = declarations.map((d) => instantiate(d));

const backend = components.find((c): c is TerraformStateBackend => c instanceof TerraformStateBackend)!;
const tables = components.filter(isTableComponent);

export const stateBucket = backend.bucketName;
export const lockTable = backend.lockTableName;
export const backendConfig = backend.backendConfig;
export const tableNames = Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableName]));
export const tableArns = Object.fromEntries(tables.map((t) => [t.blueprint.name, t.tableArn]));
