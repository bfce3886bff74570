import { strict as assert } from "assert";
import * as h from "../../hcl";
import { check, lines } from "./tools";

// Layout rules of the printer, each checked against hclwrite.Format and the HCL parser.
describe("hcl/print: layout", () => {
  it("aligns `=` over runs; blank lines, comments, blocks and multi-line values end a run", async () => {
    await check(
      [
        h.block("locals", [], [
          h.attr("a", 1), h.attr("bbb", 2), h.blank(), h.attr("cc", 3), h.comment("note"), h.attr("dddd", 4),
          h.attr("e", 5), h.attr("ffffff", h.obj({ x: 1 })), h.attr("g", 6), h.block("inner", [], []), h.attr("hh", 7),
        ]),
      ],
      lines(
        "locals {",
        "  a   = 1",
        "  bbb = 2",
        "",
        "  cc = 3",
        "  # note",
        "  dddd = 4",
        "  e    = 5",
        "  ffffff = {",
        "    x = 1",
        "  }",
        "  g = 6",
        "  inner {",
        "  }",
        "  hh = 7",
        "}",
      ),
      { locals: [{ a: 1, bbb: 2, cc: 3, dddd: 4, e: 5, ffffff: { x: 1 }, g: 6, hh: 7, inner: [{}] }] },
    );
  });

  it("quotes object keys that are not plain identifiers; aligns by grapheme clusters", async () => {
    const tags = h.obj({
      Name: "orders", "aws:createdBy": "me", "Cost.Center": "42", "a b": "", for: "f", null: "n",
      "中文": "wide", "e\u0301": "decomposed", "${x}": "k", "snake-case_ok": true,
    });
    const more = h.obj({ "👩‍💻": 1, "क्ष": 2, "Größe": 3 });
    await check(
      [h.block("resource", ["aws_dynamodb_table", "t"], [h.attr("tags", tags), h.attr("more", more)])],
      lines(
        'resource "aws_dynamodb_table" "t" {',
        "  tags = {",
        '    Name            = "orders"',
        '    "aws:createdBy" = "me"',
        '    "Cost.Center"   = "42"',
        '    "a b"           = ""',
        '    "for"           = "f"',
        '    "null"          = "n"',
        '    "中文"            = "wide"',
        '    "e\\u0301"       = "decomposed"', // keys escape combining marks (see quoteKey)
        '    "$${x}"         = "k"',
        "    snake-case_ok   = true",
        "  }",
        // Emoji, ZWJ and Devanagari are escaped in keys (hclwrite's Unicode 15 grapheme rules
        // and Node's differ on them); Latin-1 letters stay.
        "  more = {",
        '    "\\U0001f469\\u200d\\U0001f4bb" = 1',
        '    "\\u0915\\u094d\\u0937"         = 2',
        '    "Größe"                      = 3',
        "  }",
        "}",
      ),
      {
        resource: { aws_dynamodb_table: { t: [{ tags: {
          Name: "orders", "aws:createdBy": "me", "Cost.Center": "42", "a b": "", for: "f", null: "n",
          "中文": "wide", "\u00e9": "decomposed", "$${x}": "k", "snake-case_ok": true,
        }, more: { "👩‍💻": 1, "क्ष": 2, "Größe": 3 } }] } }, // hcl2json escapes `${` in object keys too (but not in block labels)
      },
    );
  });

  it("jsonencode objects, lists of objects, long lists and calls with several multi-line args", async () => {
    const long = Array.from({ length: 8 }, (_, i) => `dynamodb:Action${i}`);
    await check(
      [h.block("locals", [], [
        h.attr("policy", h.call("jsonencode", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: long }] })),
        h.attr("merged", h.call("merge", h.ref("var.tags"), { Name: "x" })),
        h.attr("two", h.call("merge", { a: 1 }, { b: 2 })),
        h.attr("empty", h.list()),
        h.attr("none", h.obj({})),
      ])],
      lines(
        "locals {",
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect = "Allow"',
        "        Action = [",
        ...long.map((a) => `          "${a}",`),
        "        ]",
        "      },",
        "    ]",
        "  })",
        "  merged = merge(var.tags, {",
        '    Name = "x"',
        "  })",
        "  two = merge(",
        "    {",
        "      a = 1",
        "    },",
        "    {",
        "      b = 2",
        "    },",
        "  )",
        "  empty = []",
        "  none  = {}",
        "}",
      ),
      { locals: [{
        policy: "${jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\n      {\n        Effect = \"Allow\"\n        Action = [\n" +
          long.map((a) => `          "${a}",\n`).join("") + "        ]\n      },\n    ]\n  })}",
        merged: '${merge(var.tags, {\n    Name = "x"\n  })}',
        two: "${merge(\n    {\n      a = 1\n    },\n    {\n      b = 2\n    },\n  )}",
        empty: [], none: {},
      }] },
    );
  });

  it("comments cannot break out: every line break starts a new `#` line", async () => {
    await check(
      [h.comment("a\nb = 1\r\nc\rd\u2028e */ ${x} \u0000\ttab  "), h.attr("x", 1)],
      lines("# a", "# b = 1", "# c", "# d", "# e */ ${x} \ufffd\ttab", "x = 1"),
      { x: 1 },
    );
  });

  it("empty input prints an empty file; invalid trees are rejected, not printed", () => {
    assert.equal(h.printFile([]), "");
    assert.throws(() => h.printFile([h.attr("a", 1), h.attr("a", 2)]), /duplicate attribute/);
    assert.throws(() => h.printFile([h.attr("t", h.obj({ "\u00e9": 1, "e\u0301": 2 }))]), /duplicate object key/);
    assert.throws(() => h.attr("a.b", 1), /not a valid identifier/);
    assert.throws(() => h.block("resource x", [], []), /not a valid identifier/);
    assert.throws(() => h.ref("var..x"), /bad reference/);
    assert.throws(() => h.num(NaN), /no literal/);
    assert.throws(() => h.printExpr(h.binary(h.obj([h.comment("c")]), "==", 1)), /comments/);
  });
});
