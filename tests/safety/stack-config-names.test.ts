/**
 * The `aws:` keys a stack file may hold are the AWS provider's own: project/stack-config.ts lists them,
 * and @pulumi/aws declares them in config/vars.d.ts (the outside reference). The two must agree, or a
 * real provider key would be refused, or a typo accepted.
 */
import * as assert from "assert";
import * as fs from "fs";
import { AWS_PROVIDER_KEYS } from "../../project/stack-config";
import { AWS_PROVIDER_CONFIG } from "../../project/aws-config";

describe("safety: aws: config keys are the provider's", () => {
  it("AWS_PROVIDER_KEYS equals the keys @pulumi/aws declares in config/vars.d.ts", () => {
    const declared = fs.readFileSync(require.resolve("@pulumi/aws/config/vars.d.ts"), "utf8");
    const keys = [...declared.matchAll(/^export declare const (\w+)/gm)].map((m) => m[1]).sort();
    assert.ok(keys.includes("region") && keys.length > 20, keys.join(", "));
    assert.deepStrictEqual([...AWS_PROVIDER_KEYS].sort(), keys);
  });
  it("each key's type is the one @pulumi/aws declares for it (number, boolean, string, string[], object, object[])", () => {
    const declared = fs.readFileSync(require.resolve("@pulumi/aws/config/vars.d.ts"), "utf8");
    const kind = (ts: string) => {
      const t = ts.replace(/ \| undefined$/, "");
      if (t === "number") return "integer";
      if (t === "boolean" || t === "string") return t;
      if (t === "string[]") return "string[]";
      if (/^outputs\.config\.\w+\[\]$/.test(t)) return "object[]";
      if (/^outputs\.config\.\w+$/.test(t)) return "object";
      return `unknown (${t})`;
    };
    const types = Object.fromEntries([...declared.matchAll(/^export declare const (\w+): (.+);$/gm)].map((m) => [m[1], kind(m[2])]));
    assert.deepStrictEqual({ ...AWS_PROVIDER_CONFIG }, types);
  });
});
