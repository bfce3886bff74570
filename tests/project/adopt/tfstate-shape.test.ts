/**
 * The state attributes adopt type-checks (project/adopt/tfstate-shape.ts) are the provider's: every
 * name exists in the hashicorp/aws schema (terraform/schema/aws-6.66.0.json), as a block where the
 * schema has a block (an array of objects in state v4) and as an attribute where it has an attribute.
 * A misspelled name would silently check nothing.
 */
import { strict as assert } from "assert";
import { STATE_SHAPES } from "../../../project/adopt/tfstate-shape";
import { Shape } from "../../../project/adopt/shape";
import { PROVIDER_SCHEMA, SchemaBlock } from "../../../terraform/provider-schema";

function mismatches(shape: Shape, block: SchemaBlock, where: string): string[] {
  if (shape.kind !== "object") return [`${where}: not an object shape`];
  return Object.entries(shape.members).flatMap(([name, member]) => {
    const at = `${where}.${name}`;
    if (block.blocks[name]) {
      if (member.kind !== "array" || member.of.kind !== "object") return [`${at}: a block in the schema, an array of objects in state`];
      return mismatches(member.of, block.blocks[name].block, at);
    }
    if (block.attributes[name]) return member.kind === "object" ? [`${at}: an attribute in the schema, not a block`] : [];
    return [`${at}: not in the provider schema`];
  });
}

describe("adopt: state attribute shapes name the provider's attributes", () => {
  for (const [type, shape] of Object.entries(STATE_SHAPES)) {
    it(type, () => {
      const schema = PROVIDER_SCHEMA.resources[type];
      assert.ok(schema, `${type} is in the provider schema`);
      assert.deepEqual(mismatches(shape, schema, type), []);
    });
  }

  it("a name the schema lacks is caught (the check can fail)", () => {
    const bad: Shape = { kind: "object", members: { point_in_time_recovery: { kind: "boolean" }, no_such_attribute: { kind: "string" } } };
    assert.deepEqual(mismatches(bad, PROVIDER_SCHEMA.resources.aws_dynamodb_table, "t"), [
      "t.point_in_time_recovery: a block in the schema, an array of objects in state", "t.no_such_attribute: not in the provider schema"]);
  });
});
