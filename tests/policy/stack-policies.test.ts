/**
 * Rule 4 (protect, a stack policy reading opts.protect) and rule 5 (auto scaling coverage, a stack
 * policy matching appautoscaling targets/policies to tables and GSIs by resourceId).
 */
import * as assert from "assert";
import { productionProtect, provisionedAutoscaling } from "../../policy/policies";
import { GSI_RESOURCE, SCALING_POLICY, SCALING_TARGET, TABLE } from "../../policy/lib";
import { TestResource, UNKNOWN_STRING, messages, urnOf, validateStack } from "./harness";

const prodTable = (name: string, protect: boolean, tags: Record<string, string> = { Environment: "prod" }): TestResource =>
  ({ type: TABLE, name, protect, props: { name: `${name}-prod`, billingMode: "PAY_PER_REQUEST", hashKey: "id", tags } });

describe("policy: dynamodb-production-protect (4)", () => {
  it("passes a protected production table and ignores unprotected non-production ones", async () => {
    const stack = [prodTable("data", true), prodTable("scratch", false, { Environment: "dev" }), { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: { Environment: "prod" } } }];
    assert.deepStrictEqual(await validateStack(productionProtect, stack), []);
  });

  it("fails an unprotected production table, reported against its URN with the fix", async () => {
    const v = await validateStack(productionProtect, [prodTable("data", false), prodTable("other", true)]);
    assert.strictEqual(v.length, 1);
    assert.strictEqual(v[0].urn, urnOf(TABLE, "data"));
    assert.strictEqual(v[0].level, "mandatory");
    assert.match(v[0].message, /^aws:dynamodb\/table:Table "data" \(data-prod\), a production table \(tags\.Environment = "prod"\): resource option protect is false: /);
    assert.match(v[0].message, /Fix: pass \{ protect: true, retainOnDelete: true \}.*prevent_destroy/);
  });

  it("sees production tags added by the provider's defaultTags (tagsAll in the stack's state)", async () => {
    const t: TestResource = { type: TABLE, name: "data", props: { name: "data", tags: {}, tagsAll: { Environment: "production" } } };
    assert.match(messages(await validateStack(productionProtect, [t]))[0], /tagsAll\.Environment = "production"/);
  });

  it("honours a custom production tag", async () => {
    const config = { "dynamodb-production-protect": { productionTagKey: "tier", productionTagValues: ["critical"] } };
    assert.deepStrictEqual(await validateStack(productionProtect, [prodTable("data", false)], config), []);
    assert.strictEqual((await validateStack(productionProtect, [prodTable("data", false, { Tier: "Critical" })], config)).length, 1);
  });
});

// ---- rule 5 -----------------------------------------------------------------------------------------

const provisioned = (name: string, gsis: string[] = [], extra: Record<string, unknown> = {}): TestResource => ({
  type: TABLE, name, props: {
    name, billingMode: "PROVISIONED", readCapacity: 10, writeCapacity: 10, hashKey: "id",
    globalSecondaryIndexes: gsis.map((g) => ({ name: g, hashKey: "customerId", projectionType: "ALL", readCapacity: 5, writeCapacity: 5 })), ...extra,
  },
});
const Dim = { read: "Read", write: "Write" } as const;
/** A target and its target-tracking policy, the way the article (and model/plan-table.ts) writes them. */
function scaling(table: string, dim: "read" | "write", index?: string): TestResource[] {
  const kind = index ? "index" : "table";
  const base = `${table}${index ? `-${index}` : ""}-${dim}`;
  const resourceId = `table/${table}${index ? `/index/${index}` : ""}`;
  const dimension = `dynamodb:${kind}:${Dim[dim]}CapacityUnits`;
  return [
    { type: SCALING_TARGET, name: `${base}-target`, props: { serviceNamespace: "dynamodb", resourceId, scalableDimension: dimension, minCapacity: 1, maxCapacity: 10 } },
    {
      type: SCALING_POLICY, name: `${base}-policy`, props: {
        policyType: "TargetTrackingScaling", serviceNamespace: "dynamodb", resourceId, scalableDimension: dimension,
        targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${Dim[dim]}CapacityUtilization` }, targetValue: 70 },
      },
    },
  ];
}
const fully = (table: string, gsis: string[] = []) =>
  [undefined, ...gsis].flatMap((i) => [...scaling(table, "read", i), ...scaling(table, "write", i)]);

describe("policy: dynamodb-provisioned-autoscaling (5)", () => {
  it("passes provisioned tables whose table and GSI capacities all have a target and a policy", async () => {
    const stack = [provisioned("hot", ["ByCustomer"]), ...fully("hot", ["ByCustomer"]), provisioned("hot2"), ...fully("hot2")];
    assert.deepStrictEqual(await validateStack(provisionedAutoscaling, stack), []);
  });

  it("ignores on-demand tables", async () => {
    assert.deepStrictEqual(await validateStack(provisionedAutoscaling, [{ type: TABLE, name: "od", props: { name: "od", billingMode: "PAY_PER_REQUEST" } }]), []);
  });

  it("fails a provisioned table with no auto scaling, listing every missing target", async () => {
    const v = await validateStack(provisionedAutoscaling, [provisioned("hot", ["ByCustomer"])]);
    assert.strictEqual(v.length, 1);
    assert.strictEqual(v[0].urn, urnOf(TABLE, "hot"));
    assert.match(v[0].message, /^aws:dynamodb\/table:Table "hot": billingMode is "PROVISIONED": .*no scaling target for table read, table write, index ByCustomer read, index ByCustomer write\./);
    assert.match(v[0].message, /Fix: .*resourceId: "table\/hot" or "table\/hot\/index\/<index>".*or use billingMode: "PAY_PER_REQUEST"/);
  });

  it("treats a table without billingMode as PROVISIONED (the provider default)", async () => {
    const v = messages(await validateStack(provisionedAutoscaling, [provisioned("hot", [], { billingMode: undefined }), ...scaling("hot", "read")]));
    assert.match(v[0], /billingMode is "PROVISIONED \(provider default\)": .*no scaling target for table write\./);
  });

  it("names only the GSI dimension that lacks a target, and a target that lacks a policy", async () => {
    const [writeTarget] = scaling("hot", "write", "ByCustomer");
    const stack = [provisioned("hot", ["ByCustomer"]), ...fully("hot"), ...scaling("hot", "read", "ByCustomer"), writeTarget];
    assert.match(messages(await validateStack(provisionedAutoscaling, stack))[0], /has a target but no scaling policy for index ByCustomer write\./);
    const noIndexWrite = [provisioned("hot", ["ByCustomer"]), ...fully("hot"), ...scaling("hot", "read", "ByCustomer")];
    assert.match(messages(await validateStack(provisionedAutoscaling, noIndexWrite))[0], /has no scaling target for index ByCustomer write\./);
  });

  it("does not credit another table's targets or a non-DynamoDB target", async () => {
    const ecs: TestResource = { type: SCALING_TARGET, name: "ecs", props: { serviceNamespace: "ecs", resourceId: "table/hot", scalableDimension: "ecs:service:DesiredCount" } };
    const v = messages(await validateStack(provisionedAutoscaling, [provisioned("hot"), provisioned("cold"), ...fully("cold"), ecs]));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /"hot": .*no scaling target for table read, table write/);
  });

  it("requires index targets for a standalone GSI resource on a provisioned table", async () => {
    const gsi: TestResource = { type: GSI_RESOURCE, name: "g", props: { tableName: "hot", indexName: "ByStatus", keySchemas: [] } };
    const v = messages(await validateStack(provisionedAutoscaling, [provisioned("hot"), ...fully("hot"), gsi]));
    assert.match(v[0], /no scaling target for index ByStatus read, index ByStatus write/);
  });

  it("matches through dependencies when resourceId is unknown during preview (table name from auto-naming)", async () => {
    const unknownIds = fully("hot", ["ByCustomer"]).map((r): TestResource => r.type === SCALING_TARGET
      ? { ...r, props: { ...r.props, resourceId: UNKNOWN_STRING }, propertyDependencies: { resourceId: ["hot"] } }
      : { ...r, props: { ...r.props, resourceId: UNKNOWN_STRING, scalableDimension: UNKNOWN_STRING }, propertyDependencies: { resourceId: [r.name.replace(/-policy$/, "-target")] } });
    const table = provisioned("hot", ["ByCustomer"], { name: UNKNOWN_STRING });
    assert.deepStrictEqual(await validateStack(provisionedAutoscaling, [table, ...unknownIds]), []);
    // Without the write targets, the gap still shows.
    const v = await validateStack(provisionedAutoscaling, [table, ...unknownIds.filter((r) => !/write/.test(r.name))]);
    assert.match(v[0].message, /^aws:dynamodb\/table:Table "hot": .*no scaling target for table write, index ByCustomer write\./);
  });
});
