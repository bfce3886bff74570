/**
 * `check` FAILs a table's or stream's resource policy that allows every action (`dynamodb:*`, `*`),
 * uses NotAction, or lets another account in without a Condition (project/checklist/resource-policy.ts,
 * model/resource-policy/scope.ts), with a fix naming the component argument; policy rule 10 reports
 * the same statements. Each row is a real component run under Pulumi mocks (account 123456789012),
 * so the checklist reads the policy exactly as the stack registers it.
 */
import * as assert from "assert";
import * as path from "path";
import { DynamoTable } from "../../../components";
import { runChecklist } from "../../../project/checklist";
import { resourcePolicyPrincipals } from "../../../policy/resource-policy";
import { ACCOUNT_ID, assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { cli, userProject } from "../../helpers/user-project";

const ROOT = path.resolve(__dirname, "..", "..", "..");

const PARTNER = "arn:aws:iam::111122223333:role/partner";
const ORG = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (extra: Record<string, unknown>) => ({ Sid: "S", Effect: "Allow", Resource: "*", ...extra });

interface Row { policy: string; stream?: boolean; status: "PASS" | "FAIL"; says?: RegExp }
const ROWS: Record<string, Row> = {
  "dynamodb:* for a named partner with a Condition": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, Action: "dynamodb:*", Condition: ORG })), status: "FAIL",
    says: /statement S allows "dynamodb:\*" \(every DynamoDB action/,
  },
  "* (every service's actions) in a list": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, Action: ["dynamodb:GetItem", "*"], Condition: ORG })), status: "FAIL", says: /allows "\*"/,
  },
  "NotAction for another account": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, NotAction: "dynamodb:DeleteTable", Condition: ORG })), status: "FAIL", says: /uses NotAction/,
  },
  "another account's role without a Condition": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, Action: ["dynamodb:GetItem"] })), status: "FAIL", says: /lets account 111122223333 in without a Condition/,
  },
  "another account by id, on the stream, without a Condition": {
    policy: doc(allow({ Principal: { AWS: ["111122223333", "444455556666"] }, Action: "dynamodb:GetRecords" })), stream: true, status: "FAIL",
    says: /\(DynamoTable "shared" streamResourcePolicy\): statement S lets accounts 111122223333, 444455556666 in without a Condition/,
  },
  "another account's role with a Condition and named actions": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, Action: ["dynamodb:GetItem", "dynamodb:Query"], Condition: ORG })), status: "PASS",
  },
  "this account's role without a Condition": {
    policy: doc(allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/app` }, Action: "dynamodb:GetItem" })), status: "PASS",
  },
  "dynamodb:* in a Deny statement": {
    policy: doc(allow({ Principal: { AWS: PARTNER }, Action: "dynamodb:GetItem", Condition: ORG }), { Effect: "Deny", Principal: "*", Action: "dynamodb:*", Resource: "*" }),
    status: "PASS",
  },
};

describe("check: resource policies allow named actions, and other accounts only under a Condition", () => {
  for (const [name, row] of Object.entries(ROWS)) {
    it(`${name}: ${row.status}`, async () => {
      const run = await runUnderMocks(() => new DynamoTable("shared", {
        tableName: "shared", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_IMAGE",
        ...(row.stream ? { streamResourcePolicy: row.policy } : { resourcePolicy: row.policy }),
      }));
      assertMocksActive(run);
      const report = runChecklist({ stack: "dev", resources: run.resources, blueprints: [] });
      const item = report.items.find((i) => i.id === "resource-policy-scope");
      assert.ok(item, report.items.map((i) => i.id).join(", "));
      assert.strictEqual(item.status, row.status, item.details.join("\n"));
      const field = row.stream ? "streamResourcePolicy" : "resourcePolicy";
      if (row.status === "FAIL") {
        assert.match(item.details.join("\n"), row.says!);
        assert.match(item.fix!, new RegExp(`^in DynamoTable "shared" ${field}: list the actions`));
        assert.match(item.details[0], new RegExp(`\\(DynamoTable "shared" ${field}\\)`));
      } else assert.strictEqual(item.fix, undefined);

      // Policy rule 10 reads the same document and reports the same statements.
      const policy = run.resources.find((r) => r.type === "aws:dynamodb/resourcePolicy:ResourcePolicy")!;
      const reports: string[] = [];
      (resourcePolicyPrincipals.validateResource as Function)({ type: policy.type, name: policy.name, props: policy.inputs, getConfig: () => ({}) }, (m: string) => reports.push(m));
      if (row.status === "FAIL") {
        assert.strictEqual(reports.length, 1, reports.join("\n"));
        // The pack quotes the finding as a JSON string; compare its words.
        const reason = /(every DynamoDB action|uses NotAction|lets accounts? [\d, ]+ in without a Condition)/.exec(item.details[0])![1];
        assert.ok(reports[0].includes(`policy statement S is "`) && reports[0].includes(reason), `${reports[0]}\n${reason}`);
      }
      else assert.deepStrictEqual(reports, []);
    });
  }
});

/**
 * Under `check` the table ARN carries the mocks' account, so a literal account in a policy is "another
 * account" unless the stack says which accounts are its own, with the AWS provider's allowedAccountIds.
 */
describe("check: a stack's own accounts (aws:allowedAccountIds) are not another account", () => {
  const policy = doc(allow({ Principal: { AWS: PARTNER }, Action: ["dynamodb:GetItem"] }));
  const item = async (ownAccounts?: string[]) => {
    const run = await runUnderMocks(() => new DynamoTable("shared", { tableName: "shared", partitionKey: { name: "id", type: "S" }, resourcePolicy: policy }));
    assertMocksActive(run);
    return runChecklist({ stack: "prod", resources: run.resources, blueprints: [], ownAccounts }).items.find((i) => i.id === "resource-policy-scope")!;
  };

  it("without them, the FAIL's fix says how to declare the account as the stack's own", async () => {
    const found = await item();
    assert.strictEqual(found.status, "FAIL");
    assert.match(found.fix!, /if 111122223333 is this stack's own account, .*aws:allowedAccountIds: \["111122223333"\] in Pulumi\.prod\.yaml/);
  });

  it("with the account listed, the statement passes; another account still fails", async () => {
    assert.strictEqual((await item(["111122223333"])).status, "PASS");
    const other = await item(["999988887777"]);
    assert.strictEqual(other.status, "FAIL");
    assert.doesNotMatch(other.fix!, /allowedAccountIds/, "a stack that pins its accounts is not told to pin them");
  });

  it("the CLI reads aws:allowedAccountIds from the user's stack file", async () => {
    const program = `import { DynamoTable } from "${path.relative(path.join(ROOT, "tests", "x"), path.join(ROOT, "components")).replace(/\\\\/g, "/")}";\n` +
      `new DynamoTable("shared", { tableName: "shared", partitionKey: { name: "id", type: "S" }, resourcePolicy: ${JSON.stringify(policy)} });\n`;
    const files = (stackFile: string) => ({
      "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
      "Pulumi.dev.yaml": stackFile,
      "index.ts": program,
    });
    const verdict = async (stackFile: string) => {
      const r = await cli(userProject(files(stackFile)), "check", "--stack", "dev", "--json");
      return JSON.parse(r.out).items.find((i: { id: string }) => i.id === "resource-policy-scope").status;
    };
    assert.strictEqual(await verdict("config:\n  aws:region: us-east-1\n"), "FAIL");
    assert.strictEqual(await verdict("config:\n  aws:region: us-east-1\n  aws:allowedAccountIds:\n    - \"111122223333\"\n"), "PASS");
  });
});
