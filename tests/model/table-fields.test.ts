/**
 * Every entry of the field table (model/table-fields.ts) reaches every renderer: the Pulumi inputs
 * of the plan, the flat layout's `aws_dynamodb_table`, the module layout (variable with its type and
 * validation, the call's input, and the table body, which expanded with that input gives the flat
 * layout's value) and the local emulator's CreateTable input or "not emulated" line.
 *
 * Expected values are written here from the provider and DynamoDB API names, not read from the
 * entries; the entries' declared paths must be exactly the ones tested, and every entry must have an
 * example, so a new entry without its test fails here.
 */
import * as assert from "assert";
import { TABLE_FIELDS, FieldArg } from "../../model/table-fields";
import { FIELD_ARGS } from "../../model/field-walk";
import { dynamoTable } from "../../model/blueprints";
import { planTable } from "../../model/plan-table";
import { BlueprintValidationError } from "../../model/errors";
import { TableArgs } from "../../model/types";
import { toTerraform } from "../../terraform/to-terraform";
import { createTableInput, notEmulated } from "../../local/create-table-input";
import { parseHcl } from "../hcl/tools";
import { Scope, dig, evalValue, expandBody } from "../helpers/hcl-expr";

interface Example {
  args: Partial<TableArgs>;
  /** aws.dynamodb.Table input path -> value. */
  pulumi: Record<string, unknown>;
  /** aws_dynamodb_table argument path (blocks by name) -> value, in both layouts. */
  terraform: Record<string, unknown>;
  /** CreateTable member -> value. */
  createTable?: Record<string, unknown>;
  /** A line of notEmulated that shows the setting. */
  notEmulated?: RegExp;
  /** A value the model and the module's validation both refuse: [argument value, module variable value]. */
  bad?: [unknown, unknown];
}

const provisioned = { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 6 } as const;
const EXAMPLES: Record<FieldArg, Example> = {
  billingMode: {
    args: provisioned, pulumi: { billingMode: "PROVISIONED" }, terraform: { billing_mode: "PROVISIONED" },
    createTable: { BillingMode: "PROVISIONED" }, bad: ["ON_DEMAND", "ON_DEMAND"],
  },
  readCapacity: {
    args: provisioned, pulumi: { readCapacity: 5 }, terraform: { read_capacity: 5 },
    createTable: { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 6 } }, notEmulated: /^provisioned throughput \(read 5, write 6\)/, bad: [0, 0],
  },
  writeCapacity: {
    args: provisioned, pulumi: { writeCapacity: 6 }, terraform: { write_capacity: 6 },
    createTable: { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 6 } }, notEmulated: /^provisioned throughput \(read 5, write 6\)/, bad: [0, 0],
  },
  pointInTimeRecovery: {
    args: { pointInTimeRecovery: true }, pulumi: { "pointInTimeRecovery.enabled": true }, terraform: { "point_in_time_recovery.enabled": true },
    notEmulated: /^point-in-time recovery \(35 days\)/,
  },
  recoveryPeriodInDays: {
    args: { recoveryPeriodInDays: 7 }, pulumi: { "pointInTimeRecovery.recoveryPeriodInDays": 7 }, terraform: { "point_in_time_recovery.recovery_period_in_days": 7 },
    notEmulated: /^point-in-time recovery \(7 days\)/, bad: [36, 36],
  },
  deletionProtection: {
    args: { deletionProtection: true }, pulumi: { deletionProtectionEnabled: true }, terraform: { deletion_protection_enabled: true },
    createTable: { DeletionProtectionEnabled: true }, notEmulated: /^deletion protection/,
  },
  ttlAttribute: {
    args: { ttlAttribute: "expiresAt" }, pulumi: { "ttl.attributeName": "expiresAt", "ttl.enabled": true },
    terraform: { "ttl.attribute_name": "expiresAt", "ttl.enabled": true }, notEmulated: /^TTL on "expiresAt"/,
  },
  streamViewType: {
    args: { streamViewType: "NEW_IMAGE" }, pulumi: { streamEnabled: true, streamViewType: "NEW_IMAGE" },
    terraform: { stream_enabled: true, stream_view_type: "NEW_IMAGE" },
    createTable: { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" } }, notEmulated: /^stream \(NEW_IMAGE\)/, bad: ["ALL", "ALL"],
  },
  tableClass: {
    args: { tableClass: "STANDARD_INFREQUENT_ACCESS" }, pulumi: { tableClass: "STANDARD_INFREQUENT_ACCESS" }, terraform: { table_class: "STANDARD_INFREQUENT_ACCESS" },
    createTable: { TableClass: "STANDARD_INFREQUENT_ACCESS" }, notEmulated: /^table class STANDARD_INFREQUENT_ACCESS/, bad: ["GLACIER", "GLACIER"],
  },
  onDemandThroughput: {
    args: { onDemandThroughput: { maxReadRequestUnits: 100, maxWriteRequestUnits: 50 } },
    pulumi: { onDemandThroughput: { maxReadRequestUnits: 100, maxWriteRequestUnits: 50 } },
    terraform: { on_demand_throughput: [{ max_read_request_units: 100, max_write_request_units: 50 }] },
    createTable: { OnDemandThroughput: { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 } }, notEmulated: /^on-demand caps/,
    bad: [{ maxReadRequestUnits: 0 }, { max_read_request_units: 0 }],
  },
  warmThroughput: {
    args: { warmThroughput: { readUnitsPerSecond: 15000, writeUnitsPerSecond: 5000 } },
    pulumi: { warmThroughput: { readUnitsPerSecond: 15000, writeUnitsPerSecond: 5000 } },
    terraform: { warm_throughput: [{ read_units_per_second: 15000, write_units_per_second: 5000 }] },
    createTable: { WarmThroughput: { ReadUnitsPerSecond: 15000, WriteUnitsPerSecond: 5000 } }, notEmulated: /^warm throughput/,
    bad: [{ writeUnitsPerSecond: 3999 }, { write_units_per_second: 3999 }],
  },
  tags: {
    args: { tags: { team: "core" } }, pulumi: { tags: { team: "core" } }, terraform: { tags: { team: "core" } },
    createTable: { Tags: [{ Key: "team", Value: "core" }] },
  },
};

const BASE: TableArgs = { partitionKey: { name: "id", type: "S" } };
const table = (args: Partial<TableArgs>) => dynamoTable("tbl", { ...BASE, ...args } as TableArgs);
/** A path into Pulumi inputs (objects) or hcl2json output (blocks are lists of one object). */
const at = (value: unknown, path: string) => path.split(".").reduce<any>((v, k) => {
  const inner = Array.isArray(v) && v.length === 1 && typeof v[0] === "object" && !Array.isArray(v[0]) ? v[0] : v;
  return inner?.[k];
}, value);
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("field table: every entry reaches every renderer", () => {
  it("has an example below for every entry, and no other", () => {
    assert.deepStrictEqual(sorted(Object.keys(EXAMPLES)), sorted(FIELD_ARGS));
    assert.strictEqual(new Set(FIELD_ARGS).size, FIELD_ARGS.length, "each argument is declared once");
  });

  for (const field of TABLE_FIELDS) {
    const example = EXAMPLES[field.arg];
    describe(field.arg, () => {
      const blueprint = table(example.args);

      it("declares exactly the paths and members tested here", () => {
        assert.deepStrictEqual(sorted(field.pulumi.paths), sorted(Object.keys(example.pulumi)), "Pulumi paths");
        assert.deepStrictEqual(sorted(field.terraform.paths), sorted(Object.keys(example.terraform)), "Terraform paths");
        assert.deepStrictEqual(sorted(field.local.createTable?.members ?? []), sorted(Object.keys(example.createTable ?? {})), "CreateTable members");
        assert.strictEqual(field.local.notEmulated !== undefined, example.notEmulated !== undefined, "not-emulated line");
        assert.ok(field.local.createTable || field.local.notEmulated, "the local renderer either sends it or says it is not emulated");
      });

      it("reaches the Pulumi inputs of the plan", () => {
        const args = planTable(blueprint.table).find((r) => r.role === "table")!.args;
        for (const [path, value] of Object.entries(example.pulumi)) assert.deepStrictEqual(at(args, path), value, path);
      });

      it("reaches the flat layout and, through the module variable, input and body, the module layout", async () => {
        const flatFiles = await toTerraform([blueprint], { layout: "flat" });
        const flat = (await parseHcl(flatFiles["tbl.tf"])).resource.aws_dynamodb_table.tbl[0];
        for (const [path, value] of Object.entries(example.terraform)) assert.deepStrictEqual(at(flat, path), value, `flat ${path}`);

        const files = await toTerraform([blueprint], { layout: "module" });
        const call = (await parseHcl(files["main.tf"])).module.tbl[0];
        const variables = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable;
        const main = (await parseHcl(files["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table;
        const name = field.terraform.variable;
        assert.ok(variables[name], `variable "${name}" is declared`);
        assert.ok(variables[name][0].type, `variable "${name}" has a type`);
        assert.ok(name in call, `the module call passes ${name}`);
        for (const [variant, bodies] of Object.entries(main as Record<string, any[]>)) {
          assert.ok(JSON.stringify(bodies[0]).includes(`var.${name}`), `table variant ${variant} reads var.${name}`);
        }
        const input = (n: string) => (n in call ? call[n] : variables[n][0].default ?? null);
        const scope: Scope = (p) => (p[0] === "var" ? dig(input(p[1]), p.slice(2)) : `ref:${p.join(".")}`);
        const expanded = await expandBody(main.this[0], scope);
        for (const [path, value] of Object.entries(example.terraform)) assert.deepStrictEqual(at(expanded, path), value, `module ${path}`);
      });

      it("reaches the local CreateTable input or the not-emulated list", () => {
        const input = createTableInput(blueprint.table) as unknown as Record<string, unknown>;
        for (const [member, value] of Object.entries(example.createTable ?? {})) assert.deepStrictEqual(input[member], value, member);
        if (example.notEmulated) assert.ok(notEmulated(blueprint.table).some((l) => example.notEmulated!.test(l)), `${example.notEmulated} in ${notEmulated(blueprint.table).join("\n")}`);
      });

      it("the model and the module's validation refuse the same bad value", async () => {
        const files = await toTerraform([blueprint], { layout: "module" });
        const call = (await parseHcl(files["main.tf"])).module.tbl[0];
        const variables = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable;
        const name = field.terraform.variable;
        const validations: { condition: string }[] = variables[name][0].validation ?? [];
        assert.strictEqual(validations.length > 0, example.bad !== undefined, `variable "${name}" has a validation exactly when the example has a bad value`);
        if (!example.bad) return;
        const [badArg, badInput] = example.bad;
        assert.throws(() => table({ ...example.args, [field.arg]: badArg }),
          (e: unknown) => e instanceof BlueprintValidationError && e.message.includes(`.${field.arg}`), "the model refuses it");
        const evaluate = async (value: unknown) => {
          const scope: Scope = (p) => p[0] === "var" ? dig(p[1] === name ? value : (p[1] in call ? call[p[1]] : variables[p[1]][0].default ?? null), p.slice(2)) : undefined;
          return Promise.all(validations.map((v) => evalValue(v.condition, scope)));
        };
        assert.ok((await evaluate(call[name])).every((ok) => ok === true), "the module accepts the example");
        assert.ok((await evaluate(badInput)).some((ok) => ok === false), "the module refuses the bad value");
      });
    });
  }
});
