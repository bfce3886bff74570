/**
 * TerraformStateBackend's `region` is the Region written into backend.tf (and `backendConfig.region`),
 * while its bucket and lock table are created in the provider's Region (the stack's `aws:region`,
 * toTerraform's `region` option). When they differ, `terraform init` looks for the bucket in the wrong
 * Region, so the mismatch is refused before anything is registered or written (model/table-region.ts).
 */
import * as assert from "assert";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { parseHcl } from "../hcl/tools";
import { BlueprintValidationError, TerraformStateBackend } from "../../components";
import { stateBackend } from "../../model/state-backend";
import { toTerraform } from "../../terraform/to-terraform";

const ARGS = { bucketName: "acme-tfstate-trial", region: "eu-west-1" };
const refused = (e: unknown) => e instanceof BlueprintValidationError
  && /TerraformStateBackend "state"\.region: is not the provider's Region \(us-east-1\).* \(got "eu-west-1"\)\. Fix: .*aws:region: eu-west-1.*or leave region out/.test((e as Error).message);

describe("components: TerraformStateBackend region against the provider's Region", () => {
  it("refuses a backend Region other than the provider's, in Pulumi and in both layouts", async () => {
    await assert.rejects(runUnderMocks(() => new TerraformStateBackend("state", ARGS), { config: { "aws:region": "us-east-1" } }), refused);
    for (const layout of ["flat", "module"] as const) {
      await assert.rejects(async () => { await toTerraform([stateBackend("state", ARGS)], { layout, region: "us-east-1" }); }, refused);
    }
  });

  it("accepts the provider's own Region, or no provider Region given (backend.tf and the provider then agree)", async () => {
    const run = await runUnderMocks(() => new TerraformStateBackend("state", ARGS), { config: { "aws:region": "eu-west-1" } });
    assertMocksActive(run);
    assert.ok(run.resources.some((r) => r.type === "aws:s3/bucket:Bucket"), "the bucket was registered");
    for (const region of ["eu-west-1", undefined]) {
      const files = await toTerraform([stateBackend("state", ARGS)], { layout: "flat", region });
      const provider = (await parseHcl(files["main.tf"])).provider.aws[0].region;
      const backend = (await parseHcl(files["backend.tf"])).terraform[0].backend.s3[0].region;
      assert.deepStrictEqual([provider, backend], ["eu-west-1", "eu-west-1"]);
    }
  });
});
