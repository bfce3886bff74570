/**
 * Changing protection (protect / retainOnDelete) or auto scaling (table read, write, both; any GSI)
 * is not a replacement in DynamoDB, so it must never move a table or its key to an address Terraform
 * would destroy. For EVERY ordered pair of the 16 variants, in both layouts: the previous emission's
 * instances are the state, the new emission's `moved` blocks are applied (chains followed), `count`
 * is evaluated, and nothing stateful may be left for destroy. A control run without the `moved`
 * blocks must find destroys, so the simulation can fail.
 *
 * The module layout's lean module (terraform/module-contents.ts) declares only the variant the table
 * uses, so each emission's module differs: the chain in moved.tf must carry the table from every other
 * variant name, declared or not. The pairs are also run between the lean module and the full one
 * (what earlier emitter versions wrote and `fullModule` writes), in both directions.
 *
 * Also: the three renderers ignore the same capacities for every variant (Pulumi ignoreChanges under
 * mocks, the flat layout's and the selected module variant's ignore_changes), i.e. only what a scaler owns
 * (and, in the full module, the creation-only arguments).
 */
import * as assert from "assert";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable } from "../../model/blueprints";
import { TableArgs } from "../../model/types";
import { Emission, emission, plannedDestroys } from "../helpers/terraform-addresses";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { DynamoTable } from "../../components";
import { parseHcl } from "../hcl/tools";

const range = { min: 5, max: 50 };
interface Variant { protect: boolean; read: boolean; write: boolean; gsi: boolean }
const VARIANTS: Variant[] = [];
for (const protect of [false, true]) for (const read of [false, true]) for (const write of [false, true]) for (const gsi of [false, true]) VARIANTS.push({ protect, read, write, gsi });
const label = (v: Variant) => `${v.protect ? "protected" : "unprotected"}${v.read ? "+read" : ""}${v.write ? "+write" : ""}${v.gsi ? "+gsi" : ""}`;

function args(v: Variant): TableArgs {
  return {
    tableName: "ledger",
    partitionKey: { name: "id", type: "S" },
    billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
    autoscaling: v.read || v.write ? { ...(v.read ? { read: range } : {}), ...(v.write ? { write: range } : {}) } : undefined,
    globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 5, writeCapacity: 5, ...(v.gsi ? { autoscaling: { read: range } } : {}) }],
    encryption: "CUSTOMER_MANAGED",
    monitoring: {},
  };
}
const blueprint = (v: Variant) => dynamoTable("ledger", args(v), { protect: v.protect, retainOnDelete: v.protect });

for (const layout of ["module", "flat"] as const) {
  describe(`terraform addresses are stable across variant changes (${layout} layout)`, function () {
    this.timeout(60_000);
    const emitted = new Map<Variant, Emission>();

    before(async () => {
      for (const v of VARIANTS) emitted.set(v, await emission(await toTerraform([blueprint(v)], { layout })));
    });

    it(`no table or key is planned for destroy, for all ${VARIANTS.length * VARIANTS.length} ordered pairs`, () => {
      const failures: string[] = [];
      for (const from of VARIANTS) {
        for (const to of VARIANTS) {
          const before = emitted.get(from)!;
          const after = emitted.get(to)!;
          assert.ok([...after.instances].some((a) => a.includes("aws_dynamodb_table")), `${label(to)} declares a table`);
          const destroys = plannedDestroys(before, after);
          if (destroys.length) failures.push(`${label(from)} -> ${label(to)}: destroys ${destroys.join(", ")}`);
        }
      }
      assert.deepStrictEqual(failures, []);
    });

    it("the moved blocks are valid for Terraform: no from is a declared instance, no address is moved from or to twice, no cycle", () => {
      for (const v of VARIANTS) {
        const { instances, moves } = emitted.get(v)!;
        for (const m of moves) assert.ok(!instances.has(m.from), `${label(v)}: moved from ${m.from}, which is declared (Moved object still exists)`);
        for (const side of ["from", "to"] as const) {
          const seen = moves.map((m) => m[side]);
          assert.strictEqual(new Set(seen).size, seen.length, `${label(v)}: an address is moved ${side} twice (ambiguous move statements)`);
        }
        for (const m of moves) {
          let at = m.to;
          for (let steps = 0; steps <= moves.length; steps++) {
            const next = moves.find((x) => x.from === at);
            if (!next) break;
            assert.notStrictEqual(next.to, m.from, `${label(v)}: cycle through ${m.from}`);
            at = next.to;
          }
          assert.ok(instances.has(at), `${label(v)}: the chain from ${m.from} ends at ${at}, which is not declared`);
        }
      }
    });

    if (layout === "module") {
      it(`between the lean and the full module, in both directions: ${2 * VARIANTS.length * VARIANTS.length} ordered pairs, no destroy`, async () => {
        const full = new Map<Variant, Emission>();
        for (const v of VARIANTS) full.set(v, await emission(await toTerraform([blueprint(v)], { layout, fullModule: true })));
        const failures: string[] = [];
        for (const from of VARIANTS) {
          for (const to of VARIANTS) {
            for (const [a, b, how] of [[full.get(from)!, emitted.get(to)!, "full -> lean"], [emitted.get(from)!, full.get(to)!, "lean -> full"]] as const) {
              const destroys = plannedDestroys(a, b);
              if (destroys.length) failures.push(`${how} ${label(from)} -> ${label(to)}: destroys ${destroys.join(", ")}`);
            }
          }
        }
        assert.deepStrictEqual(failures, []);
        let destroying = 0;
        for (const from of VARIANTS) for (const to of VARIANTS) if (plannedDestroys(full.get(from)!, { ...emitted.get(to)!, moves: [] }).length) destroying++;
        assert.ok(destroying > 0, "control: without moved blocks, full -> lean destroys");
      });
    }

    it("the simulation can fail: without the moved blocks, variant changes destroy the table", () => {
      let destroying = 0;
      for (const from of VARIANTS) for (const to of VARIANTS) {
        if (plannedDestroys(emitted.get(from)!, { ...emitted.get(to)!, moves: [] }).length) destroying++;
      }
      if (layout === "module") assert.ok(destroying > 0, "control found no destroys");
      else assert.strictEqual(destroying, 0, "flat addresses never depend on the variant");
    });
  });
}

describe("Pulumi, flat and module layouts ignore the same capacities", function () {
  this.timeout(60_000);

  it("for every variant: only what a scaler owns", async () => {
    const run = await runUnderMocks(() => VARIANTS.map((v, i) => new DynamoTable(`t${i}`, { ...args(v), monitoring: undefined, tableName: `ledger-${i}` }, { protect: v.protect, retainOnDelete: v.protect })));
    assertMocksActive(run);
    for (const [i, v] of VARIANTS.entries()) {
      const table = run.resources.find((r) => r.type === "aws:dynamodb/table:Table" && r.name === `t${i}`)!;
      // Terraform can only ignore the whole GSI set, and Pulumi ignores exactly that too (set paths are unreliable).
      const pulumi = [...new Set(table.ignoreChanges.map((p) => (p === "globalSecondaryIndexes" ? "global_secondary_index" : p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))))].sort();
      const flat = (await parseHcl((await toTerraform([blueprint(v)], { layout: "flat" }))["ledger.tf"])).resource.aws_dynamodb_table.ledger[0];
      const module = await toTerraform([blueprint(v)], { layout: "module" });
      const selected = [...(await emission(module)).instances].find((a) => a.includes("aws_dynamodb_table"))!.split(".")[3].replace("[0]", "");
      const moduleBody = (await parseHcl(module["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table[selected][0];
      const fullBody = (await parseHcl((await toTerraform([blueprint(v)], { layout: "module", fullModule: true }))["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table[selected][0];
      const ignored = (body: any) => (body.lifecycle?.[0]?.ignore_changes ?? []).map((s: string) => s.replace(/^\$\{|\}$/g, "")).sort();
      const expected = [...(v.read ? ["read_capacity"] : []), ...(v.write ? ["write_capacity"] : []), ...(v.gsi ? ["global_secondary_index"] : [])].sort();
      // The module's literal lifecycle also ignores the creation-only arguments (null unless the table
      // is restored or imported; model/creation-source.ts), which Pulumi and the flat layout ignore only when
      // set: the full module all of them, the lean one those every 6.x provider knows (a state may hold them
      // from an earlier emission; terraform/module-contents.ts), restore_backup_arn only when a table sets it.
      const creation = ["import_table", "restore_date_time", "restore_source_name", "restore_source_table_arn", "restore_to_latest_time"];
      assert.deepStrictEqual({ pulumi, flat: ignored(flat), module: ignored(moduleBody), full: ignored(fullBody) },
        { pulumi: expected, flat: expected, module: [...expected, ...creation].sort(), full: [...expected, ...creation, "restore_backup_arn"].sort() }, label(v));
      assert.strictEqual(moduleBody.lifecycle?.[0]?.prevent_destroy === true, v.protect, `${label(v)} prevent_destroy`);
      assert.strictEqual(fullBody.lifecycle?.[0]?.prevent_destroy === true, v.protect, `${label(v)} prevent_destroy (full module)`);
    }
  });
});
