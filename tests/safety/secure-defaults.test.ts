/**
 * Secure defaults, checked twice: in what the components register under Pulumi mocks and in the HCL
 * toTerraform emits (parsed by HashiCorp's parser). The expectations are the security rules
 * themselves (docs/sources.md, AWS guidance), so removing any guard from the model fails both halves.
 */
import * as assert from "assert";
import { instantiate } from "../../components/program";
import { TerraformStateBackend } from "../../components";
import { loadStack } from "../../cli/stack-file";
import { tablesOf } from "../../model/stack";
import { toTerraform } from "../../terraform/to-terraform";
import { ACCOUNT_ID, MockRun, assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { ParsedResource, evaluate, parseFiles } from "../helpers/hcl-eval";
import { ROOT } from "./helpers";

// Not the stack file's us-east-1: the key policy must follow the region the table is deployed to.
const REGION = "eu-west-1";
const ROOT_ARN = `arn:aws:iam::${ACCOUNT_ID}:root`;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Administration to the account root; every other statement usable only through DynamoDB in `region`; no `*` principal. */
function assertKeyPolicy(policyJson: string, region: string, where: string): void {
  const statements: any[] = JSON.parse(policyJson).Statement;
  for (const s of statements) {
    const principals = typeof s.Principal === "string" ? [s.Principal] : Object.values(s.Principal ?? {}).flatMap(list);
    assert.ok(principals.length > 0 && !principals.includes("*"), `${where}: ${s.Sid} has a * or no principal`);
    assert.deepStrictEqual(principals, [ROOT_ARN], `${where}: ${s.Sid} is for the account root only`);
    assert.strictEqual(s.Effect, "Allow");
  }
  const admin = statements.filter((s) => list(s.Action).includes("kms:*"));
  assert.strictEqual(admin.length, 1, `${where}: one administration statement`);
  for (const use of statements.filter((s) => !admin.includes(s))) {
    assert.strictEqual(use.Condition?.StringEquals?.["kms:ViaService"], `dynamodb.${region}.amazonaws.com`, `${where}: ${use.Sid} only via DynamoDB`);
    assert.ok(["kms:Decrypt", "kms:GenerateDataKey*"].every((a) => list(use.Action).includes(a)), `${where}: ${use.Sid} lets DynamoDB use the key`);
  }
  assert.ok(statements.length >= 2, `${where}: administration and use are separate statements`);
}

/** The alarm topic's key: administration to the account root, use by CloudWatch to publish alarms; no `*` principal. */
function assertAlarmKeyPolicy(policyJson: string, where: string): void {
  const statements: any[] = JSON.parse(policyJson).Statement;
  for (const s of statements) {
    const principals = typeof s.Principal === "string" ? [s.Principal] : Object.values(s.Principal ?? {}).flatMap(list);
    assert.ok(principals.length > 0 && !principals.includes("*"), `${where}: ${s.Sid} has a * or no principal`);
  }
  assert.deepStrictEqual(statements.filter((s) => list(s.Action).includes("kms:*")).map((s) => s.Principal), [{ AWS: ROOT_ARN }], `${where}: root administers`);
  const cloudwatch = statements.filter((s) => s.Principal?.Service === "cloudwatch.amazonaws.com");
  assert.deepStrictEqual(cloudwatch.map((s) => [s.Effect, list(s.Action)]), [["Allow", ["kms:Decrypt", "kms:GenerateDataKey*"]]], `${where}: CloudWatch may publish`);
}

function assertTlsOnly(policyJson: string, bucketArn: string): void {
  const deny = JSON.parse(policyJson).Statement.find((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false");
  assert.ok(deny, "a statement denies requests without TLS");
  assert.deepStrictEqual([deny.Principal, deny.Action, list(deny.Resource)], ["*", "s3:*", [bucketArn, `${bucketArn}/*`]], "for everyone, every action, bucket and objects");
}

describe("safety: secure defaults", function () {
  this.timeout(30_000);
  const prod = loadStack(ROOT, "prod");
  const expectedKeys = tablesOf(prod.blueprints).length; // prod encrypts every table with its own key
  // ... and each created alarm topic with its own key (CloudWatch cannot use alias/aws/sns).
  const expectedAlarmKeys = tablesOf(prod.blueprints).filter((t) => t.table.monitoring && t.table.monitoring.alarmTopicArn === undefined).length;

  describe("through Pulumi mocks (the prod stack's components)", () => {
    let run: MockRun;
    const ofType = (type: string) => run.resources.filter((r) => r.type === type);
    const one = (type: string) => { const found = ofType(type); assert.strictEqual(found.length, 1, type); return found[0]; };
    before(async () => { run = await runUnderMocks(() => { for (const d of prod.declarations) instantiate(d); }, { stack: "prod", region: REGION }); });

    it("KMS keys: rotation on, 30-day deletion window, root administers, DynamoDB uses via kms:ViaService in the table's region, no * principal", () => {
      assertMocksActive(run);
      const alarmKeys = ofType("aws:kms/key:Key").filter((k) => k.name.endsWith("-alarms-key"));
      const keys = ofType("aws:kms/key:Key").filter((k) => !alarmKeys.includes(k));
      assert.strictEqual(keys.length, expectedKeys);
      assert.strictEqual(alarmKeys.length, expectedAlarmKeys);
      for (const k of [...keys, ...alarmKeys]) assert.deepStrictEqual([k.inputs.enableKeyRotation, k.inputs.deletionWindowInDays], [true, 30], k.name);
      // A key of a table with its own Region (prod's state backend names one: its lock table) names that Region.
      for (const k of keys) assertKeyPolicy(k.inputs.policy, k.inputs.region ?? REGION, k.name);
      for (const k of alarmKeys) assertAlarmKeyPolicy(k.inputs.policy, k.name);
      for (const t of ofType("aws:dynamodb/table:Table")) {
        assert.ok(keys.some((k) => k.outputs?.arn === t.inputs.serverSideEncryption?.kmsKeyArn), `${t.name} is encrypted with one of them`);
      }
    });

    it("state bucket: versioned, encrypted by default, all four public-access blocks, BucketOwnerEnforced, TLS-only policy, no force destroy", () => {
      const bucket = one("aws:s3/bucket:Bucket");
      assert.deepStrictEqual([bucket.inputs.forceDestroy, bucket.protect, bucket.retainOnDelete], [false, true, true]);
      assert.strictEqual(one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status, "Enabled");
      const sse = one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules[0];
      assert.ok(["AES256", "aws:kms"].includes(sse.applyServerSideEncryptionByDefault.sseAlgorithm));
      const block = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
      assert.deepStrictEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
      assert.strictEqual(one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule.objectOwnership, "BucketOwnerEnforced");
      assertTlsOnly(one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy, bucket.outputs!.arn);
    });

    it("lock table in prod: PITR and AWS deletion protection on, protected and retained", () => {
      const lock = ofType("aws:dynamodb/table:Table").find((t) => t.inputs.hashKey === "LockID")!;
      assert.deepStrictEqual([lock.inputs.pointInTimeRecovery.enabled, lock.inputs.deletionProtectionEnabled, lock.protect, lock.retainOnDelete], [true, true, true, true]);
    });

    it("a TerraformStateBackend given only a bucket name still gets a deletion-protected lock table with PITR", async () => {
      const bare = await runUnderMocks(() => new TerraformStateBackend("state", { bucketName: "acme-terraform-state" }));
      assertMocksActive(bare);
      const lock = bare.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
      assert.deepStrictEqual([lock.inputs.deletionProtectionEnabled, lock.inputs.pointInTimeRecovery.enabled], [true, true]);
    });
  });

  describe("in the emitted HCL (hcl2json)", () => {
    const refs: Record<string, string> = {
      "data.aws_partition.current.partition": "aws",
      "data.aws_caller_identity.current.account_id": ACCOUNT_ID,
      "data.aws_region.current.region": "PROVIDER_REGION",
      "aws_s3_bucket.state.arn": "STATE_BUCKET_ARN",
    };
    const resolve = (r: string) => { assert.ok(r in refs, `unexpected reference ${r}`); return refs[r]; };
    let flat: { resources: ParsedResource[]; json: Record<string, any> };
    let module: { resources: ParsedResource[]; json: Record<string, any> };
    const of = (p: typeof flat, type: string) => p.resources.filter((r) => r.type === type);
    before(async () => {
      flat = await parseFiles(await toTerraform(prod.blueprints, { layout: "flat", region: REGION }));
      module = await parseFiles(await toTerraform(prod.blueprints, { layout: "module", region: REGION }));
    });

    it("the provider is in the table's region, and the key policies read it from data.aws_region", () => {
      assert.deepStrictEqual(flat.json["main.tf"].provider.aws, [{ region: REGION }]);
      assert.deepStrictEqual(flat.json["main.tf"].data.aws_region.current, [{}], "the provider's own region, not an override");
    });

    it("KMS keys, flat and module layouts: rotation on, 30-day window, the same policy rules", async () => {
      const all = [...of(flat, "aws_kms_key"), ...of(module, "aws_kms_key")];
      const alarmKeys = all.filter((k) => k.name.endsWith("_alarms"));
      const keys = all.filter((k) => !alarmKeys.includes(k));
      assert.strictEqual(of(flat, "aws_kms_key").length, expectedKeys + expectedAlarmKeys);
      assert.strictEqual(alarmKeys.length, 2 * expectedAlarmKeys, "the alarm topics' keys, in both layouts");
      assert.ok(of(module, "aws_kms_key").length >= 1, "the module declares its key");
      for (const k of all) assert.deepStrictEqual([k.body.enable_key_rotation, k.body.deletion_window_in_days], [true, 30], k.name);
      for (const k of keys) {
        const region = typeof k.body.region === "string" && !k.body.region.includes("${") ? k.body.region : "PROVIDER_REGION";
        assertKeyPolicy(await evaluate(k.body.policy, resolve) as string, region, k.name);
      }
      for (const k of alarmKeys) assertAlarmKeyPolicy(await evaluate(k.body.policy, resolve) as string, k.name);
    });

    it("state bucket hardening and the prod lock table, as Terraform arguments", async () => {
      const only = (type: string) => { const r = of(flat, type); assert.strictEqual(r.length, 1, type); return r[0].body; };
      assert.strictEqual(only("aws_s3_bucket").force_destroy, false);
      assert.strictEqual(only("aws_s3_bucket_versioning").versioning_configuration[0].status, "Enabled");
      assert.ok(["AES256", "aws:kms"].includes(only("aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default[0].sse_algorithm));
      const block = only("aws_s3_bucket_public_access_block");
      assert.deepStrictEqual([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets], [true, true, true, true]);
      assert.strictEqual(only("aws_s3_bucket_ownership_controls").rule[0].object_ownership, "BucketOwnerEnforced");
      assertTlsOnly(await evaluate(only("aws_s3_bucket_policy").policy, resolve) as string, "STATE_BUCKET_ARN");
      const lock = of(flat, "aws_dynamodb_table").find((t) => t.body.hash_key === "LockID")!.body;
      assert.deepStrictEqual([lock.deletion_protection_enabled, lock.point_in_time_recovery[0].enabled, lock.lifecycle[0].prevent_destroy], [true, true, true]);
    });
  });
});
