/**
 * The README's grants section stays true: its TypeScript example runs under Pulumi mocks (with the
 * package import pointed at this repository) and registers the grants it claims, and its HCL
 * excerpt is exactly what `toTerraform` emits for those components. `UPDATE_README=1` regenerates
 * the excerpt instead of comparing.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { assertMocksActive, runUnderMocks } from "./helpers/pulumi-mocks";
import { toTerraform } from "../terraform/to-terraform";

const ROOT = path.resolve(__dirname, "..");
const README = path.join(ROOT, "README.md");
const block = (text: string, marker: string, lang: string) => {
  const m = new RegExp(`<!-- ${marker} -->\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(text);
  assert.ok(m, `README has a ${marker} block`);
  return m;
};

describe("README: grants for a Lambda role, in Pulumi and the matching HCL", function () {
  this.timeout(20_000);
  it("the example runs and the HCL excerpt is what toTerraform emits for it", async () => {
    const readme = fs.readFileSync(README, "utf8");
    const source = block(readme, "grants-example:ts", "ts")[1]
      .replace(`from "dynamodb-blueprints"`, `from ${JSON.stringify(path.join(ROOT, "components"))}`);
    const file = path.join(__dirname, `.readme-grants-${process.pid}.ts`);
    fs.writeFileSync(file, `${source}\nexport const readmeComponents = [orders];\n`);
    let components: unknown[] = [];
    try {
      const run = await runUnderMocks(() => { components = require(file).readmeComponents; });
      assertMocksActive(run);
      assert.deepStrictEqual(run.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => `${r.name} -> ${r.inputs.role}`).sort(),
        ["orders-api-grant -> orders-api", "orders-reporting-read-grant -> reporting", "orders-stream-consumer-grant -> order-events"]);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const files = await toTerraform(components as never, { layout: "flat" });
    const text = files["orders.tf"];
    const start = text.indexOf("# readWrite access to table orders");
    const end = text.indexOf("\n}\n", start) + 3;
    assert.ok(start > 0 && end > start, "the Lambda role's policy is in orders.tf");
    const excerpt = text.slice(start, end);
    const current = block(readme, "grants-example:hcl", "hcl");
    if (process.env.UPDATE_README === "1") {
      fs.writeFileSync(README, readme.replace(current[0], `<!-- grants-example:hcl -->\n\`\`\`hcl\n${excerpt}\`\`\``));
      return;
    }
    assert.strictEqual(current[1], excerpt, "README HCL excerpt is stale: run UPDATE_README=1 npx mocha tests/readme-grants.test.ts");
  });
});
