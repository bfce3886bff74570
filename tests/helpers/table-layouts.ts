/**
 * One table blueprint in both Terraform layouts, for comparing them argument by argument: the flat
 * layout's `aws_dynamodb_table`, and the module layout's table body expanded with the module call's
 * inputs (variable defaults for the rest), plus the call and the variables for `validation` checks.
 * `fullModule`: the full module (every variant and argument) instead of the lean one.
 */
import { parseHcl } from "../hcl/tools";
import { dynamoTable } from "../../model/blueprints";
import { TableArgs } from "../../model/types";
import { toTerraform } from "../../terraform/to-terraform";
import { Scope, dig, evalValue, expandBody } from "./hcl-expr";

export async function bothLayouts<T>(name: string, args: TableArgs<T>, fullModule = false) {
  const blueprint = dynamoTable(name, args);
  const flat = (await parseHcl((await toTerraform([blueprint], { layout: "flat" }))[`${name}.tf`])).resource.aws_dynamodb_table[name][0];
  const files = await toTerraform([blueprint], { layout: "module", ...(fullModule ? { fullModule } : {}) });
  const call = (await parseHcl(files["main.tf"])).module[name][0];
  const variables = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable;
  const moduleTable = (await parseHcl(files["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table.this[0];
  const scope: Scope = (p) => (p[0] === "var" ? dig(p[1] in call ? call[p[1]] : variables[p[1]][0].default ?? null, p.slice(2)) : `ref:${p.join(".")}`);
  /** Each `validation` condition of `variable`, with `overrides` in place of the call's inputs. */
  const validations = (variable: string, overrides: Record<string, unknown> = {}) => Promise.all(variables[variable][0].validation.map((v: any) =>
    evalValue(v.condition, (p) => (p[0] === "var" ? dig(p[1] in overrides ? overrides[p[1]] : p[1] in call ? call[p[1]] : null, p.slice(2)) : undefined))));
  return { flat, module: await expandBody(moduleTable, scope), call, variables, moduleTable, files, validations };
}
