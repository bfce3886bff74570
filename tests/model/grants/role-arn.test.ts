/**
 * A grant's role given as an ARN stays that ARN's role (model/grants/role-arn.ts): in another account
 * or partition than the deploying one it is never reduced to a bare name that a same-named role of the
 * deploying account would match. Pulumi (mocks, account 123456789012 in partition aws): a preview keeps
 * the ARN, an update refuses with the message; Terraform: the role policy carries a precondition that
 * holds exactly for the ARN's account and partition, checked here with HashiCorp's parser.
 */
import * as assert from "assert";
import { DynamoTable } from "../../../components";
import { record } from "../../../testing/record";
import { ACCOUNT_ID, runUnderMocks } from "../../helpers/pulumi-mocks";
import { parseFiles } from "../../helpers/hcl-eval";
import { toTerraform } from "../../../terraform/to-terraform";

const POLICY = "aws:iam/rolePolicy:RolePolicy";
interface Row { role: string; foreign: boolean; name: string; account?: string; partition?: string }
const ROWS: Row[] = [
  { role: "arn:aws:iam::999999999999:role/admin", foreign: true, name: "admin", account: "999999999999", partition: "aws" },
  { role: "arn:aws-cn:iam::999999999999:role/admin", foreign: true, name: "admin", account: "999999999999", partition: "aws-cn" },
  { role: `arn:aws-cn:iam::${ACCOUNT_ID}:role/admin`, foreign: true, name: "admin", account: ACCOUNT_ID, partition: "aws-cn" },
  { role: `arn:aws-us-gov:iam::999999999999:role/ops/admin`, foreign: true, name: "admin", account: "999999999999", partition: "aws-us-gov" },
  { role: `arn:aws:iam::${ACCOUNT_ID}:role/service/admin`, foreign: false, name: "admin", account: ACCOUNT_ID, partition: "aws" },
  { role: "admin", foreign: false, name: "admin" },
];

const table = (role: string, how: "arg" | "method" | "output") => {
  const t = new DynamoTable("orders", {
    tableName: "orders", partitionKey: { name: "id", type: "S" },
    ...(how === "arg" ? { grants: [{ role, access: "read" as const }] } : {}),
  });
  if (how === "method") t.grantReadData(role);
  if (how === "output") t.grantWriteData(Promise.resolve(role) as never); // a role known only at deploy time
  return t;
};

describe("grants: a role given as an ARN is never reduced to another account's role name", function () {
  this.timeout(30_000);
  for (const row of ROWS) {
    for (const how of ["arg", "method", "output"] as const) {
      it(`${row.role} (${how}): preview keeps ${row.foreign ? "the ARN" : "the name"}, update ${row.foreign ? "refuses" : "attaches by name"}`, async () => {
        const preview = await runUnderMocks(() => table(row.role, how));
        assert.strictEqual(preview.monitor, "MockMonitor");
        const [policy] = preview.resources.filter((r) => r.type === POLICY);
        assert.ok(policy, "a role policy was registered");
        assert.strictEqual(policy.inputs.role, row.foreign ? row.role : row.name);

        let failure: unknown;
        const onStray = (e: unknown) => { failure ??= e; };
        process.on("unhandledRejection", onStray);
        try {
          const update = await record(() => table(row.role, how), { preview: false, reuseMocks: false, stack: "dev" });
          const registered = update.resources.filter((r) => r.type === POLICY);
          if (!row.foreign) assert.strictEqual(registered[0]?.inputs.role, row.name);
          else {
            const message = String((failure as Error)?.message ?? update.errors.join("\n"));
            assert.deepStrictEqual(registered.map((r) => r.inputs.role).filter((r) => r === row.name), [], "no policy attached by bare name");
            assert.match(message, new RegExp(`role ${row.role.replace(/[/.]/g, "\\$&")} is in .*but this stack deploys to account ${ACCOUNT_ID} in partition aws.*resourcePolicy`));
          }
        } catch (error) {
          assert.ok(row.foreign, `unexpected failure: ${(error as Error).message}`);
          assert.match((error as Error).message, /but this stack deploys to account/);
        } finally {
          process.off("unhandledRejection", onStray);
        }
      });
    }

    it(`${row.role}: Terraform's role policy ${row.account ? "holds to the ARN's account and partition" : "is a plain name"}`, async () => {
      let component!: DynamoTable;
      await runUnderMocks(() => { component = table(row.role, "arg"); });
      const files = await toTerraform([component], { layout: "flat", stack: "dev" });
      const parsed = await parseFiles(files);
      const [policy] = parsed.resources.filter((r) => r.type === "aws_iam_role_policy");
      assert.strictEqual(policy.body.role, row.name);
      const preconditions = policy.body.lifecycle?.[0]?.precondition ?? [];
      if (!row.account) { assert.strictEqual(preconditions.length, 0); return; }
      assert.strictEqual(preconditions.length, 1);
      const condition: string = preconditions[0].condition;
      assert.deepStrictEqual([...condition.matchAll(/data\.(aws_caller_identity\.current\.account_id|aws_partition\.current\.partition) == "([^"]+)"/g)].map((m) => [m[1], m[2]]),
        [["aws_caller_identity.current.account_id", row.account], ["aws_partition.current.partition", row.partition]]);
      assert.match(condition, /&&/);
      assert.match(preconditions[0].error_message, new RegExp(row.role.replace(/[/.]/g, "\\$&")));
      assert.ok(parsed.resources.length > 0 && /data "aws_caller_identity" "current"/.test(Object.values(files).join("\n")), "the data source the condition reads is declared");
    });
  }
});
