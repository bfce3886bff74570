/**
 * The alarm topic in HCL (both layouts): encrypted with its own rotating customer-managed key whose
 * policy lets CloudWatch publish (kms:Decrypt, kms:GenerateDataKey*), protected like the table's key;
 * never the AWS-managed alias/aws/sns, which CloudWatch cannot use. A user topic creates neither.
 */
import * as assert from "assert";
import { parseHcl } from "../hcl/tools";
import { evaluate } from "../helpers/hcl-eval";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable, productionTable } from "../../model/blueprints";

const data = (ref: string) => ({
  "data.aws_partition.current.partition": "aws", "data.aws_caller_identity.current.account_id": "123456789012",
}[ref] ?? `<${ref}>`);

for (const layout of ["flat", "module"] as const) {
  describe(`terraform alarm topic (${layout} layout)`, () => {
    it("has its own rotating key that CloudWatch may use, protected like the table's key", async () => {
      const files = await toTerraform([productionTable("ledger", { partitionKey: { name: "id", type: "S" }, monitoring: {} })], { layout });
      const root = await parseHcl(files[layout === "flat" ? "ledger.tf" : "main.tf"]);
      const topic = root.resource.aws_sns_topic.ledger[0];
      assert.strictEqual(topic.kms_master_key_id, "${aws_kms_key.ledger_alarms.arn}");
      const key = root.resource.aws_kms_key.ledger_alarms[0];
      assert.strictEqual(key.enable_key_rotation, true);
      assert.strictEqual(key.lifecycle?.[0]?.prevent_destroy, true, "prod keeps the topic's key like the table's");
      const policy = JSON.parse(await evaluate(key.policy, data) as string);
      const cloudwatch = policy.Statement.find((s: any) => s.Principal?.Service === "cloudwatch.amazonaws.com");
      assert.deepStrictEqual([cloudwatch?.Effect, cloudwatch?.Action], ["Allow", ["kms:Decrypt", "kms:GenerateDataKey*"]]);
      const admin = policy.Statement.find((s: any) => s.Action === "kms:*");
      assert.strictEqual(admin?.Principal?.AWS, "arn:aws:iam::123456789012:root");
      assert.ok(!Object.values(files).some((text) => text.includes("alias/aws/sns")), "never the AWS-managed SNS key");
    });

    it("a topic the user passes in gets no topic and no key", async () => {
      const topicArn = "arn:aws:sns:us-east-1:123456789012:ops";
      const files = await toTerraform([dynamoTable("plain", { partitionKey: { name: "id", type: "S" }, monitoring: { alarmTopicArn: topicArn } })], { layout });
      const root = await parseHcl(files[layout === "flat" ? "plain.tf" : "main.tf"]);
      assert.strictEqual(root.resource.aws_sns_topic, undefined);
      assert.strictEqual(root.resource.aws_kms_key, undefined);
      assert.deepStrictEqual(root.resource.aws_cloudwatch_metric_alarm.plain_read_throttles[0].alarm_actions, [topicArn]);
    });
  });
}
