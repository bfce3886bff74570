/** TerraformStateBackend under mocks: a private, encrypted, versioned, TLS-only bucket plus a lock table. */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { assertMocksActive, byName, inventory, runUnderMocks } from "../helpers/pulumi-mocks";
import { TerraformStateBackend, BlueprintValidationError } from "../../components";

const TOKEN = "dynamodb-blueprints:index:";
const outputValue = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe("components/state-backend", () => {
  let backend!: TerraformStateBackend;

  it("creates the bucket, its four hardening resources, the TLS policy and a StateLockTable", async () => {
    const run = await runUnderMocks(() => {
      backend = new TerraformStateBackend("state", { bucketName: "company-terraform-state-bucket", stateKey: "production/infrastructure.tfstate", region: "us-east-1" }, { protect: true });
    });
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [
      "aws:dynamodb/table:Table state-locks",
      "aws:s3/bucket:Bucket state-bucket",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls state-ownership",
      "aws:s3/bucketPolicy:BucketPolicy state-tls-only",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock state-public-access",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration state-encryption",
      "aws:s3/bucketVersioning:BucketVersioning state-versioning",
      `${TOKEN}StateLockTable state-locks`,
      `${TOKEN}TerraformStateBackend state`,
    ]);
    const bucket = byName(run, "state-bucket");
    assert.strictEqual(bucket.inputs.bucket, "company-terraform-state-bucket");
    assert.strictEqual(bucket.inputs.forceDestroy, false);
    assert.strictEqual(bucket.protect, true);
    assert.deepStrictEqual(byName(run, "state-versioning").inputs.versioningConfiguration, { status: "Enabled" });
    assert.strictEqual(byName(run, "state-encryption").inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
    const pab = byName(run, "state-public-access").inputs;
    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab[flag], true, flag);
    assert.strictEqual(byName(run, "state-ownership").inputs.rule.objectOwnership, "BucketOwnerEnforced");
    const statement = JSON.parse(byName(run, "state-tls-only").inputs.policy).Statement[0];
    assert.strictEqual(statement.Effect, "Deny");
    assert.deepStrictEqual(statement.Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.deepStrictEqual(statement.Resource, ["arn:aws:s3:::company-terraform-state-bucket", "arn:aws:s3:::company-terraform-state-bucket/*"]);
    const lock = byName(run, "state-locks", "aws:dynamodb/table:Table");
    assert.strictEqual(lock.inputs.name, "terraform-state-locks");
    assert.strictEqual(lock.inputs.deletionProtectionEnabled, true);
    assert.strictEqual(lock.inputs.pointInTimeRecovery.enabled, true);
    assert.strictEqual(lock.protect, true);
    assert.strictEqual(lock.parentUrn, byName(run, "state-locks", `${TOKEN}StateLockTable`).urn);
  });

  it("outputs everything backend.tf needs, with S3-native locking and the legacy lock table", async () => {
    assert.deepStrictEqual(await outputValue(backend.backendConfig), {
      bucket: "company-terraform-state-bucket", key: "production/infrastructure.tfstate", region: "us-east-1",
      encrypt: true, use_lockfile: true, dynamodb_table: "terraform-state-locks",
    });
  });

  it("rejects an invalid bucket name before registering anything", async () => {
    let thrown: unknown;
    const run = await runUnderMocks(() => {
      try { new TerraformStateBackend("state", { bucketName: "Company_State" }); } catch (e) { thrown = e; }
    });
    assert.ok(thrown instanceof BlueprintValidationError);
    assert.match((thrown as Error).message, /bucketName.*"Company_State".*lowercase/s);
    assert.strictEqual(run.resources.length, 0);
  });
});
