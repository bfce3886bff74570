/**
 * `adopt --table` against a fake endpoint on 127.0.0.1 that answers like an attacker or a broken
 * emulator (issue 22 classes 1-4, 6 and 7), through the CLI's main. Table-driven: each case states the
 * endpoint's behaviour and what adopt must do. Every failing case must end with exit 2 and exactly one
 * `error:` message, within its deadline (`--timeout 1` where the endpoint hangs); the mocha timeout is
 * only the backstop. Servers are closed after each case, sockets included.
 */
import { strict as assert } from "assert";
import { main } from "../../../cli/main";
import { captureIo } from "../../local/helpers";
import { Answer, describedTable, FakeEndpoint, plainTable, startFakeEndpoint } from "./fake-endpoint";
import { evaluateProgram, programShape } from "../../project/adopt/program-shape";

const TABLE = "orders";
const ESC = "\u001b]0;owned\u0007\u001b[2J\u009b31m";
const NL = "\nprocess.exit(7);//\r\u2028\u2029*/";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1111";
const kmsTable = (tags: { TagKey: string; TagValue: string }[], keyId = "1111") => plainTable(TABLE, {
  DescribeTable: () => ({ body: { Table: describedTable(TABLE, { SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: KEY_ARN } }) } }),
  DescribeKey: () => ({ body: { KeyMetadata: { KeyId: keyId, Arn: KEY_ARN, KeyManager: "CUSTOMER", Description: "k" } } }),
  GetKeyPolicy: () => ({ body: { Policy: "{}", PolicyName: "default" } }),
  GetKeyRotationStatus: () => ({ body: { KeyRotationEnabled: false } }),
  ListResourceTags: () => ({ body: { Tags: tags, Truncated: false } }),
});

/** A table with a stream whose Lambda consumers are `mappings` (ListEventSourceMappings, EventSourceMappingConfiguration). */
const STREAM_ARN = `arn:aws:dynamodb:us-east-1:123456789012:table/${TABLE}/stream/2026-01-01T00:00:00.000`;
const UUID = "3f1c2b9e-7d4a-4e8b-9c21-5a6f0e7d8c90";
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:order-events";
/** A filter pattern whose string values would end a block comment and open a template if pasted raw. */
const PATTERN = JSON.stringify({ eventName: ["INSERT"], dynamodb: { NewImage: { note: { S: [{ prefix: "*/ ${process.exit(7)} %{" }] } } } });
const mapping = (extra: Record<string, unknown> = {}) => ({ UUID, EventSourceArn: STREAM_ARN, FunctionArn: FUNCTION, BatchSize: 100, StartingPosition: "LATEST",
  MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true, DestinationConfig: { OnFailure: {} }, FilterCriteria: { Filters: [{ Pattern: PATTERN }] }, State: "Enabled", ...extra });
const streamTable = (list: (input: Record<string, any>, calls: number) => Answer) => plainTable(TABLE, {
  DescribeTable: () => ({ body: { Table: describedTable(TABLE, { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" }, LatestStreamArn: STREAM_ARN }) } }),
  ListEventSourceMappings: list,
});
const programOf = (stdout: string) => stdout.split("(pulumi up) ==\n\n")[1].split("\n== 2.")[0];

interface Case {
  name: string;
  klass: number;
  handler: ReturnType<typeof plainTable>;
  flags?: string[];
  /** Exit 2 with this message; absent: exit 0. */
  error?: RegExp;
  /** Checks of a successful run's stdout. */
  out?: (stdout: string) => void;
}

const noRawControls = (text: string) => assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/, "no raw control character or line separator is printed");

const CASES: Case[] = [
  { name: "DescribeTable never answers", klass: 3, handler: plainTable(TABLE, { DescribeTable: () => "hang" }), flags: ["--timeout", "1"],
    error: /DescribeTable: got no complete answer within 1 s/ },
  { name: "DescribeTimeToLive never answers", klass: 3, handler: plainTable(TABLE, { DescribeTimeToLive: () => "hang" }), flags: ["--timeout", "1"],
    error: /got no complete answer within 1 s/ },
  { name: "ListTagsOfResource repeats its NextToken", klass: 3, handler: plainTable(TABLE, { ListTagsOfResource: () => ({ body: { Tags: [{ Key: "a", Value: "b" }], NextToken: "same" } }) }),
    error: /ListTagsOfResource: returned a pagination token it had already returned/ },
  { name: "DescribeScalableTargets pages forever with new tokens", klass: 3,
    handler: plainTable(TABLE, { DescribeScalableTargets: (_i, calls) => ({ body: { ScalableTargets: [], NextToken: `t${calls}` } }) }),
    error: /DescribeScalableTargets: did not end within 200 pages/ },
  { name: "DescribeTable answers {}", klass: 4, handler: plainTable(TABLE, { DescribeTable: () => ({ body: {} }) }), error: /DescribeTable Table: is missing from the answer/ },
  { name: "KeySchema is a string", klass: 4, handler: plainTable(TABLE, { DescribeTable: () => ({ body: { Table: describedTable(TABLE, { KeySchema: "id" }) } }) }),
    error: /DescribeTable Table\.KeySchema: is not what DescribeTable returns \(expected an array\) \(got a string\)/ },
  { name: "a key attribute without a definition", klass: 4,
    handler: plainTable(TABLE, { DescribeTable: () => ({ body: { Table: describedTable(TABLE, { AttributeDefinitions: [] }) } }) }),
    error: /Table\.KeySchema: is not what DescribeTable returns \(expected key attributes named in AttributeDefinitions\)/ },
  { name: "a tag value that is a number", klass: 4, handler: plainTable(TABLE, { ListTagsOfResource: () => ({ body: { Tags: [{ Key: "a", Value: 5 }] } }) }),
    error: /ListTagsOfResource tags\[0\]\.Value: .*expected a string.*\(got a number\)/ },
  { name: "an unknown billing mode", klass: 4,
    handler: plainTable(TABLE, { DescribeTable: () => ({ body: { Table: describedTable(TABLE, { BillingModeSummary: { BillingMode: "FREE" } }) } }) }),
    error: /Table\.BillingModeSummary\.BillingMode: .*one of PAY_PER_REQUEST, PROVISIONED\) \(got another string\)/ },
  { name: "DescribeTable names another table", klass: 7, handler: plainTable(TABLE, { DescribeTable: () => ({ body: { Table: describedTable("other-table") } }) }),
    error: /Table\.TableName: names a different table than --table orders/ },
  { name: "DescribeTable names another table with terminal escapes in it", klass: 6,
    handler: plainTable(TABLE, { DescribeTable: () => ({ body: { Table: describedTable(`${TABLE}${ESC}`) } }) }), error: /names a different table/ },
  { name: "error messages and names carry terminal escapes", klass: 6,
    handler: plainTable(TABLE, {
      DescribeTimeToLive: () => ({ error: "AccessDeniedException", message: `no ${ESC}` }),
      ListTagsOfResource: () => ({ body: { Tags: [{ Key: `k${ESC}`, Value: `v${ESC}` }] } }),
    }),
    out: (stdout) => noRawControls(stdout) },
  { name: "error messages, a StreamArn, a scaling dimension and policy name carry code after line terminators", klass: 1,
    handler: plainTable(TABLE, {
      DescribeContinuousBackups: () => ({ error: "AccessDeniedException", message: `denied${NL}` }),
      DescribeTimeToLive: () => ({ error: "ValidationException", message: `bad${NL}` }),
      ListTagsOfResource: () => ({ error: "AccessDeniedException", message: `tags${NL}` }),
      DescribeKinesisStreamingDestination: () => ({ body: { KinesisDataStreamDestinations: [{ StreamArn: `arn${NL}`, DestinationStatus: "ACTIVE" }, { StreamArn: `arn2${NL}`, DestinationStatus: "ACTIVE" }] } }),
      DescribeScalableTargets: () => ({ body: { ScalableTargets: [{ ServiceNamespace: "dynamodb", ResourceId: `table/${TABLE}`, ScalableDimension: `dim${NL}`, MinCapacity: 1, MaxCapacity: 2 }] } }),
    }),
    out: (stdout) => {
      const program = stdout.split("== 1. Pulumi program: imports with no diff (pulumi up) ==\n\n")[1].split("\n== 2.")[0];
      const shape = programShape(program);
      assert.deepEqual([shape.diagnostics, shape.statements, shape.called], [[], ["import", "new DynamoTable"], []], program);
      noRawControls(stdout);
    } },
  { name: "a KMS KeyId carries code after a line terminator", klass: 1, handler: kmsTable([], `1111${NL}`),
    out: (stdout) => {
      const program = stdout.split("(pulumi up) ==\n\n")[1].split("\n== 2.")[0];
      assert.deepEqual(programShape(program).statements, ["import", "import", "new kms.Key", "new DynamoTable"], program);
    } },
  { name: "a KMS key tag named __proto__", klass: 2, handler: kmsTable([{ TagKey: "__proto__", TagValue: "p" }, { TagKey: "team", TagValue: "t" }]),
    out: (stdout) => {
      assert.match(stdout, /tags: \{ \["__proto__"\]: "p", team: "t" \}/, "the computed key defines a property instead of setting the prototype");
      assert.match(stdout, /ignoreChanges: \["tags"\]/, "the Pulumi SDK drops __proto__, so the key's tags are imported as they are");
    } },
  { name: "ListEventSourceMappings never answers", klass: 3, handler: streamTable(() => "hang"), flags: ["--timeout", "1"],
    error: /got no complete answer within 1 s/ },
  { name: "ListEventSourceMappings repeats its NextMarker", klass: 3, handler: streamTable(() => ({ body: { EventSourceMappings: [], NextMarker: "same" } })),
    error: /lambda:ListEventSourceMappings: returned a pagination token it had already returned/ },
  { name: "ListEventSourceMappings pages forever with new markers", klass: 3, handler: streamTable((_i, calls) => ({ body: { EventSourceMappings: [], NextMarker: `m${calls}` } })),
    error: /lambda:ListEventSourceMappings: did not end within 200 pages/ },
  { name: "a mapping's FilterCriteria.Filters is a string", klass: 4,
    handler: streamTable(() => ({ body: { EventSourceMappings: [mapping({ FilterCriteria: { Filters: PATTERN } })] } })),
    error: /lambda:ListEventSourceMappings eventSourceMappings\[0\]\.FilterCriteria\.Filters: .*expected an array.*\(got a string\)/ },
  { name: "the stream's consumer, asked by the stream's ARN, with a filter pattern holding */ and ${", klass: 1,
    handler: streamTable((input) => ({ body: { EventSourceMappings: input.EventSourceArn === STREAM_ARN ? [mapping()] : [] } })),
    out: (stdout) => {
      const program = programOf(stdout);
      assert.deepEqual(programShape(program).statements, ["import", "new DynamoTable"], program);
      const [table] = evaluateProgram(program);
      assert.deepEqual((table.args as any).streamConsumer, { functionArn: FUNCTION, batchSize: 100, startingPosition: "LATEST", maximumRetryAttempts: 3,
        bisectBatchOnFunctionError: true, filters: [PATTERN], importUuid: UUID });
      assert.match(stdout, new RegExp(`import \\{\\n  to = aws_lambda_event_source_mapping\\.orders\\n  id = "${UUID}"\\n\\}`), "the Terraform import block of the mapping");
    } },
  { name: "mappings whose function ARNs carry code after line terminators", klass: 1,
    handler: streamTable(() => ({ body: { EventSourceMappings: [mapping({ FunctionArn: `${FUNCTION}${NL}` })] } })),
    out: (stdout) => {
      const program = programOf(stdout);
      assert.deepEqual(programShape(program).statements, ["import", "new DynamoTable"], program);
      assert.equal((evaluateProgram(program)[0].args as any).streamConsumer, undefined, "a function ARN the blueprint refuses is not declared");
      assert.match(program, new RegExp(`// not adopted: event source mapping ${UUID} -> `), "it is listed by its UUID");
      assert.doesNotMatch(stdout, /aws_lambda_event_source_mapping/);
      noRawControls(stdout);
    } },
  { name: "two consumers on the stream, one function ARN with U+2028", klass: 1,
    handler: streamTable(() => ({ body: { EventSourceMappings: [mapping(), mapping({ UUID: "0b7c6d5e-1f2a-4b3c-8d4e-9f0a1b2c3d4e", FunctionArn: `${FUNCTION}\u2028process.exit(7)` })] } })),
    out: (stdout) => {
      const program = programOf(stdout);
      assert.deepEqual(programShape(program).statements, ["import", "new DynamoTable"], program);
      assert.equal((evaluateProgram(program)[0].args as any).streamConsumer, undefined, "the blueprint declares one consumer: none is chosen");
      for (const id of [UUID, "0b7c6d5e-1f2a-4b3c-8d4e-9f0a1b2c3d4e"]) assert.match(program, new RegExp(`// not adopted: event source mapping ${id} -> `));
      noRawControls(stdout);
    } },
];

async function adopt(endpoint: FakeEndpoint, flags: string[] = []) {
  const io = captureIo();
  const started = Date.now();
  const code = await main(["adopt", "--table", TABLE, "--endpoint", endpoint.url, ...flags], io);
  return { code, io, seconds: (Date.now() - started) / 1000 };
}

describe("adopt --table: hostile endpoints (issue 22)", function () {
  this.timeout(20_000);
  let endpoint: FakeEndpoint | undefined;
  afterEach(async () => { await endpoint?.close(); endpoint = undefined; });

  for (const c of CASES) {
    it(`class ${c.klass}: ${c.name}`, async () => {
      endpoint = await startFakeEndpoint(c.handler);
      const { code, io, seconds } = await adopt(endpoint, c.flags);
      if (c.error) {
        assert.equal(code, 2, io.stdout() + io.stderr());
        assert.match(io.stderr(), c.error);
        assert.equal(io.stderr().match(/^error: /gm)?.length, 1, "one message");
        assert.equal(io.stdout(), "");
        noRawControls(io.stderr().replace(/\n/g, ""));
        if (c.flags?.includes("--timeout")) assert.ok(seconds < 5, `ended within its deadline (took ${seconds} s)`);
      } else {
        assert.equal(code, 0, io.stderr());
        c.out!(io.stdout());
      }
    });
  }

  it("the cases cover every class this file claims", () => {
    assert.deepEqual([...new Set(CASES.map((c) => c.klass))].sort(), [1, 2, 3, 4, 6, 7]);
  });
});

export type { Answer };
