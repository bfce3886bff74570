/**
 * Property: whatever users put in names and tags, the emitted HCL parses (HashiCorp's parser) to
 * exactly the values of the model, stays `terraform fmt`-clean, and gains no attribute, block or
 * tag that was not asked for. Complements tests/hcl/property.test.ts (the printer, 10,000 runs) by
 * going through toTerraform itself. Inputs the validator refuses (lone surrogates, non-NFC text,
 * the reserved `aws:` prefix) must be refused with a BlueprintValidationError, never half-emitted.
 *
 * EMIT_FUZZ_RUNS runs (default 100 in `npm test`, 1000 under FUZZ=full, i.e. `npm run test:fuzz` and
 * CI; see tests/helpers/fuzz.ts), each one table with fuzzed names and tags.
 */
import * as assert from "assert";
import fc from "fast-check";
import { formatHcl, parseHcl, unescapeJsonString } from "../hcl/tools";
import { toTerraform } from "../../terraform/to-terraform";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";
import { TableArgs } from "../../model/types";
import { fuzzRuns } from "../helpers/fuzz";

const RUNS = fuzzRuns("EMIT_FUZZ_RUNS", { quick: 100, full: 1000 });
const NASTY = ["${", "%{", "}", "\"", "\\", "\n", "\r\n", "\t", "$${", "%%{", "#", "//", "/*", "=", "{", "\u2028", "é", "e\u0301", "🙂", "\u0000"];
const nasty = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join(""));
const anyText = fc.oneof(nasty, fc.string({ unit: "grapheme", maxLength: 20 }));
// Mostly text the validator accepts (well-formed, NFC), so most runs reach the emitter; the rest
// exercises the refusals.
const acceptable = anyText.map((s) => (s as string & { toWellFormed(): string }).toWellFormed().normalize("NFC"));
const text = fc.oneof({ weight: 4, arbitrary: acceptable }, { weight: 1, arbitrary: anyText });
const tableName = fc.stringMatching(/^[a-zA-Z0-9_.-]{3,64}$/);

function unescape(value: unknown): unknown {
  if (typeof value === "string") return unescapeJsonString(value);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [unescapeJsonString(k), unescape(v)]));
  return value;
}

describe("terraform property: fuzzed names and tags survive toTerraform exactly", function () {
  this.timeout(0);

  it(`${RUNS} runs`, async () => {
    let emitted = 0;
    await fc.assert(fc.asyncProperty(
      tableName, tableName, fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), text,
      fc.dictionary(text.filter((k) => k.length > 0 && k.length <= 128), text, { maxKeys: 5 }),
      async (name, indexName, sortKey, partitionKey, tags) => {
        const args: TableArgs = {
          tableName: name,
          partitionKey: { name: partitionKey || "pk", type: "S" },
          sortKey: sortKey === (partitionKey || "pk") ? undefined : { name: sortKey, type: "N" },
          globalSecondaryIndexes: [{ name: indexName, partitionKey: { name: `${partitionKey}#gsi`, type: "S" } }],
          tags,
        };
        let blueprint;
        try {
          blueprint = dynamoTable("fuzzed", args);
        } catch (e) {
          assert.ok(e instanceof BlueprintValidationError, `unexpected ${e}`);
          return; // refused up front, with the reason: nothing emitted
        }
        const files = await toTerraform([blueprint], { layout: "flat" });
        const text = files["fuzzed.tf"];
        assert.strictEqual(await formatHcl(text), text, "fmt-clean");
        const table = (await parseHcl(text)).resource.aws_dynamodb_table.fuzzed[0];
        assert.deepStrictEqual(Object.keys(table).sort(), ["attribute", "billing_mode", "deletion_protection_enabled", "global_secondary_index",
          "hash_key", "name", "point_in_time_recovery", ...(args.sortKey ? ["range_key"] : []), "tags"].sort(), "no injected attribute or block");
        assert.strictEqual(unescape(table.name), name);
        assert.strictEqual(unescape(table.hash_key), args.partitionKey.name);
        if (args.sortKey) assert.strictEqual(unescape(table.range_key), args.sortKey.name);
        assert.deepStrictEqual(table.attribute.map((a: any) => unescape(a.name)).sort(), blueprint.table.attributes.map((a) => a.name).sort());
        assert.strictEqual(unescape(table.global_secondary_index[0].name), indexName);
        assert.deepStrictEqual(unescape(table.tags), Object.fromEntries(Object.entries(tags)), "tags round-trip exactly, no key added or lost");
        emitted++;
      },
    ), { numRuns: RUNS });
    assert.ok(emitted > RUNS / 4, `only ${emitted} of ${RUNS} runs produced HCL: the generator is too often invalid`);
  });
});
