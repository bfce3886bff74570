/**
 * The two arguments adoption added to auto scaling: `policyName` (keep an existing policy's name) and
 * `importExisting` (import the targets and policies instead of creating them). Both are validated like
 * every other argument, and importing children of a table that is itself not imported is refused.
 */
import { strict as assert } from "assert";
import { BlueprintValidationError } from "../../../model/errors";
import { dynamoTable } from "../../../model/blueprints";
import { planTable } from "../../../model/plan-table";
import { TableArgs } from "../../../model/types";

const provisioned = (extra: Partial<TableArgs> = {}): TableArgs => ({
  tableName: "events", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED",
  autoscaling: { read: { min: 5, max: 50 }, write: { min: 5, max: 50 } }, ...extra,
});

describe("model: auto scaling of an adopted table", () => {
  it("without importExisting, nothing but the table is imported and policies get the default name", () => {
    const plan = planTable(dynamoTable("events", provisioned({ importFrom: "events" })).table);
    assert.deepEqual(plan.filter((r) => r.options.importId).map((r) => r.type), ["aws_dynamodb_table"]);
    assert.deepEqual(plan.filter((r) => r.type === "aws_appautoscaling_policy").map((r) => r.args.name),
      ["events-read-capacity-utilization", "events-write-capacity-utilization"]);
  });

  it("with importExisting and policyName, targets and policies carry their import ids", () => {
    const plan = planTable(dynamoTable("events", provisioned({
      importFrom: "events",
      autoscaling: { importExisting: true, read: { min: 5, max: 50, policyName: "Read-Scaling" }, write: { min: 5, max: 50 } },
    })).table);
    assert.deepEqual(plan.filter((r) => r.type.startsWith("aws_appautoscaling")).map((r) => r.options.importId), [
      "dynamodb/table/events/dynamodb:table:ReadCapacityUnits",
      "dynamodb/table/events/dynamodb:table:ReadCapacityUnits/Read-Scaling",
      "dynamodb/table/events/dynamodb:table:WriteCapacityUnits",
      "dynamodb/table/events/dynamodb:table:WriteCapacityUnits/events-write-capacity-utilization",
    ]);
  });

  const refused: [string, Partial<TableArgs>, RegExp][] = [
    ["importExisting without importFrom", { autoscaling: { importExisting: true, read: { min: 5, max: 50 } } },
      /autoscaling\.importExisting: imports scaling targets of a table that is not imported.*set importFrom/],
    ["a GSI's importExisting without importFrom", {
      autoscaling: undefined, readCapacity: 5, writeCapacity: 5,
      globalSecondaryIndexes: [{ name: "ByEmail", partitionKey: { name: "email", type: "S" }, readCapacity: 5, writeCapacity: 5, autoscaling: { importExisting: true, read: { min: 5, max: 50 } } }],
    }, /globalSecondaryIndexes\[0\]\.autoscaling\.importExisting/],
    ["a policy name with a space", { importFrom: "events", autoscaling: { read: { min: 5, max: 50, policyName: "read policy" } } }, /read\.policyName: is not an Application Auto Scaling policy name/],
    ["importExisting that is not a boolean", { importFrom: "events", autoscaling: { importExisting: "yes" as never, read: { min: 5, max: 50 } } }, /importExisting: must be true or false/],
  ];
  for (const [what, extra, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => dynamoTable("events", provisioned(extra)), (e: unknown) => e instanceof BlueprintValidationError && message.test(e.message));
    });
  }
});
