/**
 * Lambda event filters on the stream consumer (model/stream-filters.ts): AWS's limits and rule syntax
 * refused before anything is registered (naming the table, the filter's index, the value and the fix),
 * the planned `filterCriteria`, the @pulumi/aws input it must fit, and `local`'s "not emulated" line.
 * Both layouts against Pulumi: tests/terraform/table-features-equivalence.test.ts; the provider schema:
 * tests/terraform/provider-schema.test.ts (the feature programs use STREAM_FILTERS).
 */
import * as assert from "assert";
import type * as lambda from "@pulumi/aws/lambda";
import { dynamoTable } from "../../../model/blueprints";
import { TableArgs } from "../../../model/types";
import { planTable } from "../../../model/plan-table";
import { notEmulated } from "../../../local/create-table-input";
import { STREAM_FILTERS, tableProblems } from "../../helpers/table-features";
import { assertMocksActive, runUnderMocks } from "../../helpers/pulumi-mocks";
import { DynamoTable } from "../../../components";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES" };
/** A consumer with these filters; typed as the args (invalid values are what several tests pass on purpose). */
const withFilters = (filters: unknown) => ({ streamConsumer: { functionArn: FUNCTION, filters: filters as string[] } });
const at = `DynamoTable "orders".streamConsumer.filters`;

describe("model: stream consumer filters (Lambda event filtering)", () => {
  it("accepts the documented rule forms: values, prefix/suffix, equals-ignore-case, anything-but, numeric ranges, exists, null and empty", () => {
    const patterns = [
      ...STREAM_FILTERS,
      JSON.stringify({ dynamodb: { Keys: { id: { S: [{ prefix: "order#" }, { suffix: "#v2" }] } } } }),
      JSON.stringify({ dynamodb: { NewImage: { email: { S: [{ "equals-ignore-case": "A@B.C" }] }, gone: [{ exists: false }] } } }),
      JSON.stringify({ dynamodb: { NewImage: { total: { N: [{ numeric: [">=", 10, "<", 100] }] }, note: { S: [null, ""] } } } }),
    ];
    assert.doesNotThrow(() => dynamoTable("orders", { ...base, ...withFilters(patterns.slice(0, 5)) }));
  });

  it("refuses more than 5 filters (Lambda's default quota per event source mapping)", () => {
    const six = Array.from({ length: 6 }, (_, i) => JSON.stringify({ eventName: [`E${i}`] }));
    assert.deepStrictEqual(tableProblems(base, withFilters(six)).map((p) => p.slice(0, 2)),
      [[at, "exceeds Lambda's 5 filters per event source mapping (the default quota)"]]);
  });

  it("refuses a pattern over 4096 characters (Filter.Pattern's maximum length)", () => {
    const ofLength = (n: number) => JSON.stringify({ eventName: ["x".repeat(n - '{"eventName":[""]}'.length)] });
    assert.strictEqual(ofLength(4097).length, 4097);
    assert.deepStrictEqual(tableProblems(base, withFilters([ofLength(4097)])).map((p) => p.slice(0, 2)),
      [[`${at}[0]`, "is 4097 characters; Lambda accepts at most 4096 per pattern"]]);
    assert.doesNotThrow(() => dynamoTable("orders", { ...base, ...withFilters([ofLength(4096)]) }));
  });

  it("names the filter index, what is wrong and the fix for text that is not a filter pattern", () => {
    const problems = tableProblems(base, withFilters([
      "{eventName: [INSERT]}", JSON.stringify({ eventName: "INSERT" }), JSON.stringify({ eventName: [] }),
      JSON.stringify({ eventName: [{ wildcard: "IN*" }] }), 42,
    ]));
    assert.deepStrictEqual(problems.map(([where, message]) => [where, message.replace(/\(.*\)$/, "(...)")]), [
      [`${at}[0]`, "is not JSON (...)"],
      [`${at}[1]`, `is not a Lambda filter pattern: property "eventName" must be a list of rules, e.g. ["INSERT"]`],
      [`${at}[2]`, `is not a Lambda filter pattern: property "eventName" has an empty list of rules (...)`],
      [`${at}[3]`, `is not a Lambda filter pattern: property "eventName": "wildcard" is not a Lambda filter operator (...)`],
      [`${at}[4]`, "must be a JSON string (...)"],
    ]);
    assert.ok(problems.every(([, , fix]) => fix.length > 0));
    assert.deepStrictEqual(tableProblems(base, withFilters([JSON.stringify({ a: [{ numeric: [">"] }] })]))[0].slice(0, 2),
      [`${at}[0]`, `is not a Lambda filter pattern: property "a": "numeric" takes [comparison, number] or [comparison, number, comparison, number] with comparisons = < <= > >=`]);
    assert.deepStrictEqual(tableProblems(base, withFilters([STREAM_FILTERS[0], JSON.stringify({ eventName: ["INSERT"] })]))[0].slice(0, 2),
      [`${at}[1]`, "repeats filters[0]"]);
    assert.deepStrictEqual(tableProblems(base, withFilters([])).map((p) => p[0]), [at]);
  });

  it("refuses text Terraform would read differently from Pulumi (not NFC, a mark after a supplementary character) and lone surrogates", () => {
    const problems = tableProblems(base, withFilters([
      JSON.stringify({ name: ["Jose\u0301"] }), JSON.stringify({ name: ["\u{100C2}\u0301"] }), '{"name":["\ud800"]}',
    ]));
    assert.deepStrictEqual(problems.map(([where, message]) => [where, message.split(":")[0]]), [
      [`${at}[0]`, "is not in Unicode normal form C"],
      [`${at}[1]`, "has a combining mark after a supplementary-plane character, which Terraform's HCL parser recomposes"],
      [`${at}[2]`, "contains a lone UTF-16 surrogate, which no file or API can carry"],
    ]);
    assert.match(problems[0][2], /JSON \\u escape/);
    // The fix works: the same value as a JSON escape is plain text both tools carry.
    assert.doesNotThrow(() => dynamoTable("orders", { ...base, ...withFilters(['{"name":["Jose\\u0301"]}']) }));
  });

  it("refuses a bad filter before any resource is registered", async () => {
    const run = await runUnderMocks(() => {
      assert.throws(() => new DynamoTable("orders", { ...base, ...withFilters(["not json"]) }), /streamConsumer\.filters\[0\]: is not JSON/);
    });
    assert.strictEqual(run.monitor, "MockMonitor"); // the mocks were in force, and saw nothing
    assert.deepStrictEqual([run.resources.length, run.newResourceCalls], [0, 0]);
  });

  it("plans filterCriteria.filters[].pattern, the @pulumi/aws input (provider: filter_criteria { filter { pattern } })", () => {
    const plan = planTable(dynamoTable("orders", { ...base, ...withFilters(STREAM_FILTERS) }).table);
    const mapping = plan.find((r) => r.type === "aws_lambda_event_source_mapping")!;
    // Compile-time check against @pulumi/aws's declared input type (tsc --noEmit covers tests).
    const criteria: lambda.EventSourceMappingArgs["filterCriteria"] = mapping.args.filterCriteria as { filters: { pattern: string }[] };
    assert.deepStrictEqual(criteria, { filters: STREAM_FILTERS.map((pattern) => ({ pattern })) });
    const none = planTable(dynamoTable("orders", { ...base, streamConsumer: { functionArn: FUNCTION } }).table);
    assert.strictEqual(none.find((r) => r.type === "aws_lambda_event_source_mapping")!.args.filterCriteria, undefined);
  });

  it("Pulumi registers filterCriteria on the mapping (a misspelled input would be dropped before the mocks)", async () => {
    const run = await runUnderMocks(() => new DynamoTable("orders", { ...base, ...withFilters(STREAM_FILTERS) }));
    assertMocksActive(run);
    const mapping = run.resources.find((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")!;
    assert.deepStrictEqual(mapping.inputs.filterCriteria, { filters: STREAM_FILTERS.map((pattern) => ({ pattern })) });
  });

  it("local lists the filters as not emulated (dynalite has no streams and no Lambda)", () => {
    const lines = notEmulated(dynamoTable("orders", { ...base, ...withFilters(STREAM_FILTERS) }).table);
    assert.ok(lines.includes("stream consumer filters (2 patterns): dynalite has no streams and no Lambda; no record is filtered or delivered locally"), lines.join("\n"));
    assert.ok(!notEmulated(dynamoTable("orders", base).table).some((l) => l.includes("filters")));
  });
});
