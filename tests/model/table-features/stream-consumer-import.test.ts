/**
 * Importing an existing stream consumer (`streamConsumer.importUuid`, what adopt writes): refused unless it
 * is a UUID on an imported table; then Pulumi registers the mapping with `import: UUID` (recorded from the
 * engine request, testing/record.ts) and both Terraform layouts write `import { to = the mapping, id = UUID }`
 * (the provider's import id for aws_lambda_event_source_mapping is its UUID:
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_event_source_mapping#import).
 */
import { strict as assert } from "assert";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { toTerraform } from "../../../terraform/to-terraform";
import { DynamoTable } from "../../../components";
import { STREAM_FILTERS, tableProblems } from "../../helpers/table-features";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { providerProblems } from "../../helpers/provider-check";
import { parseHcl } from "../../hcl/tools";

const UUID = "3f1c2b9e-7d4a-4e8b-9c21-5a6f0e7d8c90";
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES" };
const adopted: TableArgs = { ...base, importFrom: "orders", streamConsumer: { functionArn: FUNCTION, filters: STREAM_FILTERS, importUuid: UUID } };
const at = `DynamoTable "orders".streamConsumer.importUuid`;

describe("model: importing the stream consumer by its mapping UUID", () => {
  it("refuses a value that is not a UUID, and a UUID on a table that is not imported", () => {
    assert.deepStrictEqual(tableProblems(base, { importFrom: "orders", streamConsumer: { functionArn: FUNCTION, importUuid: "9f2b\nx" } }),
      [[at, "is not an event source mapping UUID", "write the mapping's UUID as Lambda lists it (aws lambda list-event-source-mappings), or omit importUuid"]]);
    assert.deepStrictEqual(tableProblems(base, { streamConsumer: { functionArn: FUNCTION, importUuid: UUID } }),
      [[at, "imports the consumer of a table that is not imported", "set importFrom as well, or remove importUuid"]]);
  });

  it("Pulumi registers the mapping with import: UUID; without importUuid it is created", async () => {
    const importOf = async (args: TableArgs) => {
      const run = await runUnderMocks(() => new DynamoTable("orders", args));
      assertMocksActive(run);
      return run.resources.find((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")!.importId;
    };
    assert.equal(await importOf(adopted), UUID);
    assert.ok(!(await importOf({ ...adopted, streamConsumer: { functionArn: FUNCTION } })), "no import id without importUuid");
  });

  for (const layout of ["flat", "module"] as const) {
    it(`the ${layout} layout imports the mapping by its UUID (provider-schema checked)`, async () => {
      const files = await toTerraform([dynamoTable("orders", adopted)], { layout });
      const blocks = (await Promise.all(Object.entries(files).filter(([f]) => f.endsWith(".tf") && !f.includes("/")).map(([, t]) => parseHcl(t))))
        .flatMap((h) => (h.import ?? []) as { to: string; id: string }[]);
      assert.deepEqual(blocks.filter((b) => b.id === UUID).map((b) => b.to.replace(/^\$\{|\}$/g, "")), ["aws_lambda_event_source_mapping.orders"]);
      assert.deepEqual(await providerProblems(files), []);
    });
  }
});
