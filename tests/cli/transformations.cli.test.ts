/**
 * `hcl` on a user's program that uses Pulumi's escape hatches (docs/transformations.md): a stack
 * transformation a blueprint argument stands for reaches the written files; engine-side transforms
 * (a stack transform, an ancestor's `transforms`) stop the command before anything is written.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cli, userProject } from "../helpers/user-project";

const COMPONENTS = JSON.stringify(path.resolve(__dirname, "..", "..", "components"));
const TABLE = `{ tableName: "orders-dev", partitionKey: { name: "id", type: "S" } }`;
const project = (program: string) => userProject({
  "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: main.ts\n",
  "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
  "main.ts": `import * as pulumi from "@pulumi/pulumi";\nimport { DynamoTable } from ${COMPONENTS};\n${program}\n`,
});

describe("CLI hcl on programs with transformations", function () {
  this.timeout(60_000);

  it("a stack transformation setting the table class is written into the flat table", async () => {
    const dir = project(`pulumi.runtime.registerStackTransformation((a) => a.type === "aws:dynamodb/table:Table"
  ? { props: { ...a.props, tableClass: "STANDARD_INFREQUENT_ACCESS" }, opts: a.opts } : undefined);
new DynamoTable("orders", ${TABLE});`);
    const r = await cli(dir, "hcl", "--stack", "dev", "--out", "tf", "--layout", "flat");
    assert.strictEqual(r.code, 0, r.err);
    assert.match(fs.readFileSync(path.join(dir, "tf", "orders.tf"), "utf8"), /table_class += "STANDARD_INFREQUENT_ACCESS"/);
  });

  for (const [kind, program, where] of [
    ["a stack transform", `pulumi.runtime.registerResourceTransform(async () => undefined);\nnew DynamoTable("orders", ${TABLE});`, /DynamoTable "orders": a stack transform/],
    ["an ancestor's transforms", `const app = new pulumi.ComponentResource("shop:index:App", "app", {}, { transforms: [async () => undefined] });
new DynamoTable("orders", ${TABLE}, { parent: app });`, /DynamoTable "orders": opts\.transforms of shop:index:App "app" \(an ancestor\)/],
  ] as const) {
    it(`${kind}: exit 2, naming the component and the transform, nothing written`, async () => {
      const dir = project(program);
      const r = await cli(dir, "hcl", "--stack", "dev", "--out", "tf");
      assert.strictEqual(r.code, 2, r.out + r.err);
      assert.match(r.err, where);
      assert.match(r.err, /applied by the Pulumi engine/);
      assert.ok(!fs.existsSync(path.join(dir, "tf")));
    });
  }
});
