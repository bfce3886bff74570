/**
 * Rules 1, 2, 3 and 7: resource policies on aws:dynamodb/table:Table, fed hand-built inputs the way
 * the engine sends them (camelCase Pulumi names, unknown sentinels during preview).
 */
import * as assert from "assert";
import { billingCapacity, deletionProtection, pitrEnabled, productionCmk } from "../../policy/policies";
import { TABLE } from "../../policy/lib";
import { TestResource, UNKNOWN_BOOLEAN, UNKNOWN_STRING, messages, validateResource } from "./harness";

const CMK = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const table = (props: Record<string, unknown>, name = "orders"): TestResource => ({
  type: TABLE, name, props: { name: `${name}-x`, billingMode: "PAY_PER_REQUEST", hashKey: "id", ...props },
});
const prodTags = { Environment: "production" };
const safe = { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true, serverSideEncryption: { enabled: true, kmsKeyArn: CMK } };

describe("policy: dynamodb-pitr-enabled (1)", () => {
  it("passes a table with PITR on, production or not", async () => {
    assert.deepStrictEqual(await validateResource(pitrEnabled, table({ pointInTimeRecovery: { enabled: true } })), []);
    assert.deepStrictEqual(await validateResource(pitrEnabled, table({ ...safe, tags: prodTags })), []);
  });

  it("fails any table (default scope: all) with PITR absent or off, naming resource, field, value and fix", async () => {
    const absent = await validateResource(pitrEnabled, table({}));
    assert.strictEqual(absent.length, 1);
    assert.strictEqual(absent[0].level, "mandatory");
    assert.match(absent[0].message, /^aws:dynamodb\/table:Table "orders" \(orders-x\): pointInTimeRecovery\.enabled is not set: /);
    assert.match(absent[0].message, /Fix: set pointInTimeRecovery: \{ enabled: true \}/);
    const off = messages(await validateResource(pitrEnabled, table({ pointInTimeRecovery: { enabled: false } })));
    assert.match(off[0], /pointInTimeRecovery\.enabled is false: PITR is required because the policy's scope is all tables/);
  });

  it("fails a replica without PITR (replicas default to off)", async () => {
    const v = messages(await validateResource(pitrEnabled, table({
      pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "eu-west-1", pointInTimeRecovery: true }, { regionName: "us-west-2" }],
    })));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /replicas\[1\] \(us-west-2\)\.pointInTimeRecovery is not set/);
  });

  it("scope: production skips untagged tables but still fails production ones", async () => {
    const config = { "dynamodb-pitr-enabled": { scope: "production" } };
    assert.deepStrictEqual(await validateResource(pitrEnabled, table({}), config), []);
    const v = messages(await validateResource(pitrEnabled, table({ tags: { environment: "PRD" } }), config));
    assert.match(v[0], /because it is a production table \(tags\.environment = "PRD"\)/);
  });

  it("treats a value unknown during preview as fine (re-checked at `up`) without tripping the SDK's proxy", async () => {
    assert.deepStrictEqual(await validateResource(pitrEnabled, table({ pointInTimeRecovery: { enabled: UNKNOWN_BOOLEAN } })), []);
  });
});

describe("policy: dynamodb-production-cmk (2)", () => {
  it("ignores non-production tables, whatever their encryption", async () => {
    assert.deepStrictEqual(await validateResource(productionCmk, table({ tags: { Environment: "dev" } })), []);
    assert.deepStrictEqual(await validateResource(productionCmk, table({})), []);
  });

  it("passes a production table with a customer-managed key, known or still being created", async () => {
    assert.deepStrictEqual(await validateResource(productionCmk, table({ ...safe, tags: prodTags })), []);
    const pending = table({ tags: prodTags, serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN_STRING } });
    assert.deepStrictEqual(await validateResource(productionCmk, pending), []);
  });

  it("fails a production table on the AWS-owned key (no serverSideEncryption)", async () => {
    const v = messages(await validateResource(productionCmk, table({ tags: prodTags })));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /a production table \(tags\.Environment = "production"\): serverSideEncryption\.enabled is not set: .*AWS-owned key/);
    assert.match(v[0], /Fix: create an aws\.kms\.Key .*kmsKeyArn: key\.arn/);
  });

  it("fails the AWS managed key: enabled without kmsKeyArn, or alias/aws/dynamodb", async () => {
    const noKey = messages(await validateResource(productionCmk, table({ tags: prodTags, serverSideEncryption: { enabled: true } })));
    assert.match(noKey[0], /serverSideEncryption\.kmsKeyArn is not set: the table uses the AWS managed key alias\/aws\/dynamodb/);
    const alias = "arn:aws:kms:us-east-1:123456789012:alias/aws/dynamodb";
    const aliased = messages(await validateResource(productionCmk, table({ tags: prodTags, serverSideEncryption: { enabled: true, kmsKeyArn: alias } })));
    assert.match(aliased[0], new RegExp(`kmsKeyArn is "${alias.replace(/[/.]/g, "\\$&")}"`));
  });

  it("fails a replica of a production table without its own key", async () => {
    const v = messages(await validateResource(productionCmk, table({ ...safe, tags: prodTags, replicas: [{ regionName: "eu-west-1" }] })));
    assert.deepStrictEqual(v.length, 1);
    assert.match(v[0], /replicas\[0\] \(eu-west-1\)\.kmsKeyArn is not set: .*KMS keys are regional/);
  });

  it("matches the tag key and values case-insensitively, in tags, tagsAll and provider defaultTags", async () => {
    for (const props of [{ tags: { ENVIRONMENT: "Prod" } }, { tagsAll: { Environment: "prd" } }]) {
      assert.strictEqual((await validateResource(productionCmk, table(props))).length, 1, JSON.stringify(props));
    }
    // The AWS provider's nested config reaches policies JSON-encoded.
    const provider = { type: "pulumi:providers:aws", name: "default", urn: "urn:p", props: { defaultTags: JSON.stringify({ tags: { Environment: "production" } }) } };
    const v = messages(await validateResource(productionCmk, { ...table({}), provider }));
    assert.match(v[0], /provider defaultTags\.Environment = "production"/);
  });

  it("honours a custom production tag from the policy config", async () => {
    const config = { "dynamodb-production-cmk": { productionTagKey: "stage", productionTagValues: ["live"] } };
    assert.strictEqual((await validateResource(productionCmk, table({ tags: { Stage: "LIVE" } }), config)).length, 1);
    assert.deepStrictEqual(await validateResource(productionCmk, table({ tags: prodTags }), config), [], "Environment=production is no longer production");
  });

  it("can be lowered to advisory or disabled per policy", async () => {
    const t = table({ tags: prodTags });
    assert.strictEqual((await validateResource(productionCmk, t, { "dynamodb-production-cmk": "advisory" }))[0].level, "advisory");
    assert.deepStrictEqual(await validateResource(productionCmk, t, { "dynamodb-production-cmk": { enforcementLevel: "disabled" } }), []);
  });
});

describe("policy: dynamodb-deletion-protection (3)", () => {
  it("fails a production table without deletion protection, passes one with it", async () => {
    const v = messages(await validateResource(deletionProtection, table({ tags: prodTags, deletionProtectionEnabled: false })));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /deletionProtectionEnabled is false: deletion protection is required because it is a production table/);
    assert.match(v[0], /Fix: set deletionProtectionEnabled: true/);
    assert.deepStrictEqual(await validateResource(deletionProtection, table({ ...safe, tags: prodTags })), []);
  });

  it("leaves non-production tables alone by default; scope: all checks them too", async () => {
    assert.deepStrictEqual(await validateResource(deletionProtection, table({ tags: { Environment: "dev" } })), []);
    const v = await validateResource(deletionProtection, table({ tags: { Environment: "dev" } }), { "dynamodb-deletion-protection": { scope: "all" } });
    assert.match(v[0].message, /because the policy's scope is all tables/);
  });

  it("checks replicas of a production table", async () => {
    const v = messages(await validateResource(deletionProtection, table({ ...safe, tags: prodTags, replicas: [{ regionName: "eu-west-1" }] })));
    assert.match(v[0], /replicas\[0\] \(eu-west-1\)\.deletionProtectionEnabled is not set/);
  });

  it("skips a table whose environment tag is unknown during preview", async () => {
    assert.deepStrictEqual(await validateResource(deletionProtection, table({ tags: { Environment: UNKNOWN_STRING } })), []);
  });
});

describe("policy: dynamodb-billing-capacity (7)", () => {
  const gsi = (extra: Record<string, unknown>) => ({ name: "StatusIndex", hashKey: "orderStatus", projectionType: "KEYS_ONLY", ...extra });

  it("passes on-demand without capacities and provisioned with capacities everywhere", async () => {
    assert.deepStrictEqual(await validateResource(billingCapacity, table({ globalSecondaryIndexes: [gsi({})] })), []);
    assert.deepStrictEqual(await validateResource(billingCapacity, table({ readCapacity: 0, writeCapacity: 0 })), [], "0 is how on-demand reads back");
    const provisioned = table({ billingMode: "PROVISIONED", readCapacity: 10, writeCapacity: 10, globalSecondaryIndexes: [gsi({ readCapacity: 5, writeCapacity: 5 })] });
    assert.deepStrictEqual(await validateResource(billingCapacity, provisioned), []);
  });

  it("fails provisioned (explicit or the provider default) without capacity >= 1 on the table or a GSI", async () => {
    const v = messages(await validateResource(billingCapacity, table({ billingMode: undefined })));
    assert.strictEqual(v.length, 2);
    assert.match(v[0], /readCapacity is not set: billingMode \(not set, so the provider default PROVISIONED\) needs read and write capacity/);
    const g = messages(await validateResource(billingCapacity, table({
      billingMode: "PROVISIONED", readCapacity: 10, writeCapacity: 0, globalSecondaryIndexes: [gsi({ readCapacity: 5 })],
    })));
    assert.strictEqual(g.length, 2);
    assert.match(g[0], /\(orders-x\): writeCapacity is 0: billingMode PROVISIONED needs/);
    assert.match(g[1], /\(orders-x\): globalSecondaryIndexes\[0\] \(StatusIndex\)\.writeCapacity is not set/);
  });

  it("fails PAY_PER_REQUEST with capacities on the table or a GSI", async () => {
    const v = messages(await validateResource(billingCapacity, table({ readCapacity: 5, globalSecondaryIndexes: [gsi({ writeCapacity: 5 })] })));
    assert.strictEqual(v.length, 2);
    assert.match(v[0], /readCapacity is 5: billingMode PAY_PER_REQUEST takes no provisioned capacity.*Fix: remove readCapacity/);
    assert.match(v[1], /globalSecondaryIndexes\[0\] \(StatusIndex\)\.writeCapacity is 5/);
  });

  it("fails a billing mode DynamoDB does not have", async () => {
    const v = messages(await validateResource(billingCapacity, table({ billingMode: "ON_DEMAND" })));
    assert.deepStrictEqual(v.length, 1);
    assert.match(v[0], /billingMode is "ON_DEMAND": DynamoDB accepts only PROVISIONED or PAY_PER_REQUEST/);
  });
});
