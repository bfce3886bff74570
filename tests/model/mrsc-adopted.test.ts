/**
 * Adopting a table that already is multi-Region strongly consistent: its STRONG replicas exist, so
 * `importFrom` adds none and AWS's empty-table rule (tests/model/aws-combination-rules.test.ts) does not
 * apply. `replicas[].importExisting` says so; without it the rule still refuses, and importExisting
 * without importFrom is refused. The replica block the table renders is the same either way.
 */
import * as assert from "assert";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";
import type { TableArgs } from "../../model/types";
import { toTerraform } from "../../terraform/to-terraform";

const ledger: TableArgs = {
  tableName: "ledger", partitionKey: { name: "id", type: "S" }, region: "us-east-1", importFrom: "ledger",
  replicas: [{ region: "us-east-2", consistencyMode: "STRONG", importExisting: true }], globalTableWitness: { regionName: "us-west-2" },
};

function problems(args: TableArgs): string[] {
  try {
    dynamoTable("ledger", args);
    return [];
  } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, String(e));
    return e.problems.map((p) => `${p.where}: ${p.message}`);
  }
}

describe("MRSC: adopting an existing strongly consistent table", () => {
  const cases: [string, TableArgs, RegExp | undefined][] = [
    ["every STRONG replica exists (importExisting)", ledger, undefined],
    ["a STRONG replica without importExisting", { ...ledger, replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }] }, /importFrom: cannot be combined with STRONG replicas/],
    ["importExisting without importFrom", { ...ledger, importFrom: undefined }, /replicas\[0\]\.importExisting: imports a replica of a table that is not imported/],
    ["importExisting that is not a boolean", { ...ledger, replicas: [{ region: "us-east-2", consistencyMode: "STRONG", importExisting: "yes" as unknown as boolean }] },
      /importExisting: must be true or false/],
  ];
  for (const [name, args, refused] of cases) {
    it(name, () => {
      const found = problems(args);
      if (refused) assert.ok(found.some((p) => refused.test(p)), found.join("\n"));
      else assert.deepStrictEqual(found, []);
    });
  }

  it("importExisting is not written: the replica block is the one a created table has", async () => {
    const imported = await toTerraform([dynamoTable("ledger", ledger)], { layout: "flat" });
    const created = await toTerraform([dynamoTable("ledger", { ...ledger, importFrom: undefined, replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }] })], { layout: "flat" });
    const replica = (files: Record<string, string>) => /replica \{[^}]*\}/.exec(Object.values(files).join("\n"))?.[0];
    assert.ok(replica(imported));
    assert.strictEqual(replica(imported), replica(created));
  });
});
