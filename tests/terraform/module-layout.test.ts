/**
 * The module layout against the flat layout, for both stacks, the feature programs and the full module
 * (`fullModule`): each module call, evaluated through
 * the module's variables (defaults + call arguments), its selected resource variants and their
 * dynamic blocks, produces exactly the resources of the flat layout, which the equivalence test
 * matches against Pulumi. So module calls carry the component args, and the module body is right; for
 * the lean module (terraform/module-contents.ts), leaving out what the flat layout never writes
 * changes no table.
 */
import * as assert from "assert";
import * as path from "path";
import { parseHcl } from "../hcl/tools";
import { Scope, dig, evalValue, expandBody } from "../helpers/hcl-expr";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";
import { Blueprint, tablesOf } from "../../model/stack";
import { featurePrograms } from "../helpers/feature-programs";

const ROOT = path.resolve(__dirname, "../..");
/** Tables and keys are compared by what they are, not by address (the layouts name them differently). */
const symbolic = (p: string[]) => `ref:${p[0]}.${p[p.length - 1]}`;

const programs: [string, () => Blueprint[], boolean][] = [
  ...["dev", "prod"].map((stack): [string, () => Blueprint[], boolean] => [`stack ${stack}`, () => loadStack(ROOT, stack).blueprints, false]),
  ...Object.entries(featurePrograms()).map(([name, blueprints]): [string, () => Blueprint[], boolean] => [name, () => blueprints, false]),
  // The full module (every variant and argument) must expand to the same tables.
  ["stack prod, full module", () => loadStack(ROOT, "prod").blueprints, true],
];
for (const [stack, blueprintsOf, fullModule] of programs) {
  describe(`terraform module layout (${stack}) against the flat layout`, () => {
    let flat: Record<string, any>;
    let root: Record<string, any>;
    let moduleMain: Record<string, any>;
    let variables: Record<string, any>;
    const loaded = { blueprints: blueprintsOf() };

    before(async () => {
      const flatFiles = await toTerraform(loaded.blueprints, { layout: "flat" });
      const moduleFiles = await toTerraform(loaded.blueprints, { layout: "module", fullModule });
      flat = {};
      for (const text of Object.values(flatFiles)) {
        for (const [type, byName] of Object.entries((await parseHcl(text)).resource ?? {})) {
          for (const [name, bodies] of Object.entries(byName as Record<string, any[]>)) flat[`${type}.${name}`] = bodies[0];
        }
      }
      root = await parseHcl(moduleFiles["main.tf"]);
      moduleMain = (await parseHcl(moduleFiles["modules/dynamodb/main.tf"])).resource;
      variables = (await parseHcl(moduleFiles["modules/dynamodb/variables.tf"])).variable;
    });

    // A scaling policy reads its target's resource_id etc. in the flat layout, while the module's per-index
    // policies repeat the (derived) values: references to a target resolve to the target's own values.
    const flatTargets: Record<string, Record<string, unknown>> = {};
    const flatScope: Scope = (p) => (p[0] === "data" ? `data:${p[1]}` : ["aws_dynamodb_table", "aws_kms_key"].includes(p[0]) ? symbolic(p)
      : p[0] === "aws_appautoscaling_target" && flatTargets[p[1]] ? flatTargets[p[1]][p[p.length - 1]] : `target:${p[p.length - 1]}`);
    before(async () => {
      for (const [address, body] of Object.entries(flat)) {
        if (address.startsWith("aws_appautoscaling_target.")) flatTargets[address.split(".")[1]] = await expandBody(body, flatScope);
      }
    });

    it("calls the module once per table and keeps the state bucket as plain resources", () => {
      const tables = tablesOf(loaded.blueprints);
      assert.deepStrictEqual(Object.keys(root.module).sort(), tables.map((t) => t.name.replace(/[^A-Za-z0-9_]/g, "_")).sort());
      for (const t of tables) assert.strictEqual(root.module[t.name.replace(/-/g, "_")][0].name, t.table.tableName);
      if (stack.startsWith("stack ")) for (const type of ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_policy"]) assert.ok(root.resource[type]?.state, type);
    });

    it("each module call expands to the flat layout's table, key and scaling resources", async () => {
      for (const [moduleName, calls] of Object.entries(root.module as Record<string, any[]>)) {
        const call = calls[0];
        const inputs = (name: string) => (name in call ? call[name] : variables[name][0].default ?? null);
        const selected = (type: string): [string, any][] => [];
        void selected;
        let scope: Scope;
        const locals: Record<string, () => Promise<unknown>> = {
          create_kms_key: async () => inputs("encryption") === "CUSTOMER_MANAGED" && inputs("kms_key_arn") === null,
          kms_key_arn: async () => ((await locals.create_kms_key()) ? "ref:aws_kms_key.arn" : inputs("kms_key_arn")),
          autoscaled: async () => inputs("autoscaling_read") !== null || inputs("autoscaling_write") !== null,
          autoscaled_gsi: async () => Object.keys(inputs("autoscaling_indexes") ?? {}).length > 0,
          table_name: async () => "ref:aws_dynamodb_table.name",
        };
        const resolved: Record<string, unknown> = {};
        for (const [name, get] of Object.entries(locals)) resolved[name] = await get();
        scope = (p) => {
          if (p[0] === "var") return dig(inputs(p[1]), p.slice(2));
          if (p[0] === "local") return resolved[p[1]];
          if (p[0] === "data") return `data:${p[1]}`;
          if (p[0] === "each") return dig(currentEach, p.slice(1));
          if (["aws_dynamodb_table", "aws_kms_key"].includes(p[0])) return symbolic(p);
          if (p[0] === "aws_appautoscaling_target" && moduleTargets[p[1]]) return moduleTargets[p[1]][p[p.length - 1]];
          return `target:${p[p.length - 1]}`;
        };
        const moduleTargets: Record<string, Record<string, unknown>> = {};
        let currentEach: unknown;
        const instances = async (type: string) => {
          const out: { variant: string; body: any; key?: string }[] = [];
          for (const [variant, bodies] of Object.entries((moduleMain[type] ?? {}) as Record<string, any[]>)) {
            const body = bodies[0];
            if ("count" in body) {
              if (await evalValue(body.count, scope) === 1) out.push({ variant, body });
            } else if ("for_each" in body) {
              const items = await evalValue(body.for_each, scope) as Record<string, unknown>;
              for (const key of Object.keys(items ?? {})) out.push({ variant, body, key });
            }
          }
          return out;
        };
        for (const target of await instances("aws_appautoscaling_target")) if (target.key === undefined) moduleTargets[target.variant] = await expandBody(target.body, scope);
        const compare = async (type: string, flatPrefix: string) => {
          // Resources the module layout keeps in the root module (the alarm topic's key) are not module output.
          const expected = Object.entries(flat).filter(([address]) => address.startsWith(`${type}.${flatPrefix}`) && !root.resource?.[type]?.[address.split(".")[1]]);
          const actual = await instances(type);
          assert.strictEqual(actual.length, expected.length, `${moduleName}: ${type} count`);
          for (const instance of actual) {
            currentEach = instance.key === undefined ? undefined : { key: instance.key, value: inputs("autoscaling_indexes")[instance.key][instance.variant.split("_")[1]] };
            // The module's aws_region data source reads var.region (terraform/module.ts, checked by
            // tests/components/table-region.test.ts): inside the key policy's template it names the table's Region.
            const region = inputs("region");
            const expanded = await expandBody(instance.body, scope);
            const body = typeof region === "string" ? JSON.parse(JSON.stringify(expanded).split("${data.aws_region.current.region}").join(region)) : expanded;
            const match = await Promise.all(expected.map(async ([address, flatBody]) => [address, await expandBody(flatBody, flatScope)] as const));
            const found = match.find(([, f]) => JSON.stringify(sortKeys(f)) === JSON.stringify(sortKeys(body)));
            assert.ok(found, `${moduleName}: module ${type}.${instance.variant} matches no flat resource:\n${JSON.stringify(sortKeys(body), null, 1)}\nflat candidates:\n${match.map(([a, f]) => `${a} ${JSON.stringify(sortKeys(f))}`).join("\n")}`);
            const flatLifecycle = flat[found[0]].lifecycle?.[0] ?? {};
            const moduleLifecycle = instance.body.lifecycle?.[0] ?? {};
            assert.strictEqual(moduleLifecycle.prevent_destroy === true, flatLifecycle.prevent_destroy === true, `${moduleName}: ${type} prevent_destroy`);
            const ignored = (l: any) => (l.ignore_changes ?? []).map((s: string) => s.replace(/^\$\{|\}$/g, ""));
            for (const name of ignored(flatLifecycle)) assert.ok(ignored(moduleLifecycle).includes(name), `${moduleName}: ${type} ignores ${name}`);
          }
        };
        await compare("aws_dynamodb_table", moduleName);
        await compare("aws_kms_key", moduleName);
        await compare("aws_appautoscaling_target", `${moduleName}_`);
        await compare("aws_appautoscaling_policy", `${moduleName}_`);
      }
    });
  });
}

/**
 * hcl2json groups `dynamic` blocks apart from static ones, losing their relative source order; the
 * module writes the HASH key_schema first, so the comparison puts HASH first again.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortKeys);
    return items.every((i: any) => i && typeof i === "object" && "key_type" in i) ? [...items].sort((a: any, b: any) => (a.key_type === "HASH" ? -1 : b.key_type === "HASH" ? 1 : 0)) : items;
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as any)[k])]));
  return value;
}
