/**
 * Property (issue 22 class 1): whatever strings the endpoint or a state file holds, the program adopt
 * writes keeps its meaning. Hostile text (line terminators ending a `//` comment, `*\/`, quotes,
 * template syntax, terminal escapes, `__proto__`) is placed everywhere outside text reaches the output:
 * error messages of calls that failed, a Kinesis StreamArn, scaling dimensions and policy names, the KMS
 * KeyId, description, policy and tags; in a state file the `module`, resource `name`, `index_key`, and
 * the KMS `key_id` and tags; the stream consumer's function ARN and filter pattern, live and in a state
 * file (an ARN the blueprint refuses is listed, not declared). The TypeScript output is parsed with the compiler API and must have exactly
 * the expected statements and `new` expressions (no call at all), and running it must pass each
 * constructor the adoption's values exactly. The HCL output is parsed by HashiCorp's parser and must
 * hold the key's hostile values exactly (NFC, which HCL applies to strings).
 *
 * ADOPT_FUZZ_RUNS runs (default 30 in `npm test`, 300 under FUZZ=full; tests/helpers/fuzz.ts).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { adoptLive, LiveResponses } from "../../../project/adopt/from-live";
import { adoptState, parseStateFile } from "../../../project/adopt/from-tfstate";
import { renderProgram } from "../../../project/adopt/render-ts";
import { known, unknown, Adoption } from "../../../project/adopt/types";
import { adoptionTerraform } from "../../../cli/adopt/terraform";
import { BlueprintValidationError } from "../../../model/errors";
import { parseHcl, unescapeJsonString } from "../../hcl/tools";
import { fuzzRuns } from "../../helpers/fuzz";
import { paymentsResponses } from "../../cli/adopt/fixtures/live-responses";
import { evaluateProgram, programShape } from "./program-shape";

const RUNS = fuzzRuns("ADOPT_FUZZ_RUNS", { quick: 30, full: 300 });
const PAYLOADS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "*/", "/*", "//", "\";", "'", "`", "${", "%{", "});process.exit(3);//", "\u001b[2J", "\u009b31m",
  "\u202e", "\u0000", "__proto__", "\\", "\\u2028", "#", "}\nresource \"x\" \"y\" {}\n"];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: "binary", maxLength: 5 })), { minLength: 1, maxLength: 5 })
  .map((parts) => (parts.join("") as string & { toWellFormed(): string }).toWellFormed());

/** A table whose every outside-text member carries a hostile string. */
function hostileLive(h: string[]): LiveResponses {
  const r = paymentsResponses();
  const at = (i: number) => h[i % h.length];
  r.continuousBackups = unknown(`DescribeContinuousBackups failed: AccessDeniedException: ${at(0)}`);
  r.timeToLive = unknown(`DescribeTimeToLive failed: ${at(1)}`);
  r.tags = unknown(`ListTagsOfResource failed: ${at(2)}`);
  // Two active destinations: more than the blueprint expresses, so both ARNs reach the program's comments.
  r.kinesisDestinations = known([{ StreamArn: at(3), DestinationStatus: "ACTIVE" }, { StreamArn: at(4), DestinationStatus: "ENABLING" }]);
  if (r.scalableTargets.known) r.scalableTargets.value.push({ ServiceNamespace: "dynamodb", ResourceId: "table/payments", ScalableDimension: at(4), MinCapacity: 1, MaxCapacity: 2 });
  if (r.scalingPolicies.known) {
    r.scalingPolicies.value.push({ PolicyName: at(5), ServiceNamespace: "dynamodb", ResourceId: "table/payments", ScalableDimension: "dynamodb:table:WriteCapacityUnits", PolicyType: "StepScaling" });
  }
  r.kmsKey = known({ KeyId: at(6), Arn: "arn", KeyManager: "CUSTOMER", Description: at(7) });
  r.kmsKeyDetails = known({ Policy: at(8), KeyRotationEnabled: false, Tags: [{ TagKey: at(9), TagValue: at(10) }, { TagKey: "__proto__", TagValue: at(11) }] });
  // The stream's consumer: a hostile pattern value (declared), and a function ARN that is declared when the
  // blueprint accepts it and listed by UUID when it does not (a line terminator in it).
  r.table.LatestStreamArn = STREAM_ARN.replace("/orders/", "/payments/");
  r.eventSourceMappings = known([{ UUID, EventSourceArn: r.table.LatestStreamArn, FunctionArn: `${FUNCTION}${at(12)}`, BatchSize: 10, StartingPosition: "LATEST",
    FilterCriteria: { Filters: [{ Pattern: patternWith(at(13)) }] } }]);
  return r;
}

const STREAM_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000";
const UUID = "3f1c2b9e-7d4a-4e8b-9c21-5a6f0e7d8c90";
// In the adopted table's Region (eu-west-1, the live fixture's): a mapping reads a stream in its own Region, with a function there.
const FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:consume";
/** A valid filter pattern carrying `text` as a value (the rule syntax allows any string after `prefix`). */
const patternWith = (text: string) => JSON.stringify({ eventName: ["INSERT"], dynamodb: { NewImage: { note: { S: [{ prefix: text }] } } } });

const STATE = JSON.parse(fs.readFileSync(path.join(__dirname, "../../cli/adopt/fixtures/article.tfstate"), "utf8"));

/** The article's state with hostile module, resource name, index_key, KMS key_id and key tags, and a stream
 * consumer with a hostile function ARN suffix and filter pattern value. */
function hostileState(h: string[]): string {
  const state = structuredClone(STATE);
  const at = (i: number) => h[i % h.length];
  const orders = state.resources.find((r: any) => r.type === "aws_dynamodb_table" && r.name === "orders");
  orders.module = at(0);
  orders.name = at(1);
  orders.instances[0].index_key = at(2);
  const key = state.resources.find((r: any) => r.type === "aws_kms_key");
  key.instances[0].attributes.key_id = at(3);
  key.instances[0].attributes.description = at(4);
  key.instances[0].attributes.tags = Object.fromEntries([[at(5), at(6)], ["__proto__", at(7)]]);
  Object.assign(orders.instances[0].attributes, { stream_enabled: true, stream_view_type: "NEW_AND_OLD_IMAGES", stream_arn: STREAM_ARN });
  state.resources.push({ mode: "managed", type: "aws_lambda_event_source_mapping", name: "consumer", instances: [{ schema_version: 0, attributes: {
    uuid: UUID, id: UUID, event_source_arn: STREAM_ARN, function_name: "consume", function_arn: `${FUNCTION}${at(8)}`, batch_size: 10, starting_position: "LATEST",
    maximum_retry_attempts: 3, bisect_batch_on_function_error: true, destination_config: [], filter_criteria: [{ filter: [{ pattern: patternWith(at(4)) }] }],
  } }] });
  return JSON.stringify(state);
}

/** What the program must construct for these adoptions, in order (the key before its table). */
function expectedConstructions(adoptions: Adoption[]) {
  return adoptions.flatMap((a) => [
    ...(a.kmsKey ? [{ type: "kms.Key", name: a.kmsKey.name, args: a.kmsKey.args,
      options: { import: a.kmsKey.keyId, protect: true, retainOnDelete: true, ...(a.kmsKey.ignoreChanges ? { ignoreChanges: a.kmsKey.ignoreChanges } : {}) } }] : []),
    { type: a.declaration.kind, name: a.declaration.name, args: { ...a.declaration.args, ...(a.kmsKey ? { kmsKeyArn: `arn-of:${a.kmsKey.name}` } : {}) } },
  ]);
}

function assertProgramMeans(adoptions: Adoption[]): void {
  const program = renderProgram(adoptions);
  const shape = programShape(program);
  assert.deepEqual(shape.diagnostics, [], program);
  const expected = expectedConstructions(adoptions);
  const imports = program.includes("@pulumi/aws/kms") ? 2 : 1;
  assert.deepEqual(shape.statements, [...Array(imports).fill("import"), ...expected.map((e) => `new ${e.type}`)], program);
  assert.deepEqual(shape.constructed, expected.map((e) => e.type), program);
  assert.deepEqual(shape.called, [], program);
  assert.deepStrictEqual(evaluateProgram(program), expected);
}

const nfc = (s: string) => s.normalize("NFC");

async function assertHclHoldsKey(adoptions: Adoption[]): Promise<void> {
  const files = await adoptionTerraform(adoptions, "us-east-1");
  for (const [file, text] of Object.entries(files)) await parseHcl(text).catch((e) => assert.fail(`${file} does not parse: ${e}\n${text}`));
  const keys = await parseHcl(files["adopted_kms_keys.tf"]);
  const keyAdoptions = adoptions.filter((a) => a.kmsKey);
  const bodies = Object.values(keys.resource.aws_kms_key as Record<string, any[]>).map((b) => b[0]);
  assert.equal(bodies.length, keyAdoptions.length);
  for (const [i, a] of keyAdoptions.entries()) {
    const tags = Object.fromEntries(Object.entries(bodies[i].tags).map(([k, v]) => [unescapeJsonString(k), unescapeJsonString(v as string)]));
    assert.deepStrictEqual(tags, Object.fromEntries(Object.entries(a.kmsKey!.args.tags as Record<string, string>).map(([k, v]) => [nfc(k), nfc(v)])));
    assert.equal(unescapeJsonString(bodies[i].description), nfc(a.kmsKey!.args.description as string));
  }
  // The stream consumer, when declared, holds the adopted patterns exactly and is imported by its UUID.
  const all = await parseHcl(Object.values(files).join("\n"));
  const mappings = Object.values((all.resource?.aws_lambda_event_source_mapping ?? {}) as Record<string, any[]>).map((b) => b[0]);
  const consumers = adoptions.map((a) => (a.declaration.args as { streamConsumer?: { filters?: string[]; importUuid?: string } }).streamConsumer).filter((c) => c !== undefined);
  assert.deepStrictEqual(mappings.map((m) => m.filter_criteria[0].filter.map((f: { pattern: string }) => unescapeJsonString(f.pattern))),
    consumers.map((c) => c!.filters!.map(nfc)));
  assert.deepStrictEqual((all.import as { to: string; id: string }[]).filter((b) => b.to.includes("aws_lambda_event_source_mapping")).map((b) => b.id),
    consumers.map((c) => c!.importUuid));
  const imports = Object.values(files).flatMap((t) => [...t.matchAll(/^import \{/gm)]).length;
  assert.ok(imports >= adoptions.length, "one import block per adopted resource at least");
}

describe("adopt property: hostile outside text never changes the generated program's meaning", function () {
  this.timeout(0);

  it(`live answers: ${RUNS} runs`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(hostile, { minLength: 14, maxLength: 14 }), async (h) => {
      let adoption: Adoption;
      try {
        adoption = adoptLive(hostileLive(h));
      } catch (error) {
        assert.ok(error instanceof BlueprintValidationError, String(error)); // a refusal by name is fine, a crash is not
        return;
      }
      assertProgramMeans([adoption]);
      await assertHclHoldsKey([adoption]);
    }), { numRuns: RUNS });
  });

  it(`state files: ${RUNS} runs`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(hostile, { minLength: 9, maxLength: 9 }), async (h) => {
      let adoptions: Adoption[];
      try {
        adoptions = adoptState("s.tfstate", parseStateFile("s.tfstate", hostileState(h))).adoptions;
      } catch (error) {
        assert.ok(error instanceof BlueprintValidationError, String(error));
        return;
      }
      assertProgramMeans(adoptions);
      await assertHclHoldsKey(adoptions);
    }), { numRuns: RUNS });
  });

  it("a fixed hostile sample is adopted (not refused), so the properties above are not vacuous", async () => {
    const h = ["a\nprocess.exit(1)//", "b\u2028c", "*/ d", "\u001b[2J", "e\rf", "g\u2029", "\"; h", "i`${j}`", "k", "l", "m", "n", "-x", "*/ ${process.exit(1)} %{"];
    const live = adoptLive(hostileLive(h));
    assert.deepEqual((live.declaration.args as any).streamConsumer?.filters, [patternWith(h[13])], "the hostile pattern is declared, as a literal");
    const refused = adoptLive(hostileLive(h.map((x, i) => (i === 12 ? "\u2028process.exit(1)" : x))));
    assert.equal((refused.declaration.args as any).streamConsumer, undefined);
    assert.ok(refused.notAdopted.some((n) => n.what.startsWith(`event source mapping ${UUID} -> `)), "a function ARN the blueprint refuses is listed by UUID");
    assertProgramMeans([refused]);
    assertProgramMeans([live]);
    await assertHclHoldsKey([live]);
    const fromState = adoptState("s.tfstate", parseStateFile("s.tfstate", hostileState(h))).adoptions;
    const stateConsumers = fromState.map((a) => (a.declaration.args as any).streamConsumer).filter(Boolean);
    assert.deepEqual(stateConsumers.map((c) => [c.functionArn, c.filters, c.importUuid]), [[`${FUNCTION}${h[8]}`, [patternWith(h[4])], UUID]], "the state's consumer is declared");
    assertProgramMeans(fromState);
    await assertHclHoldsKey(fromState);
  });
});
