/**
 * End to end without the Pulumi CLI: start the pack exactly as the CLI does (node running
 * `@pulumi/pulumi/cmd/run-policy-pack` in policy/, which type-checks with ts-node, requires
 * `policy/index.ts` and, via @pulumi/policy, serves gRPC and prints the port), then talk to it over
 * the Analyzer protocol the engine uses. This proves the entry-point guard lets the real runner
 * through, PolicyPack finds policy/package.json, and config/levels travel as the engine sends them.
 * Start-up costs a few seconds (ts-node type-checks the pack, as it would under the CLI).
 */
import * as assert from "assert";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import { UNKNOWN_STRING } from "./harness";
import { CHILD_HANG_GUARD_MS } from "../helpers/child-process";

const ROOT = path.resolve(__dirname, "../..");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// The generated stubs and the protobuf/grpc runtimes they were built against, from @pulumi/pulumi's tree.
const fromPulumi = (m: string) => require(require.resolve(m, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const LEVEL: Record<number, string> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

const TABLE = "aws:dynamodb/table:Table";
const urn = (name: string) => `urn:pulumi:prod::app::${TABLE}::${name}`;

function options(protect: boolean) {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(protect);
  return o;
}
function analyzeRequest(name: string, props: Record<string, unknown>) {
  const req = new pb.AnalyzeRequest();
  req.setType(TABLE);
  req.setUrn(urn(name));
  req.setName(name);
  req.setProperties(Struct.fromJavaScript(props));
  req.setOptions(options(false));
  return req;
}

describe("policy pack served by the real policy runner (gRPC, no CLI)", function () {
  this.timeout(CHILD_HANG_GUARD_MS); // waits for the runner's port line and its answers
  let child: ChildProcess | undefined;
  let client: any;
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
  const diagnostics = (res: any) => res.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(), level: LEVEL[d.getEnforcementlevel()], message: d.getMessage(), urn: d.getUrn(),
  }));

  before(async () => {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: path.join(ROOT, "policy"), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (b) => (stderr += b));
    const port = await new Promise<string>((resolve, reject) => {
      child!.stdout!.once("data", (b) => resolve(String(b).trim()));
      child!.once("exit", (code) => reject(new Error(`policy runner exited with ${code}: ${stderr}`)));
    });
    assert.match(port, /^\d+$/, `the runner prints only its port on stdout, got ${port}`);
    client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    child?.kill();
  });

  it("announces the pack, its version from policy/package.json and each policy's level", async () => {
    const info: any = await call("getAnalyzerInfo", new Empty());
    assert.strictEqual(info.getName(), "dynamodb-blueprints");
    assert.strictEqual(info.getVersion(), "0.1.0");
    assert.strictEqual(info.getSupportsconfig(), true);
    const levels = Object.fromEntries(info.getPoliciesList().map((p: any) => [p.getName(), LEVEL[p.getEnforcementlevel()]]));
    assert.deepStrictEqual(levels, {
      "dynamodb-pitr-enabled": "mandatory", "dynamodb-production-cmk": "mandatory", "dynamodb-deletion-protection": "mandatory",
      "dynamodb-production-protect": "mandatory", "dynamodb-provisioned-autoscaling": "mandatory",
      "dynamodb-autoscaling-target-utilization": "mandatory", "dynamodb-billing-capacity": "mandatory", "dynamodb-hot-partition-key": "advisory",
      "dynamodb-least-privilege": "mandatory", "dynamodb-resource-policy-principals": "mandatory",
    });
  });

  it("Analyze: a production table on the AWS-owned key, with a status partition key", async () => {
    const res = await call("analyze", analyzeRequest("data", {
      name: "data-prod", billingMode: "PAY_PER_REQUEST", hashKey: "status", pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true, tags: { Environment: "prod" },
    }));
    const ds = diagnostics(res);
    assert.deepStrictEqual(ds.map((d: any) => `${d.level} ${d.policy}`).sort(), ["advisory dynamodb-hot-partition-key", "mandatory dynamodb-production-cmk"]);
    assert.match(ds.find((d: any) => d.policy === "dynamodb-production-cmk").message, /serverSideEncryption\.enabled is not set/);
  });

  it("Analyze during preview: a KMS key ARN not known yet is neither a violation nor a 'can't run' advisory", async () => {
    const res = await call("analyze", analyzeRequest("data", {
      name: "data-prod", billingMode: "PAY_PER_REQUEST", hashKey: "id", pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true,
      tags: { Environment: "prod" }, serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN_STRING },
    }));
    assert.deepStrictEqual(diagnostics(res), []);
  });

  it("AnalyzeStack: an unprotected production table is reported against its URN", async () => {
    const resource = (name: string, protect: boolean) => {
      const r = new pb.AnalyzerResource();
      r.setType(TABLE);
      r.setUrn(urn(name));
      r.setName(name);
      r.setProperties(Struct.fromJavaScript({ name, billingMode: "PAY_PER_REQUEST", tags: { Environment: "production" } }));
      r.setOptions(options(protect));
      return r;
    };
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList([resource("kept", true), resource("exposed", false)]);
    const ds = diagnostics(await call("analyzeStack", req));
    assert.deepStrictEqual(ds.map((d: any) => [d.policy, d.level, d.urn]), [["dynamodb-production-protect", "mandatory", urn("exposed")]]);
  });

  it("Configure: per-policy levels and a custom production tag take effect (runs last: config is process-wide)", async () => {
    const req = new pb.ConfigureAnalyzerRequest();
    const cmk = new pb.PolicyConfig();
    cmk.setEnforcementlevel(0);
    cmk.setProperties(Struct.fromJavaScript({ productionTagKey: "stage", productionTagValues: ["live"] }));
    const hot = new pb.PolicyConfig();
    hot.setEnforcementlevel(2);
    hot.setProperties(Struct.fromJavaScript({})); // the engine always sends properties, if only empty ones
    req.getPolicyconfigMap().set("dynamodb-production-cmk", cmk).set("dynamodb-hot-partition-key", hot);
    await call("configure", req);
    const ds = diagnostics(await call("analyze", analyzeRequest("data", {
      name: "data", billingMode: "PAY_PER_REQUEST", hashKey: "status", pointInTimeRecovery: { enabled: true }, tags: { Stage: "Live" },
    })));
    assert.deepStrictEqual(ds.map((d: any) => `${d.level} ${d.policy}`), ["advisory dynamodb-production-cmk"]);
    assert.match(ds[0].message, /a production table \(tags\.Stage = "Live"\)/);
  });
});
