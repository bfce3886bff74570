/**
 * The live-table mapping for what the local emulator cannot answer (Application Auto Scaling,
 * continuous backups, Contributor Insights, Kinesis destinations, SSE, deletion protection), from
 * responses in the documented API shapes (fixtures/live-responses.ts). The generated program is run
 * under Pulumi mocks: the children it imports are the ones the responses describe.
 */
import { strict as assert } from "assert";
import { adoptLive } from "../../../project/adopt/from-live";
import { importsOf, pulumiImportFile } from "../../../project/adopt/imports";
import { renderProgram } from "../../../project/adopt/render-ts";
import { followUps } from "../../../cli/adopt/follow-ups";
import { adoptionTerraform, importBlocks } from "../../../cli/adopt/terraform";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { runGeneratedProgram } from "./run-generated";
import { KEY_ARN, KEY_POLICY, lockResponses, paymentsResponses, paymentsWithKey, stepScaledResponses } from "./fixtures/live-responses";


describe("adopt: live responses the emulator cannot give", () => {
  it("a CMK-encrypted, protected, PITR table becomes a ProductionTable with every current setting", () => {
    const a = adoptLive(paymentsResponses());
    assert.equal(a.declaration.kind, "ProductionTable");
    const args = a.declaration.args as Record<string, any>;
    assert.equal(args.kmsKeyArn, KEY_ARN);
    assert.equal(args.recoveryPeriodInDays, 14);
    assert.equal(args.ttlAttribute, "expiresAt");
    assert.equal(args.streamViewType, "NEW_AND_OLD_IMAGES");
    assert.equal(args.tableClass, "STANDARD_INFREQUENT_ACCESS");
    assert.deepEqual(args.tags, { Environment: "prod", Team: "payments" });
    assert.deepEqual([args.readCapacity, args.writeCapacity], [40, 12], "the current capacity, not the scaling minimum");
    assert.deepEqual(args.autoscaling, {
      scaleInCooldown: 60, scaleOutCooldown: 60, importExisting: true,
      read: { min: 20, max: 400, targetUtilization: 70, policyName: "payments-read" },
      write: { min: 5, max: 100, targetUtilization: 70, policyName: "payments-write" },
    });
    assert.deepEqual(args.globalSecondaryIndexes[0].autoscaling, {
      scaleInCooldown: 120, scaleOutCooldown: 30, importExisting: true, read: { min: 5, max: 50, targetUtilization: 60, policyName: "payments-bymerchant-read" },
    });
    assert.deepEqual(a.unknown.map((u) => u.setting), ["kmsKey.deletionWindowInDays"], "KMS reports no deletion window");
    assert.deepEqual(a.kmsKey, {
      name: "payments-key", keyId: "0b7c4e36-5d7e-4a8e-9a53-1f2b3c4d5e6f", arn: KEY_ARN,
      args: { description: "payments table key", enableKeyRotation: true, rotationPeriodInDays: 180, policy: KEY_POLICY, tags: { Team: "payments" } },
    });
    assert.deepEqual(a.notAdopted.map((n) => n.what), [], "insights and the Kinesis destination are read back, not left out");
    assert.deepEqual(args.contributorInsights, { mode: "ACCESSED_AND_THROTTLED_KEYS", importAccountId: "123456789012" }, "AWS's default mode when the answer names none");
    assert.deepEqual(args.kinesisStreamingDestination, { streamArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/payments-audit", importExisting: true });
  });

  it("imports the scaling targets and policies by their Application Auto Scaling ids", () => {
    const a = adoptLive(paymentsResponses());
    assert.deepEqual(importsOf(a).map((i) => `${i.type} ${i.id}`), [
      "aws:kms/key:Key 0b7c4e36-5d7e-4a8e-9a53-1f2b3c4d5e6f",
      "aws:dynamodb/table:Table payments",
      "aws:appautoscaling/target:Target dynamodb/table/payments/dynamodb:table:ReadCapacityUnits",
      "aws:appautoscaling/policy:Policy dynamodb/table/payments/dynamodb:table:ReadCapacityUnits/payments-read",
      "aws:appautoscaling/target:Target dynamodb/table/payments/dynamodb:table:WriteCapacityUnits",
      "aws:appautoscaling/policy:Policy dynamodb/table/payments/dynamodb:table:WriteCapacityUnits/payments-write",
      "aws:appautoscaling/target:Target dynamodb/table/payments/index/ByMerchant/dynamodb:index:ReadCapacityUnits",
      "aws:appautoscaling/policy:Policy dynamodb/table/payments/index/ByMerchant/dynamodb:index:ReadCapacityUnits/payments-bymerchant-read",
      // Import ids as the provider documents them: name:TABLE/index:INDEX/ACCOUNT, and TABLE,STREAM_ARN.
      "aws:dynamodb/contributorInsights:ContributorInsights name:payments/index:/123456789012",
      "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination payments,arn:aws:kinesis:eu-west-1:123456789012:stream/payments-audit",
    ]);
    const bulk = pulumiImportFile([a]);
    assert.deepEqual(bulk.resources[0], { type: "dynamodb-blueprints:index:ProductionTable", name: "payments", component: true });
    assert.deepEqual(bulk.resources[1], { type: "aws:kms/key:Key", name: "payments-key", id: "0b7c4e36-5d7e-4a8e-9a53-1f2b3c4d5e6f" });
    assert.ok(bulk.resources.slice(2).every((r) => r.parent === "payments" && r.id));
  });

  it("the generated program registers those children with the responses' values and import ids", async () => {
    const run = await runUnderMocks(() => runGeneratedProgram(renderProgram([adoptLive(paymentsResponses())])));
    assertMocksActive(run);
    const policies = run.resources.filter((r) => r.type === "aws:appautoscaling/policy:Policy");
    const responses = paymentsResponses();
    const described = responses.scalingPolicies.known ? responses.scalingPolicies.value : [];
    assert.deepEqual(policies.map((p) => [p.inputs.name, p.inputs.targetTrackingScalingPolicyConfiguration.targetValue,
      p.inputs.targetTrackingScalingPolicyConfiguration.scaleInCooldown, p.inputs.targetTrackingScalingPolicyConfiguration.scaleOutCooldown, p.importId]).sort(),
    described.map((p) => [p.PolicyName, p.TargetTrackingScalingPolicyConfiguration!.TargetValue, p.TargetTrackingScalingPolicyConfiguration!.ScaleInCooldown,
      p.TargetTrackingScalingPolicyConfiguration!.ScaleOutCooldown, `dynamodb/${p.ResourceId}/${p.ScalableDimension}/${p.PolicyName}`]).sort());
    const targets = run.resources.filter((r) => r.type === "aws:appautoscaling/target:Target");
    const describedTargets = (responses.scalableTargets.known ? responses.scalableTargets.value : []).filter((t) => t.ResourceId!.startsWith("table/payments"));
    assert.deepEqual(targets.map((t) => `${t.inputs.minCapacity}-${t.inputs.maxCapacity} ${t.importId}`).sort(),
      describedTargets.map((t) => `${t.MinCapacity}-${t.MaxCapacity} dynamodb/${t.ResourceId}/${t.ScalableDimension}`).sort());
    const table = run.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
    const keys = run.resources.filter((r) => r.type === "aws:kms/key:Key");
    assert.equal(keys.length, 1, "the key is imported next to the table, not created by it");
    assert.equal(keys[0].importId, "0b7c4e36-5d7e-4a8e-9a53-1f2b3c4d5e6f");
    assert.deepEqual([keys[0].inputs.description, keys[0].inputs.policy, keys[0].inputs.enableKeyRotation, keys[0].inputs.rotationPeriodInDays, keys[0].inputs.tags],
      ["payments table key", KEY_POLICY, true, 180, { Team: "payments" }]);
    assert.deepEqual(table.inputs.serverSideEncryption, { enabled: true, kmsKeyArn: keys[0].outputs!.arn }, "the table references the imported key");
    assert.deepEqual(table.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 14 });
    assert.equal(table.inputs.deletionProtectionEnabled, true);
    assert.deepEqual(table.ignoreChanges.sort(), ["globalSecondaryIndexes", "readCapacity", "writeCapacity"]);
  });

  it("Contributor Insights and the Kinesis destination are imported, not re-enabled, in the program and in the HCL", async () => {
    const a = adoptLive(paymentsResponses());
    const run = await runUnderMocks(() => runGeneratedProgram(renderProgram([a])));
    assertMocksActive(run);
    const imported = (type: string) => run.resources.filter((r) => r.type === type).map((r) => r.importId);
    // The provider's documented import ids: name:TABLE/index:INDEX/ACCOUNT and TABLE,STREAM_ARN.
    assert.deepEqual(imported("aws:dynamodb/contributorInsights:ContributorInsights"), ["name:payments/index:/123456789012"]);
    assert.deepEqual(imported("aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination"), ["payments,arn:aws:kinesis:eu-west-1:123456789012:stream/payments-audit"]);
    const files = await adoptionTerraform([a], "eu-west-1");
    const ids = importBlocks(files).map((b) => /id = "(.*)"/.exec(b)![1]);
    assert.ok(ids.includes("name:payments/index:/123456789012") && ids.includes("payments,arn:aws:kinesis:eu-west-1:123456789012:stream/payments-audit"), ids.join("\n"));
  });

  it("the AWS-managed key is AWS_MANAGED (no ARN declared); a key KMS will not describe is referenced by ARN and unknown", () => {
    const managed = adoptLive(paymentsWithKey("aws-managed"));
    assert.equal(managed.declaration.kind, "DynamoTable", "not a ProductionTable: no customer-managed key");
    const args = managed.declaration.args as Record<string, any>;
    assert.deepEqual([args.encryption, args.kmsKeyArn, managed.kmsKey], ["AWS_MANAGED", undefined, undefined]);
    const unreadable = adoptLive(paymentsWithKey("unreadable"));
    assert.equal((unreadable.declaration.args as Record<string, any>).kmsKeyArn, KEY_ARN);
    assert.equal(unreadable.kmsKey, undefined);
    assert.deepEqual(unreadable.unknown.map((u) => `${u.setting}: ${u.reason}`), ["kmsKey: kms:DescribeKey failed: AccessDeniedException: not authorized to perform kms:DescribeKey"]);
    assert.ok(unreadable.notAdopted.some((n) => n.what === `KMS key ${KEY_ARN}`));
  });

  it("the article's lock table becomes a StateLockTable that imports it", async () => {
    const a = adoptLive(lockResponses());
    assert.equal(a.declaration.kind, "StateLockTable");
    assert.deepEqual(a.declaration.args, { tags: { Owner: "platform" }, importFrom: "terraform-state-locks" });
    const run = await runUnderMocks(() => runGeneratedProgram(renderProgram([a])));
    assertMocksActive(run);
    const table = run.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
    assert.equal(table.importId, "terraform-state-locks");
    assert.deepEqual(table.inputs.tags, { Purpose: "terraform-state-locking", Critical: "true", Owner: "platform" });
    assert.deepEqual(table.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 35 });
  });

  it("lists scaling it cannot express and leaves settings it could not read unknown", () => {
    const a = adoptLive(stepScaledResponses());
    const args = a.declaration.args as Record<string, any>;
    assert.equal(args.billingMode, "PROVISIONED", "no billing-mode summary means a provisioned table");
    assert.deepEqual(args.autoscaling, { scaleInCooldown: 60, scaleOutCooldown: 60, importExisting: true, read: { min: 10, max: 100, targetUtilization: 75, policyName: "events-read" } });
    assert.deepEqual(a.notAdopted.map((n) => n.what), ["scaling policy events-write (StepScaling)", "scaling target table/events dynamodb:table:WriteCapacityUnits"]);
    assert.deepEqual(a.unknown.map((u) => u.setting), ["tags"]);
    assert.equal(args.tags, undefined, "tags that could not be read are not guessed");
    assert.match(renderProgram([a]), /\/\/ unknown: tags \(ListTagsOfResource failed: AccessDeniedException/);
  });

  it("best-practice changes are follow-ups from the checklist, never in the import", async () => {
    const a = adoptLive(stepScaledResponses());
    const items = await followUps([a]);
    const ids = items.map((f) => f.id);
    assert.ok(ids.includes("autoscaling"), `write capacity is not scaled: ${ids}`);
    assert.ok(ids.includes("protect"), ids.join());
    assert.equal((a.declaration.args as Record<string, any>).deletionProtection, false, "the import keeps the table's setting");
  });
});
