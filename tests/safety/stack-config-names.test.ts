/**
 * The `aws:` keys a stack file may hold are the AWS provider's own: project/stack-config.ts lists them,
 * and @pulumi/aws declares them in config/vars.d.ts (the outside reference). The two must agree, or a
 * real provider key would be refused, or a typo accepted.
 */
import * as assert from "assert";
import * as fs from "fs";
import { AWS_PROVIDER_KEYS } from "../../project/stack-config";

describe("safety: aws: config keys are the provider's", () => {
  it("AWS_PROVIDER_KEYS equals the keys @pulumi/aws declares in config/vars.d.ts", () => {
    const declared = fs.readFileSync(require.resolve("@pulumi/aws/config/vars.d.ts"), "utf8");
    const keys = [...declared.matchAll(/^export declare const (\w+)/gm)].map((m) => m[1]).sort();
    assert.ok(keys.includes("region") && keys.length > 20, keys.join(", "));
    assert.deepStrictEqual([...AWS_PROVIDER_KEYS].sort(), keys);
  });
});
