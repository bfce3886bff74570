/**
 * The flat layout's HCL against what the Pulumi program registers under mocks, for the dev and prod
 * stacks: the same resources, argument by argument after the bridged-name mapping, and lifecycle
 * against resource options. Names follow the documented convention (Pulumi `orders-key` is
 * Terraform `aws_kms_key.orders`), written here independently of the emitter.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ACCOUNT_ID, MockRun, Recorded, assertMocksActive, custom, runUnderMocks, stackConfigStrings, runProgram } from "../helpers/pulumi-mocks";
import { evaluate, parseFiles, toPulumiShape } from "../helpers/hcl-eval";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";

const ROOT = path.resolve(__dirname, "../..");
const TF_TYPE: Record<string, string> = {
  "aws:dynamodb/table:Table": "aws_dynamodb_table",
  "aws:kms/key:Key": "aws_kms_key",
  "aws:appautoscaling/target:Target": "aws_appautoscaling_target",
  "aws:appautoscaling/policy:Policy": "aws_appautoscaling_policy",
  "aws:s3/bucket:Bucket": "aws_s3_bucket",
  "aws:s3/bucketVersioning:BucketVersioning": "aws_s3_bucket_versioning",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "aws_s3_bucket_server_side_encryption_configuration",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "aws_s3_bucket_public_access_block",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "aws_s3_bucket_ownership_controls",
  "aws:s3/bucketPolicy:BucketPolicy": "aws_s3_bucket_policy",
  "aws:sns/topic:Topic": "aws_sns_topic",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "aws_cloudwatch_metric_alarm",
  "aws:lambda/eventSourceMapping:EventSourceMapping": "aws_lambda_event_source_mapping",
  "aws:iam/rolePolicy:RolePolicy": "aws_iam_role_policy",
};
const SUFFIX = /-(key|bucket|versioning|encryption|public-access|ownership|tls-only|target|policy|alarms|stream-consumer|grant)$/;
const tfNameOf = (pulumiName: string) => pulumiName.replace(SUFFIX, "").replace(/[^A-Za-z0-9_]/g, "_");

const runStack = (stack: string) => runProgram(stack);

/** What a Pulumi resource's attribute is under mocks (the mock's outputs, see cli/mock-runtime.ts). */
function mockAttribute(r: Recorded, attribute: string): unknown {
  const outputs = (r as Recorded & { outputs?: Record<string, unknown> }).outputs;
  const key = attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (outputs && key in outputs) return outputs[key];
  const physical = r.inputs.name ?? r.inputs.bucket ?? r.name;
  const service = r.type.split(":")[1].split("/")[0];
  if (attribute === "arn") return service === "s3" ? `arn:aws:s3:::${physical}` : `arn:aws:${service}:us-east-1:${ACCOUNT_ID}:${service === "dynamodb" ? "table" : "key"}/${physical}`;
  if (attribute === "id") return `${r.name}-id`;
  if (attribute === "name") return r.inputs.name ?? r.name;
  return r.inputs[attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
}

for (const stack of ["dev", "prod"]) {
  describe(`terraform equivalence: stack ${stack}, flat layout vs Pulumi mocks`, () => {
    let run: MockRun;
    let hclFiles: Record<string, string>;
    let parsed: Awaited<ReturnType<typeof parseFiles>>;

    before(async () => {
      run = await runStack(stack);
      hclFiles = await toTerraform(loadStack(ROOT, stack).blueprints, { layout: "flat", stack });
      parsed = await parseFiles(hclFiles);
    });

    it("has the same resources, one to one", () => {
      assertMocksActive(run);
      const fromPulumi = custom(run).map((r) => `${TF_TYPE[r.type]}.${tfNameOf(r.name)}`).sort();
      const fromHcl = parsed.resources.map((r) => `${r.type}.${r.name}`).sort();
      assert.deepStrictEqual(fromHcl, fromPulumi);
      assert.strictEqual(new Set(fromHcl).size, fromHcl.length);
    });

    it("sets every argument to the same value, and lifecycle matches the resource options", async () => {
      const byAddress = new Map(custom(run).map((r) => [`${TF_TYPE[r.type]}.${tfNameOf(r.name)}`, r]));
      const resolve = (reference: string): unknown => {
        const data: Record<string, string> = {
          "data.aws_caller_identity.current.account_id": ACCOUNT_ID,
          "data.aws_partition.current.partition": "aws",
          "data.aws_region.current.region": "us-east-1",
        };
        if (reference in data) return data[reference];
        const [type, name, attribute] = reference.split(".");
        const target = byAddress.get(`${type}.${name}`);
        assert.ok(target, `HCL references ${reference}, which Pulumi does not create`);
        return mockAttribute(target, attribute);
      };
      for (const resource of parsed.resources) {
        const address = `${resource.type}.${resource.name}`;
        const pulumi = byAddress.get(address)!;
        const { inputs, lifecycle } = toPulumiShape(resource.type, resource.body);
        const evaluated = await evaluate(inputs, resolve) as Record<string, unknown>;
        const expected = { ...pulumi.inputs };
        // JSON documents are compared as data, not as text.
        for (const key of ["policy"]) {
          if (typeof expected[key] === "string") {
            assert.deepStrictEqual(JSON.parse(evaluated[key] as string), JSON.parse(expected[key]), `${address}.${key}`);
            delete expected[key];
            delete evaluated[key];
          }
        }
        assert.deepStrictEqual(evaluated, expected, address);
        assert.strictEqual(lifecycle.prevent_destroy === true, pulumi.protect, `${address} prevent_destroy vs protect`);
        const raw = lifecycle.ignore_changes ?? [];
        const ignored: string[] = (Array.isArray(raw) ? raw : String(raw).replace(/^\$\{\[|\]\}$/g, "").split(","))
          .map((s: string) => s.replace(/^\$\{|\}$/g, "").trim()).filter(Boolean);
        const expectedIgnored = pulumi.ignoreChanges.map((p) => (p === "globalSecondaryIndexes" ? "global_secondary_index" : p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
        assert.deepStrictEqual(ignored.sort(), [...new Set(expectedIgnored)].sort(), `${address} ignore_changes`);
        const file = Object.values(hclFiles).find((text) => text.includes(`resource "${resource.type}" "${resource.name}"`))!;
        assert.strictEqual(file.includes(`#     from = ${address}\n`), pulumi.retainOnDelete, `${address} retainOnDelete recipe`);
      }
    });
  });
}
