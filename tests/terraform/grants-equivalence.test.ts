/**
 * Grants in both renderers are equal: a program creating tables with grants (the `grants` arg, the
 * `grant…(role)` methods, a stream consumer's role, a customer-managed key and a replica) runs under
 * Pulumi mocks; `toTerraform` of the very same components, in the flat and the module layout, is
 * parsed with HashiCorp's parser, evaluated, and every `aws_iam_role_policy` must carry the same name,
 * role and policy document (compared as data) as the RolePolicy Pulumi registered.
 */
import * as assert from "assert";
import * as iam from "@pulumi/aws/iam";
import { ACCOUNT_ID, MockRun, Recorded, assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { evaluate, parseFiles, toPulumiShape } from "../helpers/hcl-eval";
import { formatHcl } from "../hcl/tools";
import { DynamoTable } from "../../components";
import { toTerraform } from "../../terraform/to-terraform";

const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/eu";
const DATA: Record<string, string> = {
  "data.aws_caller_identity.current.account_id": ACCOUNT_ID,
  "data.aws_partition.current.partition": "aws",
  "data.aws_region.current.region": "us-east-1",
};
/** Pulumi logical name -> Terraform address, by the documented naming convention (not by the emitter). */
const addressOf = (r: Recorded) => {
  const tf = (n: string) => n.replace(/[^A-Za-z0-9_]/g, "_");
  if (r.type === "aws:dynamodb/table:Table") return `aws_dynamodb_table.${tf(r.name)}`;
  if (r.type === "aws:kms/key:Key") return `aws_kms_key.${tf(r.name.replace(/-key$/, ""))}`;
  if (r.type === "aws:iam/rolePolicy:RolePolicy") return `aws_iam_role_policy.${tf(r.name.replace(/-grant$/, ""))}`;
  return undefined;
};

describe("terraform equivalence: grants, Pulumi mocks vs flat and module layouts", () => {
  let run: MockRun;
  let components: DynamoTable[];
  let policies: Map<string, Recorded>;
  let byAddress: Map<string, Recorded>;

  before(async () => {
    run = await runUnderMocks(() => {
      const role = new iam.Role("writer", { name: "writer", assumeRolePolicy: "{}" });
      const orders = new DynamoTable("orders", {
        tableName: "orders", partitionKey: { name: "id", type: "S" }, encryption: "CUSTOMER_MANAGED",
        streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1", kmsKeyArn: EU_KEY }],
        globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
        streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "arn:aws:iam::123456789012:role/f-role" },
        grants: [{ role: "arn:aws:iam::123456789012:role/app/orders-api", access: "read" }],
      });
      orders.grantWriteData(role);
      orders.grant("etl", ["dynamodb:Query", "dynamodb:DescribeStream"]);
      const events = new DynamoTable("events", { tableName: "events", partitionKey: { name: "id", type: "S" }, grants: [{ role: "reporting", access: "readWrite" }] });
      components = [orders, events];
    });
    byAddress = new Map();
    for (const r of run.resources) {
      const address = addressOf(r);
      if (address) byAddress.set(address, r);
    }
    policies = new Map([...byAddress].filter(([a]) => a.startsWith("aws_iam_role_policy.")));
  });

  // The writer role is a Pulumi resource: its name is a Terraform variable (terraform/foreign-inputs.ts),
  // given here as a .tfvars file would give it.
  const TFVARS: Record<string, string> = { "var.orders_grants_2_role": "writer" };
  const resolveFlat = (reference: string): unknown => {
    if (reference in DATA) return DATA[reference];
    if (reference in TFVARS) return TFVARS[reference];
    const [type, name, attribute] = reference.split(".");
    const target = byAddress.get(`${type}.${name}`);
    assert.ok(target, `HCL references ${reference}, which Pulumi does not create`);
    return target.outputs![attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
  };
  const MODULE_OUTPUT: Record<string, [string, string]> = {
    table_arn: ["aws_dynamodb_table", "arn"], table_name: ["aws_dynamodb_table", "name"], stream_arn: ["aws_dynamodb_table", "stream_arn"], kms_key_arn: ["aws_kms_key", "arn"],
  };
  const resolveModule = (reference: string): unknown => {
    const [first, module, output] = reference.split(".");
    if (first !== "module") return resolveFlat(reference);
    const [type, attribute] = MODULE_OUTPUT[output];
    return resolveFlat(`${type}.${module}.${attribute}`);
  };

  for (const layout of ["flat", "module"] as const) {
    it(`${layout}: the same role policies, with the same name, role and policy document`, async () => {
      assertMocksActive(run);
      assert.strictEqual(policies.size, 5, "orders: read, write, custom, stream consumer; events: readWrite");
      const files = await toTerraform(components, { layout });
      for (const [file, text] of Object.entries(files)) assert.strictEqual(await formatHcl(text), text, `${file} is fmt-clean`);
      const parsed = await parseFiles(layout === "flat" ? files : { "main.tf": files["main.tf"] });
      const fromHcl = parsed.resources.filter((r) => r.type === "aws_iam_role_policy");
      assert.deepStrictEqual(fromHcl.map((r) => `${r.type}.${r.name}`).sort(), [...policies.keys()].sort());
      for (const resource of fromHcl) {
        const address = `${resource.type}.${resource.name}`;
        const pulumi = policies.get(address)!;
        const evaluated = await evaluate(toPulumiShape(resource.type, resource.body).inputs, layout === "flat" ? resolveFlat : resolveModule) as Record<string, any>;
        assert.deepStrictEqual(Object.keys(evaluated).sort(), ["name", "policy", "role"], address);
        assert.deepStrictEqual([evaluated.name, evaluated.role], [pulumi.inputs.name, pulumi.inputs.role], address);
        assert.deepStrictEqual(JSON.parse(evaluated.policy), JSON.parse(pulumi.inputs.policy), `${address}.policy`);
      }
    });
  }

  it("the compared documents are the narrow ones (so equality is not between two empty policies)", () => {
    const stream = JSON.parse(policies.get("aws_iam_role_policy.orders_stream_consumer")!.inputs.policy);
    assert.deepStrictEqual(stream.Statement.map((s: any) => [s.Sid, s.Resource]), [
      ["Stream", ["arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-23T00:00:00.000", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/*"]],
      ["KeyViaDynamoDB", ["arn:aws:kms:us-east-1:123456789012:key/orders-key"]],
      ["KeyViaDynamoDBEuWest1", [EU_KEY]],
    ]);
    assert.strictEqual(policies.get("aws_iam_role_policy.orders_write")!.inputs.role, "writer");
  });
});
