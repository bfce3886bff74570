import * as h from "../../hcl";
import { check as assertPrintsAndParses, lines } from "./tools";

// Terraform constructs an emitter needs, each checked against hclwrite.Format and the parser.
describe("hcl/print: terraform constructs", () => {
  it("prints templates with references, and unwraps interpolation-only ones like terraform fmt", async () => {
    const name = h.ref("aws_dynamodb_table.orders.name");
    await assertPrintsAndParses(
      [h.block("locals", [], [
        h.attr("resource_id", h.tpl`table/${name}/index/${h.ref("var.gsi[0]")}`),
        h.attr("only", h.template(h.ref("var.x"))),
        h.attr("dollar", h.template("cost: $", h.ref("var.n"), " ${literal}")),
        h.attr("quoted", h.template('say "', h.call("upper", "x"), '"')),
      ])],
      lines(
        "locals {",
        '  resource_id = "table/${aws_dynamodb_table.orders.name}/index/${var.gsi[0]}"',
        "  only        = var.x",
        '  dollar      = "cost: \\u0024${var.n} $${literal}"',
        '  quoted      = "say \\"${upper("x")}\\""',
        "}",
      ),
      { locals: [{
        resource_id: "table/${aws_dynamodb_table.orders.name}/index/${var.gsi[0]}",
        only: "${var.x}",
        dollar: "cost: $${var.n} $${literal}", // hcl2json does not re-escape a lone `$` before `${`
        quoted: 'say "${upper("x")}"',
      }] },
    );
  });

  it("dynamic blocks, lifecycle lists of bare references, nested and empty blocks", async () => {
    await assertPrintsAndParses(
      [h.block("resource", ["aws_dynamodb_table", "this"], [
        h.attr("name", h.ref("var.name")),
        h.attr("hash_key", "pk"),
        h.block("dynamic", ["attribute"], [
          h.attr("for_each", h.ref("var.attributes")),
          h.block("content", [], [h.attr("name", h.ref("attribute.value.name")), h.attr("type", h.ref("attribute.value.type"))]),
        ]),
        h.block("point_in_time_recovery", [], []),
        h.block("lifecycle", [], [
          h.attr("prevent_destroy", true),
          h.attr("ignore_changes", h.list(h.raw("read_capacity"), h.raw("write_capacity"))),
        ]),
      ])],
      lines(
        'resource "aws_dynamodb_table" "this" {',
        "  name     = var.name",
        '  hash_key = "pk"',
        '  dynamic "attribute" {',
        "    for_each = var.attributes",
        "    content {",
        "      name = attribute.value.name",
        "      type = attribute.value.type",
        "    }",
        "  }",
        "  point_in_time_recovery {",
        "  }",
        "  lifecycle {",
        "    prevent_destroy = true",
        "    ignore_changes  = [read_capacity, write_capacity]",
        "  }",
        "}",
      ),
      { resource: { aws_dynamodb_table: { this: [{
        name: "${var.name}", hash_key: "pk",
        dynamic: { attribute: [{ for_each: "${var.attributes}", content: [{ name: "${attribute.value.name}", type: "${attribute.value.type}" }] }] },
        point_in_time_recovery: [{}],
        lifecycle: [{ prevent_destroy: true, ignore_changes: ["${read_capacity}", "${write_capacity}"] }],
      }] } } },
    );
  });

  it("variables with validation: calls, for, operators with precedence-driven parentheses", async () => {
    const v = h.ref("var.name");
    await assertPrintsAndParses(
      [h.block("variable", ["name"], [
        h.attr("type", h.raw("string")),
        h.block("validation", [], [
          h.attr("condition", h.and(
            h.binary(h.call("length", v), ">=", 3), h.binary(h.call("length", v), "<=", 255),
            h.call("can", h.call("regex", "^[a-zA-Z0-9_.-]+$", v)),
            h.not(h.or(h.binary(v, "==", ""), h.binary(v, "!=", h.call("trimspace", v)))),
          )),
          h.attr("error_message", "Table names are 3-255 chars of [a-zA-Z0-9_.-]."),
        ]),
        h.block("validation", [], [
          h.attr("condition", h.call("alltrue", h.forList("a", h.ref("var.attributes"), h.call("contains", ["S", "N", "B"], h.ref("a.type"))))),
          h.attr("error_message", "x"),
        ]),
      ]), h.block("locals", [], [
        h.attr("a", h.binary(h.binary(1, "-", 2), "-", h.binary(3, "-", 4))),
        h.attr("b", h.binary(h.or(true, false), "&&", h.neg(h.neg(1)))),
        h.attr("c", h.cond(h.binary(h.ref("var.n"), ">", 0), h.cond(true, 1, 2), h.cond(false, 3, h.nul()))),
        h.attr("d", h.forObject("v", h.ref("var.m"), h.ref("k"), h.ref("v.name"), { keyVar: "k", cond: h.binary(h.ref("v"), "!=", null) })),
      ])],
      lines(
        'variable "name" {',
        "  type = string",
        "  validation {",
        '    condition     = length(var.name) >= 3 && length(var.name) <= 255 && can(regex("^[a-zA-Z0-9_.-]+$", var.name)) && !(var.name == "" || var.name != trimspace(var.name))',
        '    error_message = "Table names are 3-255 chars of [a-zA-Z0-9_.-]."',
        "  }",
        "  validation {",
        '    condition     = alltrue([for a in var.attributes : contains(["S", "N", "B"], a.type)])',
        '    error_message = "x"',
        "  }",
        "}",
        "",
        "locals {",
        "  a = 1 - 2 - (3 - 4)",
        "  b = (true || false) && -(-1)",
        "  c = var.n > 0 ? (true ? 1 : 2) : false ? 3 : null",
        "  d = { for k, v in var.m : k => v.name if v != null }",
        "}",
      ),
      {
        variable: { name: [{ type: "${string}", validation: [
          { condition: '${length(var.name) >= 3 && length(var.name) <= 255 && can(regex("^[a-zA-Z0-9_.-]+$", var.name)) && !(var.name == "" || var.name != trimspace(var.name))}', error_message: "Table names are 3-255 chars of [a-zA-Z0-9_.-]." },
          { condition: '${alltrue([for a in var.attributes : contains(["S", "N", "B"], a.type)])}', error_message: "x" },
        ] }] },
        locals: [{
          a: "${1 - 2 - (3 - 4)}", b: "${(true || false) && -(-1)}", c: "${var.n > 0 ? (true ? 1 : 2) : false ? 3 : null}",
          d: "${{ for k, v in var.m : k => v.name if v != null }}",
        }],
      },
    );
  });

  it("top level: header, blank line around blocks, comments stay attached; terraform/removed/import/moved", async () => {
    await assertPrintsAndParses(
      [
        h.block("terraform", [], [
          h.attr("required_version", ">= 1.7"),
          h.block("backend", ["s3"], [h.attr("bucket", "state"), h.attr("use_lockfile", true)]),
        ]),
        h.comment("Forget the old table\nwithout deleting it."),
        h.block("removed", [], [h.attr("from", h.ref("aws_dynamodb_table.old")), h.block("lifecycle", [], [h.attr("destroy", false)])]),
        h.block("import", [], [h.attr("to", h.ref("aws_dynamodb_table.orders")), h.attr("id", "orders")]),
        h.blank(), h.blank(),
        h.block("moved", [], [h.attr("from", h.ref("aws_dynamodb_table.a")), h.attr("to", h.ref("aws_dynamodb_table.b"))]),
      ],
      lines(
        "# Generated - do not edit.",
        "#",
        "# Source: tables.yaml",
        "",
        "terraform {",
        '  required_version = ">= 1.7"',
        '  backend "s3" {',
        '    bucket       = "state"',
        "    use_lockfile = true",
        "  }",
        "}",
        "",
        "# Forget the old table",
        "# without deleting it.",
        "removed {",
        "  from = aws_dynamodb_table.old",
        "  lifecycle {",
        "    destroy = false",
        "  }",
        "}",
        "",
        "import {",
        "  to = aws_dynamodb_table.orders",
        '  id = "orders"',
        "}",
        "",
        "moved {",
        "  from = aws_dynamodb_table.a",
        "  to   = aws_dynamodb_table.b",
        "}",
      ),
      {
        terraform: [{ required_version: ">= 1.7", backend: { s3: [{ bucket: "state", use_lockfile: true }] } }],
        removed: [{ from: "${aws_dynamodb_table.old}", lifecycle: [{ destroy: false }] }],
        import: [{ to: "${aws_dynamodb_table.orders}", id: "orders" }],
        moved: [{ from: "${aws_dynamodb_table.a}", to: "${aws_dynamodb_table.b}" }],
      },
      { header: "Generated - do not edit.\n\nSource: tables.yaml" },
    );
  });

  it("labels are always quoted and escaped; numbers, bools, null, index/splat references", async () => {
    await assertPrintsAndParses(
      [h.block("resource", ["t", 'we"ird ${label}'], [
        h.attr("n", h.list(0, -1.5, 1e21, h.num("12345678901234567890"), true, false, null)),
        h.attr("r", h.list(h.ref("aws_x.y[*].arn"), h.traversal("var", "m", h.index("a b"), 0))),
      ])],
      lines(
        'resource "t" "we\\"ird $${label}" {',
        "  n = [0, -1.5, 1e+21, 12345678901234567890, true, false, null]",
        '  r = [aws_x.y[*].arn, var.m["a b"][0]]',
        "}",
      ),
      { resource: { t: { 'we"ird ${label}': [{
        n: [0, -1.5, 1e21, 12345678901234567890, true, false, null],
        r: ["${aws_x.y[*].arn}", '${var.m["a b"][0]}'],
      }] } } },
    );
  });
});
