/**
 * Hostile but valid Lambda filter patterns (model/stream-filters.ts) written to both layouts and read
 * back with HashiCorp's parser (@cdktf/hcl2json): each pattern must come back as exactly the string
 * Pulumi registers. Deep nesting, numbers beyond float precision, `${` / `%{` / `$${` (HCL template
 * syntax), raw newlines (JSON whitespace), escaped control characters, and Unicode (astral, line and
 * paragraph separators, bidi override, BOM). Text HCL would change is refused by the model instead
 * (tests/model/table-features/stream-filters.test.ts).
 */
import * as assert from "assert";
import { parseHcl, unescapeJsonString } from "../hcl/tools";
import { dynamoTable } from "../../model/blueprints";
import { toTerraform } from "../../terraform/to-terraform";

const deep = (levels: number) => {
  let node: unknown = { leaf: ["v"] };
  for (let i = 0; i < levels; i++) node = { a: node };
  return JSON.stringify(node);
};
const PATTERNS = [
  deep(600),
  '{"n":[123456789012345678901234567890, 1e308, -0.000000000000000000001]}',
  JSON.stringify({ t: ["${var.secret}", "$${x}", "%{ if true }y%{ endif }", "$", "%", "\\\\${"] }),
  '{\n  "eventName": [\r\n\t"INSERT"\n  ]\n}',
  JSON.stringify({ u: ["l1\nl2\r\t\u0000\u001f\u007f", "é😀", "\u2028\u2029", "\u202e\u200d\ufeff", "\\u0041\"", "e\\u0301"] }),
];

describe("stream consumer filters: hostile patterns round-trip through both HCL layouts", () => {
  for (const layout of ["flat", "module"] as const) {
    it(`${layout}: every pattern reads back exactly as given`, async () => {
      assert.ok(PATTERNS[0].length <= 4096 && PATTERNS[0].length > 3000, "the nesting is as deep as the length limit allows");
      const table = dynamoTable("hostile", {
        tableName: "hostile", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
        streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", filters: PATTERNS },
      });
      const files = await toTerraform([table], { layout });
      const read: string[] = [];
      for (const text of Object.values(files)) {
        for (const bodies of Object.values<any[]>((await parseHcl(text)).resource?.aws_lambda_event_source_mapping ?? {})) {
          for (const filter of bodies[0].filter_criteria[0].filter) read.push(unescapeJsonString(filter.pattern));
        }
      }
      assert.strictEqual(read.length, PATTERNS.length);
      read.forEach((pattern, i) => assert.strictEqual(pattern, PATTERNS[i], `pattern ${i}`));
    });
  }
});
