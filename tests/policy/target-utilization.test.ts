/** Rule 6: DynamoDB scaling policies are target tracking with a target utilisation within 20-90 %. */
import * as assert from "assert";
import { targetUtilization } from "../../policy/policies";
import { SCALING_POLICY } from "../../policy/lib";
import { TestResource, UNKNOWN_NUMBER, UNKNOWN_STRING, messages, validateResource } from "./harness";

function policy(targetValue: unknown, extra: Record<string, unknown> = {}, metric = "DynamoDBReadCapacityUtilization"): TestResource {
  return {
    type: SCALING_POLICY, name: "read-policy", props: {
      name: "orders-read", policyType: "TargetTrackingScaling", serviceNamespace: "dynamodb", resourceId: "table/orders",
      scalableDimension: "dynamodb:table:ReadCapacityUnits",
      targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: metric }, targetValue }, ...extra,
    },
  };
}

describe("policy: dynamodb-autoscaling-target-utilization (6)", () => {
  it("passes target values within 20-90, including both bounds", async () => {
    for (const v of [20, 70, 90]) assert.deepStrictEqual(await validateResource(targetUtilization, policy(v)), [], String(v));
  });

  it("fails values outside 20-90 or missing, naming the field, value and fix", async () => {
    for (const v of [10, 95, undefined]) {
      const m = messages(await validateResource(targetUtilization, policy(v)));
      assert.strictEqual(m.length, 1, String(v));
      assert.match(m[0], new RegExp(`^aws:appautoscaling/policy:Policy "read-policy" \\(orders-read\\): targetTrackingScalingPolicyConfiguration\\.targetValue is ${v ?? "not set"}: ` +
        "target utilisation must be within 20-90 % for DynamoDBReadCapacityUtilization.*Fix: set targetValue to 70"));
    }
  });

  it("honours a stricter configured range", async () => {
    const config = { "dynamodb-autoscaling-target-utilization": { minTargetUtilization: 50, maxTargetUtilization: 80 } };
    assert.match(messages(await validateResource(targetUtilization, policy(40), config))[0], /within 50-80 %/);
    assert.deepStrictEqual(await validateResource(targetUtilization, policy(70), config), []);
  });

  it("fails a DynamoDB policy that is not target tracking (policyType defaults to StepScaling)", async () => {
    const absent = messages(await validateResource(targetUtilization, policy(70, { policyType: undefined })));
    assert.match(absent[0], /policyType is "StepScaling \(provider default\)": DynamoDB auto scaling supports only target tracking/);
    const step = { type: SCALING_POLICY, name: "p", props: { policyType: "StepScaling", serviceNamespace: "dynamodb", stepScalingPolicyConfiguration: {} } };
    assert.strictEqual((await validateResource(targetUtilization, step)).length, 1);
  });

  it("fails a read metric on a write dimension", async () => {
    const m = messages(await validateResource(targetUtilization, policy(70, { scalableDimension: "dynamodb:index:WriteCapacityUnits" })));
    assert.match(m[0], /predefinedMetricType is "DynamoDBReadCapacityUtilization": it tracks read utilisation but scales dynamodb:index:WriteCapacityUnits.*DynamoDBWriteCapacityUtilization/);
  });

  it("ignores other services' policies and values unknown during preview", async () => {
    const ecs = { type: SCALING_POLICY, name: "ecs", props: { policyType: "StepScaling", serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount" } };
    assert.deepStrictEqual(await validateResource(targetUtilization, ecs), []);
    assert.deepStrictEqual(await validateResource(targetUtilization, policy(UNKNOWN_NUMBER, { resourceId: UNKNOWN_STRING, scalableDimension: UNKNOWN_STRING })), []);
  });
});
