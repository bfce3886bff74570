/**
 * The `advisor` table argument (model/advice/hints.ts): the key and cost advisors' inputs declared on
 * the table, read by `check` steps 2 and 3, validated like every other argument, and invisible to the
 * resources and the Terraform.
 */
import * as assert from "assert";
import { DynamoTable, DynamoTableArgs } from "../../../components";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { runChecklist } from "../../../project/checklist";
import { dynamoTable } from "../../../model/blueprints";
import { BlueprintValidationError } from "../../../model/errors";
import { toTerraform } from "../../../terraform/to-terraform";

/** ~1,000 reads and writes per second around the clock: provisioned at 70% is cheaper than on-demand. */
const STEADY = { readsPerMonth: 2.6e9, writesPerMonth: 2.6e9 };

const args = (extra: Partial<DynamoTableArgs> = {}): DynamoTableArgs => ({
  tableName: "orders", partitionKey: { name: "orderId", type: "S" },
  globalSecondaryIndexes: [{ name: "ByStatus", partitionKey: { name: "status", type: "S" } }],
  ...extra,
});

async function check(extra: Partial<DynamoTableArgs>) {
  let table: DynamoTable | undefined;
  const run = await runUnderMocks(() => { table = new DynamoTable("orders", args(extra)); });
  assertMocksActive(run);
  return runChecklist({ stack: "dev", blueprints: [table!.blueprint as never], resources: run.resources });
}
const item = (report: ReturnType<typeof runChecklist>, id: string) => report.items.find((i) => i.id === id)!;

describe("advisor: the advisors' inputs as a table argument", () => {
  it("step 2: a status-like key warns with a fix naming advisor.keys; declaring its cardinality passes", async () => {
    const warned = item(await check({}), "keys");
    assert.strictEqual(warned.status, "WARN");
    assert.match(warned.details.join("\n"), /advisor: \{ keys: \{ status: \{ expectedCardinality: <distinct values> \} \} \}/);
    assert.strictEqual(item(await check({ advisor: { keys: { status: { expectedCardinality: 50_000 } } } }), "keys").status, "PASS");
    assert.strictEqual(item(await check({ advisor: { keys: { status: { lowCardinality: false } } } }), "keys").status, "PASS");
    assert.strictEqual(item(await check({ advisor: { keys: { status: { expectedCardinality: 4 } } } }), "keys").status, "WARN", "declared low stays a warning");
  });

  it("step 3: PROVISIONED without traffic warns naming the argument; steady traffic justifies it", async () => {
    const provisioned: Partial<DynamoTableArgs> = {
      globalSecondaryIndexes: [], billingMode: "PROVISIONED",
      autoscaling: { read: { min: 500, max: 2000 }, write: { min: 500, max: 2000 } },
    };
    const warned = item(await check(provisioned), "billing");
    assert.strictEqual(warned.status, "WARN");
    assert.match(warned.fix ?? "", /^set billingMode: "PAY_PER_REQUEST" on DynamoTable "orders" \(or declare the expected traffic, advisor: \{ traffic:/);
    const justified = item(await check({ ...provisioned, advisor: { traffic: STEADY } }), "billing");
    assert.strictEqual(justified.status, "PASS", justified.details.join("\n"));
  });

  it("bad advisor input is refused at construction, naming the field, the value and the fix", () => {
    assert.throws(() => dynamoTable("orders", args({ advisor: { keys: { nosuch: { expectedCardinality: 0 } }, traffic: { readsPerMonth: -1 } as never } })), (e: unknown) => {
      assert.ok(e instanceof BlueprintValidationError);
      const text = e.message;
      assert.match(text, /advisor\.keys\.nosuch.*is not a partition key of the table or of a GSI.*use one of orderId, status/);
      assert.match(text, /advisor\.keys\.nosuch\.expectedCardinality.*must be a number >= 1/);
      assert.match(text, /advisor\.traffic\.readsPerMonth: is required, a number >= 0 \(got -1\)/);
      assert.match(text, /advisor\.traffic\.writesPerMonth: is required/);
      return true;
    });
    assert.throws(() => dynamoTable("orders", args({ advisor: { trafic: STEADY } as never })), /advisor.*trafic/);
  });

  it("changes no resource and no Terraform", async () => {
    const plain = dynamoTable("orders", args());
    const advised = dynamoTable("orders", args({ advisor: { keys: { status: { expectedCardinality: 50_000 } }, traffic: STEADY } }));
    assert.deepStrictEqual(await toTerraform([advised], { layout: "flat" }), await toTerraform([plain], { layout: "flat" }));
    const a = await runUnderMocks(() => new DynamoTable("orders", args()));
    const b = await runUnderMocks(() => new DynamoTable("orders", args({ advisor: { traffic: STEADY } })));
    assert.deepStrictEqual(b.resources.map((r) => [r.type, r.name, r.inputs]), a.resources.map((r) => [r.type, r.name, r.inputs]));
  });
});

// Compile-time: the declared traffic is a subset of what the cost advisor accepts.
import type { TrafficProfile } from "../../../model/advice/cost";
import type { TrafficHints } from "../../../model/advice/hint-types";
export const trafficFits: (t: TrafficHints) => Partial<TrafficProfile> = (t) => t;
