/**
 * Adopting a table with its auto scaling (`importFrom` + `autoscaling.importExisting`): both layouts
 * import the same objects. The module layout addresses the module's count-selected table scaling
 * resources (`table_read[0]`) and the for_each-keyed index ones (`index_read["byUser"]`); every import
 * target must be a resource the module declares (provider-schema check).
 */
import { strict as assert } from "assert";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";
import { parseHcl } from "../hcl/tools";
import { providerProblems } from "../helpers/provider-check";

const range = { min: 5, max: 50 };
const adopted = () => dynamoTable("events", {
  tableName: "events", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED",
  readCapacity: 5, writeCapacity: 5, importFrom: "events",
  autoscaling: { importExisting: true, read: { ...range, policyName: "Read-Scaling" }, write: range },
  globalSecondaryIndexes: [{
    name: "byUser", partitionKey: { name: "user", type: "S" }, readCapacity: 5, writeCapacity: 5,
    autoscaling: { importExisting: true, read: range },
  }],
});

async function imports(files: Record<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".tf") || file.includes("/")) continue;
    for (const block of (await parseHcl(text)).import ?? []) out.set(block.id, String(block.to).replace(/^\$\{|\}$/g, ""));
  }
  return out;
}

describe("terraform: imported scaling targets and policies in both layouts", () => {
  it("the module layout imports the table's and the index's scaling resources at the module's addresses", async () => {
    const files = await toTerraform([adopted()], { layout: "module" });
    const byId = await imports(files);
    assert.deepEqual(Object.fromEntries([...byId].filter(([id]) => id !== "events")), {
      "dynamodb/table/events/dynamodb:table:ReadCapacityUnits": "module.events.aws_appautoscaling_target.table_read[0]",
      "dynamodb/table/events/dynamodb:table:ReadCapacityUnits/Read-Scaling": "module.events.aws_appautoscaling_policy.table_read[0]",
      "dynamodb/table/events/dynamodb:table:WriteCapacityUnits": "module.events.aws_appautoscaling_target.table_write[0]",
      "dynamodb/table/events/dynamodb:table:WriteCapacityUnits/events-write-capacity-utilization": "module.events.aws_appautoscaling_policy.table_write[0]",
      "dynamodb/table/events/index/byUser/dynamodb:index:ReadCapacityUnits": 'module.events.aws_appautoscaling_target.index_read["byUser"]',
      "dynamodb/table/events/index/byUser/dynamodb:index:ReadCapacityUnits/events-byUser-read-capacity-utilization": 'module.events.aws_appautoscaling_policy.index_read["byUser"]',
    });
    assert.deepEqual(await providerProblems(files), []);
  });

  it("imports exactly the objects the flat layout imports", async () => {
    const flat = await imports(await toTerraform([adopted()], { layout: "flat" }));
    const module = await imports(await toTerraform([adopted()], { layout: "module" }));
    assert.equal(flat.size, 7, "the table, three targets and three policies");
    assert.deepEqual([...module.keys()].sort(), [...flat.keys()].sort());
  });
});
