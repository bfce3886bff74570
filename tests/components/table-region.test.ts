/**
 * `region` is a first-class table argument (issue 20): the table and every Regional child resource
 * (its key, scaling targets and policies, alarms and their topic and key, the stream consumer,
 * Contributor Insights, the Kinesis destination, resource policies) are placed in it, and the key
 * policy's kms:ViaService names it, in both renderers. Checked on the Pulumi mocks' registered inputs
 * and on the HCL read with HashiCorp's parser; IAM (inline role policies) is global.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs, TerraformStateBackend } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { toTerraform } from "../../terraform/to-terraform";
import { TABLE_POLICY, STREAM_POLICY } from "../helpers/table-features";

const REGION = "eu-west-1";
const ACCOUNT = "123456789012";
const range = { min: 5, max: 50 };
const args: DynamoTableArgs = {
  tableName: "ledger", partitionKey: { name: "id", type: "S" }, region: REGION,
  billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, autoscaling: { read: range, write: range },
  globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 5, writeCapacity: 5, autoscaling: { read: range } }],
  encryption: "CUSTOMER_MANAGED",
  streamViewType: "NEW_AND_OLD_IMAGES",
  streamConsumer: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:consume` },
  monitoring: { userErrors: true },
  grants: [{ role: "app-role", access: "readWrite" }],
  contributorInsights: { mode: "THROTTLED_KEYS", indexes: ["byOwner"] },
  kinesisStreamingDestination: { streamArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/changes` },
  resourcePolicy: TABLE_POLICY, streamResourcePolicy: STREAM_POLICY,
};
/** Any AWS Region name other than the table's, anywhere in a value. */
const OTHER_REGION = new RegExp(`\\b(?!${REGION}\\b)(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\\d\\b`);

describe("a table's region reaches every child resource and condition", () => {
  it("Pulumi: every Regional resource has the table's region input, nothing names another Region, kms:ViaService names it", async () => {
    const run = await runUnderMocks(() => new DynamoTable("ledger", args));
    assertMocksActive(run);
    const resources = run.resources.filter((r) => r.custom);
    const types = new Set(resources.map((r) => r.type));
    for (const expected of ["aws:kms/key:Key", "aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy", "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:sns/topic:Topic", "aws:lambda/eventSourceMapping:EventSourceMapping", "aws:dynamodb/contributorInsights:ContributorInsights",
      "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "aws:dynamodb/resourcePolicy:ResourcePolicy", "aws:iam/rolePolicy:RolePolicy"]) {
      assert.ok(types.has(expected), `the program has a ${expected}`);
    }
    for (const r of resources) {
      if (r.type === "aws:iam/rolePolicy:RolePolicy") assert.strictEqual(r.inputs.region, undefined, `${r.name}: IAM is global`);
      else assert.strictEqual(r.inputs.region, REGION, `${r.type} ${r.name}`);
      assert.doesNotMatch(JSON.stringify(r.inputs), OTHER_REGION, `${r.type} ${r.name}`);
    }
    const key = resources.find((r) => r.type === "aws:kms/key:Key" && r.name === "ledger-key")!;
    assert.match(JSON.stringify(JSON.parse(key.inputs.policy)), new RegExp(`"kms:ViaService":"dynamodb\\.${REGION}\\.amazonaws\\.com"`));
  });

  for (const layout of ["flat", "module"] as const) {
    it(`Terraform ${layout} layout: every Regional resource is placed in the table's region, the key policy names it, no other Region is written`, async () => {
      const files = await toTerraform([dynamoTable("ledger", args)], { layout, region: "us-east-1" });
      const module = layout === "module" ? (await parseHcl(files["main.tf"])).module.ledger[0] : undefined;
      if (module) assert.strictEqual(module.region, REGION, "the module call passes the table's region");
      let count = 0;
      for (const [file, text] of Object.entries(files)) {
        const json = await parseHcl(text);
        for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
          for (const [name, bodies] of Object.entries<any[]>(byName)) {
            const where = `${file}: ${type}.${name}`;
            if (type === "aws_iam_role_policy") { assert.strictEqual(bodies[0].region, undefined, `${where}: IAM is global`); continue; }
            const expected = file.startsWith("modules/") ? "${var.region}" : REGION;
            assert.strictEqual(bodies[0].region, expected, where);
            count++;
          }
        }
        if (file.startsWith("modules/")) {
          for (const d of Object.values<any[]>(json.data?.aws_region ?? {})) assert.strictEqual(d[0].region, "${var.region}", "the module reads the table's Region for kms:ViaService");
        }
        // Resources and data sources name no other Region (the provider block keeps the provider's own).
        assert.doesNotMatch(JSON.stringify([json.resource ?? {}, json.data ?? {}, json.module ?? {}]), OTHER_REGION, file);
      }
      assert.ok(count >= 10, `${count} Regional resources checked`);
      if (layout === "flat") assert.ok(files["ledger.tf"].includes(`"kms:ViaService"    = "dynamodb.${REGION}.amazonaws.com"`), "the key policy names the table's Region");
    });
  }

  it("a state backend's region places its bucket, the bucket's settings, the lock table and its key there (backend.tf looks for them there)", async () => {
    const backendArgs = { bucketName: "acme-terraform-state", region: REGION, lockTableEncryption: "CUSTOMER_MANAGED" as const };
    const run = await runUnderMocks(() => new TerraformStateBackend("state", backendArgs), { config: { "aws:region": "us-east-1" } });
    assertMocksActive(run);
    const resources = run.resources.filter((r) => r.custom);
    assert.strictEqual(resources.length, 8, "bucket, 5 bucket settings, lock table, its key");
    for (const r of resources) assert.strictEqual(r.inputs.region, REGION, `${r.type} ${r.name}`);
    for (const layout of ["flat", "module"] as const) {
      const files = await toTerraform([stateBackend("state", backendArgs)], { layout, region: "us-east-1" });
      const backend = (await parseHcl(files["backend.tf"])).terraform[0].backend.s3[0];
      assert.strictEqual(backend.region, REGION);
      let count = 0;
      for (const [file, text] of Object.entries(files)) {
        const json = await parseHcl(text);
        for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
          for (const [name, bodies] of Object.entries<any[]>(byName)) {
            assert.strictEqual(bodies[0].region, file.startsWith("modules/") ? "${var.region}" : REGION, `${layout} ${file}: ${type}.${name}`);
            count++;
          }
        }
        for (const call of Object.values<any[]>(json.module ?? {})) assert.strictEqual(call[0].region, REGION, `${layout}: the lock table's module call`);
      }
      assert.ok(count >= 8, `${layout}: ${count} resources checked`);
    }
  });

  it("an explicit aws provider (the component's provider, providers, or an ancestor's) moves Pulumi's resources out of the HCL's Region: emission is refused", async () => {
    const replicated: DynamoTableArgs = { tableName: "ledger", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "us-east-1" }] };
    const ways: [string, (p: Provider) => pulumi.ComponentResourceOptions][] = [
      ["provider", (p) => ({ provider: p })],
      ["providers", (p) => ({ providers: { aws: p } })],
      ["an ancestor's providers", (p) => ({ parent: new pulumi.ComponentResource("acme:index:Group", "group", {}, { providers: [p] }) })],
    ];
    for (const [way, opts] of ways) {
      const made: (DynamoTable | TerraformStateBackend)[] = [];
      const run = await runUnderMocks(() => {
        const eu = new Provider("eu", { region: REGION });
        // aws:region is the stack's, not the table's: the replica in us-east-1 is not the table's own Region here.
        made.push(new DynamoTable("ledger", replicated, opts(eu)), new TerraformStateBackend("state", { bucketName: "acme-terraform-state" }, opts(eu)));
      }, { config: { "aws:region": "us-east-1" } });
      assertMocksActive(run);
      assert.ok(run.resources.some((r) => r.type === "aws:dynamodb/table:Table" && r.name === "ledger"), `${way}: Pulumi registers the table`);
      for (const [component, label] of [[made[0], `DynamoTable "ledger"`], [made[1], `TerraformStateBackend "state"`]] as const) {
        for (const layout of ["flat", "module"] as const) {
          await assert.rejects(toTerraform([component], { layout }), (e: Error) =>
            e.message.includes(`${label}: resource option provider/providers`) && /set the table's `region` argument instead/.test(e.message), `${way}, ${layout}`);
        }
      }
    }
  });

  it("a table key or a stream consumer given as an ARN in another Region is refused, naming the field, both Regions and the AWS rule", () => {
    const base: DynamoTableArgs = { tableName: "ledger", partitionKey: { name: "id", type: "S" }, region: REGION, streamViewType: "NEW_IMAGE" };
    assert.throws(() => dynamoTable("ledger", { ...base, encryption: "CUSTOMER_MANAGED", kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }),
      /DynamoTable "ledger"\.kmsKeyArn: is a key in us-east-1, not in the table's Region eu-west-1 \(AWS: a customer-managed key serves only its own Region.*Fix: use a key ARN of the form arn:aws:kms:eu-west-1:/);
    assert.throws(() => dynamoTable("ledger", { ...base, streamConsumer: { functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:consume` } }),
      /DynamoTable "ledger"\.streamConsumer\.functionArn: is a function in us-east-1, not in the table's Region eu-west-1 \(AWS: a Lambda event source mapping reads a stream in its own Region/);
    assert.doesNotThrow(() => dynamoTable("ledger", { ...base, streamConsumer: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:consume` } }));
  });

  it("a replica in the table's own Region is refused before anything is registered or written, also when the Region is the provider's", async () => {
    const bad: DynamoTableArgs = { tableName: "ledger", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "us-east-1" }] };
    const refused = (e: unknown) => e instanceof BlueprintValidationError && /replicas\[0\]\.region: is the table's own Region.*Fix: replicate to a different Region/.test((e as Error).message);
    await assert.rejects(runUnderMocks(() => new DynamoTable("ledger", { ...bad, region: "us-east-1" })), refused);
    await assert.rejects(runUnderMocks(() => new DynamoTable("ledger", bad), { config: { "aws:region": "us-east-1" } }), refused);
    await assert.rejects(async () => { await toTerraform([dynamoTable("ledger", bad)], { layout: "flat", region: "us-east-1" }); }, refused);
    await assert.rejects(async () => { await toTerraform([dynamoTable("ledger", { ...bad, region: "us-east-1" })], { layout: "module" }); }, refused);
  });
});
