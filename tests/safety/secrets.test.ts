/**
 * Nothing secret is written into emitted HCL, plan or check output, or error messages. Secrets are
 * real `pulumi.secret(...)` Outputs under mocks; the one used is AWS's documented example access key
 * id, so the key-pattern scan below would catch it too.
 */
import { referenceProgramFile } from "../cli/run-cli";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DynamoTable, TerraformStateBackend } from "../../components";
import { BlueprintValidationError } from "../../model/errors";
import { parseStackConfig } from "../../project/stack-config";
import { runChecklist } from "../../project/checklist";
import { loadStack } from "../../cli/stack-file";
import { buildTree } from "../../cli/render-tree";
import { formatPlan, planStack } from "../../cli/commands/plan";
import { checkStack, formatCheck } from "../../cli/commands/check";
import { toJson } from "../../cli/stack-option";
import { toTerraform, LAYOUTS } from "../../terraform/to-terraform";
import { MockRun, assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { ROOT, cli, filesUnder } from "./helpers";

const SECRET = "AKIAIOSFODNN7EXAMPLE";
const AWS_KEY = /AKIA[0-9A-Z]{16}/;
const id = { name: "id", type: "S" as const };

describe("safety: secrets never reach files, plans, checks or messages", function () {
  this.timeout(30_000);
  let run: MockRun;
  let components: { table: DynamoTable; keyed: DynamoTable; consumer: DynamoTable; backend: TerraformStateBackend };

  before(async () => {
    const secret = () => pulumi.secret(SECRET);
    run = await runUnderMocks(() => {
      components = {
        table: new DynamoTable("tagged", { tableName: "tagged-t", partitionKey: id, tags: { Owner: secret(), Team: "data" } }),
        keyed: new DynamoTable("keyed", { tableName: "keyed-t", partitionKey: id, encryption: "CUSTOMER_MANAGED",
          kmsKeyArn: secret().apply((s) => `arn:aws:kms:us-east-1:123456789012:key/${s}`),
          streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1", kmsKeyArn: secret().apply((s) => `arn:aws:kms:eu-west-1:123456789012:key/${s}`) }] }),
        consumer: new DynamoTable("consumer", { tableName: "consumer-t", partitionKey: id, streamViewType: "NEW_IMAGE",
          streamConsumer: { functionArn: secret().apply((s) => `arn:aws:lambda:us-east-1:123456789012:function:${s}`) } }),
        backend: new TerraformStateBackend("state", { bucketName: "acme-terraform-state", tags: { CostCenter: secret() } }),
      };
    });
  });

  it("(a) toTerraform refuses every secret Output, naming where, and the message does not contain it", async () => {
    assertMocksActive(run);
    const cases: [unknown, string][] = [
      [components.table, 'DynamoTable "tagged".table.tags.Owner'],
      [components.keyed, 'DynamoTable "keyed".table.kmsKeyArn'],
      [components.consumer, 'DynamoTable "consumer".table.streamConsumer.functionArn'],
      [components.backend, 'TerraformStateBackend "state".tags.CostCenter'],
    ];
    for (const [component, where] of cases) {
      const error = await toTerraform([component as never]).then(() => undefined, (e) => e);
      assert.ok(error instanceof BlueprintValidationError, `${where}: refused`);
      assert.ok(error.message.includes(`${where}: is a secret, and secrets are never written to Terraform files`), error.message);
      assert.ok(!error.message.includes(SECRET), "the secret is not in the message");
    }
  });

  it("(b) plan and check show a secret as [secret], read wrapped settings correctly, and never print the value", async () => {
    const tree = buildTree(run.resources);
    const view = { stack: "t", project: "p", mocks: { monitor: run.monitor, registered: run.resources.length, newResourceCalls: run.newResourceCalls },
      resources: tree, summary: { create: 0, components: 0, resources: 0 } };
    const planText = await formatPlan(view);
    // The wrapped encryption setting must still read as a customer-managed key, not "AWS owned".
    assert.match(planText, /\+ aws:dynamodb\/table:Table keyed\n(?: {10}.*\n)*? {10}encryption: customer-managed key \[secret\]/);
    assert.match(planText, /function: \[secret\]/);
    const report = runChecklist({ stack: "prod", production: { stackWide: true }, blueprints: [], resources: run.resources });
    assert.match(formatCheck(report, 1, false), /keyed-t: customer-managed key \[secret\] is not managed by this stack/);
    for (const [what, text] of [["plan", planText], ["plan --json", toJson(view)], ["check", formatCheck(report, 1, false)], ["check --json", toJson(report)]]) {
      assert.ok(!text.includes(SECRET), `${what} prints the secret`);
    }
  });

  it("(c) secret config is refused with a clear message: `secure:` in a stack file, and keys `pulumi up` decrypted", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-secret-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    fs.writeFileSync(path.join(project, "index.ts"), referenceProgramFile());
    const ciphertext = "v1:AAABAGNpcGhlcnRleHQ=";
    fs.writeFileSync(path.join(project, "Pulumi.s.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")
      .replace("environment: dev", `environment:\n    secure: ${ciphertext}`));
    try {
      const ran = await cli(["plan", "--stack", "s"], project);
      assert.strictEqual(ran.code, 2);
      assert.match(ran.err, /config\.dynamodb-blueprints:environment: is not a secret setting \(got "\(a secret\)"\)\. Fix: store it as plain config/);
      assert.ok(!ran.err.includes(ciphertext) && ran.out === "");
    } finally { fs.rmSync(project, { recursive: true, force: true }); }
    // `pulumi up` hands the program decrypted values; the names of the secret ones come separately.
    const values = { "dynamodb-blueprints:environment": "dev", "dynamodb-blueprints:stateBucketName": `acme-${SECRET.toLowerCase()}` };
    assert.throws(() => parseStackConfig("dev", values, "Pulumi config", ["dynamodb-blueprints:stateBucketName"]), (e: Error) => {
      assert.match(e.message, /config\.dynamodb-blueprints:stateBucketName: is not a secret setting \(got "\(a secret\)"\)/);
      assert.ok(!e.message.toLowerCase().includes(SECRET.toLowerCase()));
      return true;
    });
  });

  it("(d) no AWS access key pattern in any emitted file, lock file, plan or check output of the shipped stacks", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-emitted-"));
    try {
      const texts: [string, string][] = [];
      for (const stack of ["dev", "prod", "local"]) {
        const { blueprints, config } = loadStack(ROOT, stack);
        for (const layout of LAYOUTS) {
          for (const [file, text] of Object.entries(await toTerraform(blueprints, { layout, stack, region: config.region }))) texts.push([`${stack}/${layout}/${file}`, text]);
        }
      }
      const written = await cli(["hcl", "--stack", "prod", "--out", out]);
      assert.strictEqual(written.code, 0, written.err);
      const files = filesUnder(out);
      assert.ok(files.includes("main.tf"), "hcl wrote files to scan");
      for (const f of files) texts.push([`hcl --out ${f}`, fs.readFileSync(path.join(out, f), "utf8")]);
      for (const stack of ["dev", "prod"]) {
        texts.push([`dynamodb-blueprints.${stack}.lock.json`, fs.readFileSync(path.join(ROOT, `dynamodb-blueprints.${stack}.lock.json`), "utf8")]);
        const view = await planStack(ROOT, stack);
        const report = await checkStack(ROOT, stack);
        texts.push([`plan ${stack}`, await formatPlan(view)], [`plan ${stack} --json`, toJson(view)],
          [`check ${stack}`, formatCheck(report, 0, false)], [`check ${stack} --json`, toJson(report)]);
      }
      assert.ok(texts.length > 30, `${texts.length} texts scanned`);
      for (const [name, text] of texts) assert.doesNotMatch(text, AWS_KEY, name);
    } finally { fs.rmSync(out, { recursive: true, force: true }); }
  });
});
