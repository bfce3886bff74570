/**
 * The table features that are resources of their own (issue 15: resource policies, ...; the stream
 * consumer with Lambda event filters) in both renderers are equal: a program switching them on runs
 * under Pulumi mocks; `toTerraform` of the very same components, in the flat and the module layout,
 * is parsed with HashiCorp's parser, evaluated,
 * and every resource of these types must carry the same arguments (policies compared as data) as the
 * resource Pulumi registered. Addresses follow the documented naming convention, written here
 * independently of the emitter.
 */
import * as assert from "assert";
import { ACCOUNT_ID, MockRun, Recorded, assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { evaluate, parseFiles, toPulumiShape } from "../helpers/hcl-eval";
import { formatHcl } from "../hcl/tools";
import { DynamoTable } from "../../components";
import { toTerraform } from "../../terraform/to-terraform";
import { FEATURE_TABLES, STREAM_FILTERS } from "../helpers/table-features";

/** Pulumi type -> [Terraform type, Pulumi name suffix the Terraform name drops, suffix it keeps as `_x`]. */
const TYPES: Record<string, { tf: string; name: (pulumi: string) => string; only?: (r: Recorded) => boolean }> = {
  "aws:dynamodb/table:Table": { tf: "aws_dynamodb_table", name: (n) => n },
  "aws:dynamodb/resourcePolicy:ResourcePolicy": { tf: "aws_dynamodb_resource_policy", name: (n) => n.replace(/-stream-resource-policy$/, "_stream").replace(/-resource-policy$/, "") },
  "aws:dynamodb/contributorInsights:ContributorInsights": { tf: "aws_dynamodb_contributor_insights", name: (n) => n.replace(/-insights$/, "") },
  "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination": { tf: "aws_dynamodb_kinesis_streaming_destination", name: (n) => n.replace(/-kinesis$/, "") },
  "aws:lambda/eventSourceMapping:EventSourceMapping": { tf: "aws_lambda_event_source_mapping", name: (n) => n.replace(/-stream-consumer$/, "") },
  // Only the replica regions' auto scaling (the table's own region is covered by equivalence.test.ts).
  "aws:appautoscaling/target:Target": { tf: "aws_appautoscaling_target", name: (n) => n.replace(/-target$/, ""), only: (r) => r.inputs.region !== undefined },
  "aws:appautoscaling/policy:Policy": { tf: "aws_appautoscaling_policy", name: (n) => n.replace(/-policy$/, ""), only: (r) => r.inputs.region !== undefined },
};
const tf = (n: string) => n.replace(/[^A-Za-z0-9_]/g, "_");
const addressOf = (r: Recorded) => (TYPES[r.type] && (TYPES[r.type].only?.(r) ?? true) ? `${TYPES[r.type].tf}.${tf(TYPES[r.type].name(r.name))}` : undefined);
/** JSON text compared as data. */
const normal = (key: string, v: unknown) => (key === "policy" && typeof v === "string" ? JSON.parse(v) : v);

describe("terraform equivalence: table feature resources, Pulumi mocks vs flat and module layouts", () => {
  let run: MockRun;
  let components: DynamoTable[];
  const byAddress = new Map<string, Recorded>();

  before(async () => {
    run = await runUnderMocks(() => {
      components = FEATURE_TABLES.map(([name, args]) => new DynamoTable(name, args));
    });
    for (const r of run.resources) {
      const address = addressOf(r);
      if (address) byAddress.set(address, r);
    }
  });

  const resolveFlat = (reference: string): unknown => {
    const [type, name, attribute] = reference.split(".");
    const target = byAddress.get(`${type}.${name}`);
    assert.ok(target, `HCL references ${reference}, which Pulumi does not create`);
    return target.outputs![attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
  };
  const MODULE_OUTPUT: Record<string, string> = { table_arn: "arn", table_name: "name", stream_arn: "stream_arn" };
  const resolveModule = (reference: string): unknown => {
    const [first, module, output] = reference.split(".");
    if (first !== "module") return resolveFlat(reference);
    return resolveFlat(`aws_dynamodb_table.${module}.${MODULE_OUTPUT[output]}`);
  };

  for (const layout of ["flat", "module"] as const) {
    it(`${layout}: the same feature resources, argument by argument`, async () => {
      assertMocksActive(run);
      const expected = [...byAddress.keys()].filter((a) => !a.startsWith("aws_dynamodb_table.")).sort();
      assert.ok(expected.length >= 2, `the program switches features on: ${expected}`);
      const files = await toTerraform(components, { layout });
      for (const [file, text] of Object.entries(files)) assert.strictEqual(await formatHcl(text), text, `${file} is fmt-clean`);
      const parsed = await parseFiles(layout === "flat" ? files : { "main.tf": files["main.tf"] });
      const types = new Set(Object.values(TYPES).map((t) => t.tf).filter((t) => t !== "aws_dynamodb_table"));
      const fromHcl = parsed.resources.filter((r) => types.has(r.type) && (!r.type.startsWith("aws_appautoscaling_") || r.body.region !== undefined));
      assert.deepStrictEqual(fromHcl.map((r) => `${r.type}.${r.name}`).sort(), expected);
      for (const resource of fromHcl) {
        const address = `${resource.type}.${resource.name}`;
        const pulumi = byAddress.get(address)!;
        const evaluated = await evaluate(toPulumiShape(resource.type, resource.body).inputs, layout === "flat" ? resolveFlat : resolveModule) as Record<string, any>;
        const inputs = Object.fromEntries(Object.entries(pulumi.inputs).map(([k, v]) => [k, normal(k, v)]));
        const hcl = Object.fromEntries(Object.entries(evaluated).map(([k, v]) => [k, normal(k, v)]));
        assert.deepStrictEqual(hcl, inputs, address);
      }
    });
  }

  it("the compared values are the real ones (ARNs resolved, policies with their statements)", () => {
    const stream = byAddress.get("aws_dynamodb_resource_policy.orders_stream")!;
    assert.strictEqual(stream.inputs.resourceArn, `arn:aws:dynamodb:us-east-1:${ACCOUNT_ID}:table/orders/stream/2026-11-23T00:00:00.000`);
    assert.deepStrictEqual(JSON.parse(byAddress.get("aws_dynamodb_resource_policy.orders")!.inputs.policy).Statement[0].Principal,
      { AWS: "arn:aws:iam::111122223333:role/partner" });
    assert.deepStrictEqual(byAddress.get("aws_dynamodb_contributor_insights.orders_byCustomer")!.inputs, { tableName: "orders", indexName: "byCustomer", mode: "THROTTLED_KEYS" });
    // Lambda event filtering: filter_criteria { filter { pattern } } in HCL is filterCriteria.filters[].pattern in Pulumi.
    assert.deepStrictEqual(byAddress.get("aws_lambda_event_source_mapping.orders")!.inputs.filterCriteria, { filters: STREAM_FILTERS.map((pattern) => ({ pattern })) });
    assert.deepStrictEqual(byAddress.get("aws_dynamodb_contributor_insights.events")!.inputs, { tableName: "events", mode: "ACCESSED_AND_THROTTLED_KEYS" });
    assert.deepStrictEqual(byAddress.get("aws_dynamodb_kinesis_streaming_destination.orders")!.inputs,
      { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/order-changes", tableName: "orders", approximateCreationDateTimePrecision: "MICROSECOND" });
    assert.deepStrictEqual(byAddress.get("aws_appautoscaling_target.global_eu_west_1_byOwner_write")!.inputs,
      { maxCapacity: 50, minCapacity: 5, resourceId: "table/global/index/byOwner", scalableDimension: "dynamodb:index:WriteCapacityUnits", serviceNamespace: "dynamodb", region: "eu-west-1" });
    assert.deepStrictEqual([...byAddress.keys()].filter((a) => a.startsWith("aws_appautoscaling_")).sort(), [
      "aws_appautoscaling_policy.global_eu_west_1_byOwner_write", "aws_appautoscaling_policy.global_eu_west_1_write",
      "aws_appautoscaling_target.global_eu_west_1_byOwner_write", "aws_appautoscaling_target.global_eu_west_1_write",
    ]);
  });
});
