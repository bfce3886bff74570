/**
 * Multi-Region strong consistency (issue 15): `replicas[].consistencyMode` and `globalTableWitness`
 * (`consistency_mode`, `global_table_witness {}`), with the Region rules AWS documents: one mode for
 * every replica, exactly three Regions (two STRONG replicas, or one and a witness), all in one Region set
 * (US, EU or AP), the witness apart from the others. Pulumi and both layouts agree (the provider-schema
 * test checks the blocks through tests/helpers/feature-programs.ts); `plan` and `local` say it.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { notEmulated } from "../../local/create-table-input";
import { bothLayouts } from "../helpers/table-layouts";
import { buildTree, renderTree } from "../../cli/render-tree";

const base: DynamoTableArgs = { tableName: "ledger", partitionKey: { name: "id", type: "S" }, region: "us-east-1", streamViewType: "NEW_AND_OLD_IMAGES" };
const witnessed: DynamoTableArgs = { ...base, replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-2" } };
const threeReplicas: DynamoTableArgs = { ...base, replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }, { region: "us-west-2", consistencyMode: "STRONG" }] };

const layouts = (args: DynamoTableArgs) => bothLayouts("ledger", args);

describe("multi-Region strong consistency", () => {
  it("Pulumi: STRONG replica and the witness block; plan says so", async () => {
    const run = await runUnderMocks(() => new DynamoTable("ledger", witnessed));
    assertMocksActive(run);
    const inputs = byName(run, "ledger", "aws:dynamodb/table:Table").inputs;
    assert.deepStrictEqual(inputs.replicas.map((r: any) => [r.regionName, r.consistencyMode]), [["us-east-2", "STRONG"]]);
    assert.deepStrictEqual(inputs.globalTableWitness, { regionName: "us-west-2" });
    assert.match(renderTree(buildTree(run.resources)).join("\n"), /replicas: us-east-2 \(multi-Region strong consistency, witness us-west-2\)/);
  });

  for (const [name, args] of [["two replicas and a witness", witnessed], ["three replicas", threeReplicas]] as const) {
    it(`both layouts write the same replica and witness blocks (${name})`, async () => {
      const { flat, module } = await layouts(args);
      const view = (b: any) => ({ replicas: b.replica.map((r: any) => [r.region_name, r.consistency_mode]), witness: b.global_table_witness });
      assert.deepStrictEqual(view(module), view(flat));
      assert.deepStrictEqual(view(flat).replicas.map((r: string[]) => r[1]), args.replicas!.map(() => "STRONG"));
      assert.deepStrictEqual(view(flat).witness, args.globalTableWitness ? [{ region_name: "us-west-2" }] : undefined);
    });
  }

  it("an eventual global table writes no consistency_mode (the provider's default) and no witness", async () => {
    const { flat } = await layouts({ ...base, replicas: [{ region: "eu-west-1" }] });
    assert.strictEqual(flat.replica[0].consistency_mode, undefined);
    assert.strictEqual(flat.global_table_witness, undefined);
  });

  it("the module refuses mixed modes and a witness without one STRONG replica", async () => {
    const { validations: holds } = await layouts(witnessed);
    assert.ok((await holds("replicas", {})).every((ok) => ok === true));
    assert.ok((await holds("replicas", { replicas: [{ region_name: "us-east-2", consistency_mode: "STRONG" }, { region_name: "us-west-2" }] })).includes(false));
    assert.deepStrictEqual(await holds("global_table_witness_region", {}), [true]);
    assert.deepStrictEqual(await holds("global_table_witness_region", { replicas: [{ region_name: "us-east-2" }] }), [false]);
  });

  it("local says one Region cannot show it", () => {
    assert.ok(notEmulated(dynamoTable("ledger", witnessed).table).includes(
      "multi-Region strong consistency (us-east-1, us-east-2, witness us-west-2): dynalite is one Region with no replicas"));
  });

  const invalid: [string, Partial<DynamoTableArgs>, RegExp][] = [
    ["mixed consistency modes", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }, { region: "us-west-2" }] }, /\.replicas: mix consistency modes.*Fix: set consistencyMode "STRONG" on every replica, or on none/],
    ["two Regions only", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }] }, /must make exactly three Regions for multi-Region strong consistency/],
    ["four Regions", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }, { region: "us-west-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-1" } },
      /must make exactly three Regions/],
    ["Regions of two sets", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }, { region: "eu-west-1", consistencyMode: "STRONG" }] },
      /are not all in one multi-Region strong consistency Region set.*Fix: use Regions of one set: US us-east-1 us-east-2 us-west-2/],
    ["a Region outside every set", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }, { region: "us-west-1", consistencyMode: "STRONG" }] }, /not all in one multi-Region strong consistency Region set/],
    ["a witness in a replica's Region", { replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-east-2" } }, /globalTableWitness\.regionName: is already the table's or a replica's Region/],
    ["a witness without STRONG", { replicas: [{ region: "us-east-2" }], globalTableWitness: { regionName: "us-west-2" } }, /\.globalTableWitness: needs multi-Region strong consistency/],
    ["an unknown mode", { replicas: [{ region: "us-east-2", consistencyMode: "STRICT" as never }] }, /replicas\[0\]\.consistencyMode: is not an allowed value/],
    ["no table Region", { region: undefined, replicas: threeReplicas.replicas }, /\.region: is required with multi-Region strong consistency/],
    // AWS developer guide, "How DynamoDB global tables work", consistency modes: no TTL, no LSIs with MRSC.
    ["TTL", { ...witnessed, ttlAttribute: "expiresAt" }, /\.ttlAttribute: is not supported with multi-Region strong consistency .*V2globaltables_HowItWorks.*\(got "expiresAt"\)\. Fix: remove ttlAttribute/],
    ["an LSI", { ...threeReplicas, sortKey: { name: "sk", type: "S" }, localSecondaryIndexes: [{ name: "byTime", sortKey: { name: "at", type: "N" } }] },
      /\.localSecondaryIndexes: are not supported with multi-Region strong consistency.*\(got "byTime"\)\. Fix: model each as a global secondary index/],
  ];
  it("TTL and LSIs stay allowed on EVENTUAL replicas", () => {
    const eventual = dynamoTable("ledger", { ...base, ttlAttribute: "expiresAt", sortKey: { name: "sk", type: "S" },
      localSecondaryIndexes: [{ name: "byTime", sortKey: { name: "at", type: "N" } }], replicas: [{ region: "us-east-2" }, { region: "eu-west-1" }] } as DynamoTableArgs);
    assert.strictEqual(eventual.table.ttlAttribute, "expiresAt");
  });

  for (const [rule, change, message] of invalid) {
    it(`refuses ${rule}, with the fix`, () => {
      assert.throws(() => dynamoTable("ledger", { ...base, ...change } as DynamoTableArgs), (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message));
    });
  }
});
