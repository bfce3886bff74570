/**
 * Every argument path and language construct the emitter writes has a feature-registry entry, and
 * versions.tf's floors are the highest first versions among what is written. The files are read with
 * HashiCorp's parser (tests/helpers/written-paths.ts), not with the emitter's own syntax tree: the
 * feature programs in both layouts, the dev and prod stacks, and a stack without the state backend.
 */
import * as assert from "assert";
import * as path from "path";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";
import { Blueprint } from "../../model/stack";
import { featurePrograms } from "../helpers/feature-programs";
import { declaredFloors, expectedFloors, writtenPaths } from "../helpers/written-paths";

const ROOT = path.resolve(__dirname, "../..");

function programs(): [string, Blueprint[]][] {
  const stacks = ["dev", "prod"].map((s): [string, Blueprint[]] => [`stack ${s}`, loadStack(ROOT, s).blueprints]);
  const dev = stacks[0][1];
  return [...Object.entries(featurePrograms()), ...stacks, ["stack dev without the state backend", dev.filter((b) => b.kind !== "TerraformStateBackend")]];
}

describe("emitted Terraform against the feature registry", () => {
  for (const [name, blueprints] of programs()) {
    for (const layout of ["flat", "module"] as const) {
      it(`${name}, ${layout} layout: every written path has an entry, and versions.tf holds the highest first version`, async () => {
        const files = await toTerraform(blueprints, { layout, stack: "features" });
        const expected = await expectedFloors(files);
        assert.deepStrictEqual(expected.unknown, [], "written paths without a feature-registry entry (add them to model/feature-registry/)");
        assert.deepStrictEqual(await declaredFloors(files), { terraform: expected.terraform, provider: expected.provider });
      });
    }
  }

  it("the walk sees what is written (it can fail): a resource, a dynamic block, a meta-argument, a function, a cross-variable validation", async () => {
    const files = {
      "main.tf": [
        'resource "aws_dynamodb_table" "t" {',
        "  count = 1",
        '  name  = one(["a"])',
        '  dynamic "replica" {',
        "    for_each = []",
        "    content {",
        "      consistency_mode = replica.value",
        "    }",
        "  }",
        "  made_up_argument = 1",
        "}",
        'variable "a" {',
        "  type = number",
        "  validation {",
        "    condition     = var.a > var.b",
        '    error_message = "a > b"',
        "  }",
        "}",
      ].join("\n") + "\n",
    };
    const paths = (await writtenPaths(files)).map((w) => `${w.path}${w.dynamic ? " (dynamic)" : ""}`);
    for (const p of ["aws_dynamodb_table.replica (dynamic)", "aws_dynamodb_table.replica.consistency_mode", "meta.count", "function.one",
      "variable.validation.cross-reference", "aws_dynamodb_table.made_up_argument"]) assert.ok(paths.includes(p), `${p} not in ${paths.join(", ")}`);
    const floors = await expectedFloors(files);
    assert.deepStrictEqual(floors.unknown, ["aws_dynamodb_table.made_up_argument (main.tf)"]);
    assert.strictEqual(floors.provider, "6.3.0");
    assert.strictEqual(floors.terraform, "1.9.0");
  });
});
