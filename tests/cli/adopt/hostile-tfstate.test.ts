/**
 * `adopt --from-tfstate` with hand-edited and hostile state files (issue 22 classes 1-6 and 8), through
 * the CLI's main. Table-driven: each case builds a file (or a FIFO, device link, oversized file) in a
 * temp directory and states what adopt must do. A failing case must exit 2 with exactly one `error:`
 * message, write nothing, print nothing on stdout, and never echo file contents (the cases plant a
 * secret and require it absent from every output).
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../../cli/main";
import { MAX_STATE_BYTES } from "../../../cli/adopt/read-state-file";
import { captureIo, removeDir, tempDir } from "../../local/helpers";
import { parseHcl, unescapeJsonString } from "../../hcl/tools";
import { evaluateProgram, programShape } from "../../project/adopt/program-shape";

const FIXTURE = path.join(__dirname, "fixtures", "article.tfstate");
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
type State = { resources: any[] } & Record<string, any>;
const fresh = (): State => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
const edit = (change: (s: State) => void) => () => { const s = fresh(); change(s); return JSON.stringify(s); };
const table = (s: State, name: string) => s.resources.find((r) => r.type === "aws_dynamodb_table" && r.name === name);
const NL = "\nprocess.exit(7);//\r\u2028\u2029*/";
const ESC = "\u001b]0;owned\u0007\u001b[2J\u009b31m";

interface Case {
  name: string;
  klass: number;
  /** Writes the state file at `file` (text, or a function that makes it some other way). */
  make: string | (() => string) | ((file: string) => void);
  flags?: (dir: string) => string[];
  error?: RegExp;
  out?: (stdout: string) => void | Promise<void>;
}

const noRawControls = (text: string) => assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
const programOf = (stdout: string) => stdout.split("(pulumi up) ==\n\n")[1].split("\n== 2.")[0];

const cleanStatements: string[] = [];

/** The orders table with a stream and one Lambda consumer (aws_lambda_event_source_mapping, provider schema names). */
const STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod/stream/2026-01-01T00:00:00.000";
const UUID = "3f1c2b9e-7d4a-4e8b-9c21-5a6f0e7d8c90";
const PATTERN = JSON.stringify({ dynamodb: { NewImage: { note: { S: [{ prefix: "*/ ${process.exit(7)} %{" }] } } } });
function withConsumer(s: State, attributes: Record<string, unknown> = {}): void {
  Object.assign(table(s, "orders").instances[0].attributes, { stream_enabled: true, stream_view_type: "NEW_IMAGE", stream_arn: STREAM_ARN });
  s.resources.push({ mode: "managed", type: "aws_lambda_event_source_mapping", name: "consumer", instances: [{ schema_version: 0, attributes: {
    uuid: UUID, id: UUID, event_source_arn: STREAM_ARN, function_name: "consume", function_arn: "arn:aws:lambda:us-east-1:123456789012:function:consume",
    batch_size: 100, starting_position: "LATEST", maximum_retry_attempts: 3, bisect_batch_on_function_error: true, destination_config: [],
    filter_criteria: [{ filter: [{ pattern: PATTERN }] }], password: SECRET, ...attributes,
  } }] });
}

const CASES: Case[] = [
  { name: "a FIFO", klass: 3, make: (file: string) => { execFileSync("mkfifo", [file]); }, error: /--from-tfstate: is a named pipe \(FIFO\), not a regular file/ },
  { name: "a symbolic link to /dev/zero", klass: 3, make: (file: string) => fs.symlinkSync("/dev/zero", file), error: /is a character device, not a regular file/ },
  { name: "a file over the size limit", klass: 3, make: (file: string) => { fs.writeFileSync(file, "{"); fs.truncateSync(file, MAX_STATE_BYTES + 1); },
    error: new RegExp(`is ${MAX_STATE_BYTES + 1} bytes, over the ${MAX_STATE_BYTES}-byte limit`) },
  { name: "a null instance", klass: 4, make: edit((s) => { table(s, "orders").instances = [null]; }),
    error: /resources\[3\]\.instances\[0\]: is not a state v4 resource member \(expected an object\) \(got null\)/ },
  { name: "null attributes", klass: 4, make: edit((s) => { table(s, "orders").instances[0].attributes = null; }),
    error: /resources\[3\]\.instances\[0\]\.attributes: is not a state v4 resource member \(expected an object \(required\)\) \(got null\)/ },
  { name: "point_in_time_recovery: \"yes\"", klass: 4, make: edit((s) => { table(s, "orders").instances[0].attributes.point_in_time_recovery = "yes"; }),
    error: /aws_dynamodb_table\.orders\.point_in_time_recovery: has the wrong type \(expected an array\); adopt refuses it rather than guess \(got a string\)/ },
  { name: "point_in_time_recovery enabled: \"true\"", klass: 4,
    make: edit((s) => { table(s, "orders").instances[0].attributes.point_in_time_recovery = [{ enabled: "true" }]; }),
    error: /point_in_time_recovery\[0\]\.enabled: has the wrong type \(expected true or false\)/ },
  { name: "a numeric hash_key", klass: 4, make: edit((s) => { table(s, "orders").instances[0].attributes.hash_key = 5; }), error: /orders\.hash_key: has the wrong type/ },
  { name: "a tag that is not a string", klass: 4, make: edit((s) => { table(s, "orders").instances[0].attributes.tags = { a: 1 }; }), error: /orders\.tags\["a"\]: has the wrong type/ },
  { name: "a scaling target with a string capacity", klass: 4,
    make: edit((s) => { s.resources.find((r) => r.type === "aws_appautoscaling_target").instances[0].attributes.max_capacity = "100"; }),
    error: /read_target\.max_capacity: has the wrong type \(expected a number\)/ },
  { name: "not JSON, holding a secret", klass: 5, make: `AWS_SECRET_ACCESS_KEY=${SECRET}\n`, error: /is not JSON, so not a Terraform state file \(its contents are not shown\)/ },
  { name: "a malformed resource holding a password", klass: 5,
    make: edit((s) => { s.resources.push({ type: "aws_db_instance", name: 5, instances: [{ attributes: { password: SECRET } }] }); }),
    error: /resources\[9\]\.name: is not a state v4 resource member \(expected a string\)/ },
  { name: "a wrong-typed attribute next to a secret", klass: 5,
    make: edit((s) => { Object.assign(table(s, "orders").instances[0].attributes, { stream_enabled: "no", password: SECRET }); }),
    error: /orders\.stream_enabled: has the wrong type/ },
  { name: "a stream consumer's filter_criteria that is a string", klass: 4, make: edit((s) => withConsumer(s, { filter_criteria: PATTERN })),
    error: /aws_lambda_event_source_mapping\.consumer\.filter_criteria: has the wrong type \(expected an array\)/ },
  { name: "a stream consumer's filter pattern that is a number", klass: 4, make: edit((s) => withConsumer(s, { filter_criteria: [{ filter: [{ pattern: 5 }] }] })),
    error: /consumer\.filter_criteria\[0\]\.filter\[0\]\.pattern: has the wrong type \(expected a string\)/ },
  { name: "a stream consumer's batch_size that is a string", klass: 4, make: edit((s) => withConsumer(s, { batch_size: "100" })),
    error: /consumer\.batch_size: has the wrong type \(expected a number\)/ },
  { name: "--import-file is the state file, with --force", klass: 8, make: edit(() => undefined), flags: () => ["--import-file", "./state.tfstate", "--force"],
    error: /--import-file: names a Terraform state file; adopt never writes one/ },
  { name: "--import-file is a copy of the state under another name, with --force", klass: 8, make: edit(() => undefined),
    flags: (dir) => { fs.copyFileSync(FIXTURE, path.join(dir, "backup.json")); return ["--import-file", "backup.json", "--force"]; },
    error: /--import-file: exists and is a Terraform state file; --force replaces only an import file adopt wrote before/ },
  { name: "--import-file is a file the tool did not create, with --force", klass: 8, make: edit(() => undefined),
    flags: (dir) => { fs.writeFileSync(path.join(dir, "notes.json"), JSON.stringify({ resources: [], mine: true })); return ["--import-file", "notes.json", "--force"]; },
    error: /exists and is not an import file adopt wrote/ },
  { name: "module, resource name, index_key and KMS key_id carry code after line terminators", klass: 1,
    make: edit((s) => {
      const orders = table(s, "orders");
      Object.assign(orders, { module: `module.a${NL}`, name: `orders${NL}` });
      orders.instances[0].index_key = `k${NL}`;
      s.resources.find((r) => r.type === "aws_kms_key").instances[0].attributes.key_id = `id${NL}`;
    }),
    out: (stdout) => {
      const shape = programShape(programOf(stdout));
      assert.deepEqual([shape.diagnostics, shape.called], [[], []]);
      assert.deepEqual(shape.statements, cleanStatements, "the same statements as the unmodified state's program");
    } },
  { name: "a stream consumer whose filter pattern holds */ and ${: declared as a literal, imported by its UUID", klass: 1,
    make: edit((s) => withConsumer(s)), flags: () => ["--json"],
    out: async (stdout) => {
      const json = JSON.parse(stdout);
      const shape = programShape(json.program);
      assert.deepEqual([shape.diagnostics, shape.called, shape.statements], [[], [], cleanStatements]);
      const orders = evaluateProgram(json.program).find((c) => (c.args as any).tableName === "orders-prod")!;
      assert.deepEqual((orders.args as any).streamConsumer.filters, [PATTERN]);
      assert.equal((orders.args as any).streamConsumer.importUuid, UUID);
      const hcl = await parseHcl(Object.values(json.terraform.files as Record<string, string>).join("\n"));
      const mapping = Object.values(hcl.resource.aws_lambda_event_source_mapping as Record<string, any[]>)[0][0];
      assert.deepEqual(mapping.filter_criteria[0].filter.map((f: { pattern: string }) => unescapeJsonString(f.pattern)), [PATTERN]);
      assert.deepEqual((hcl.import as { to: string; id: string }[]).filter((b) => b.to.includes("aws_lambda_event_source_mapping")).map((b) => b.id), [UUID]);
    } },
  { name: "two stream consumers, one function ARN carrying code after line terminators", klass: 1,
    make: edit((s) => {
      withConsumer(s);
      withConsumer(s, { uuid: "0b7c6d5e-1f2a-4b3c-8d4e-9f0a1b2c3d4e", function_arn: `arn:aws:lambda:us-east-1:123456789012:function:x${NL}` });
      s.resources[s.resources.length - 1].name = "consumer2";
    }),
    out: (stdout) => {
      const program = programOf(stdout);
      const shape = programShape(program);
      assert.deepEqual([shape.diagnostics, shape.called, shape.statements], [[], [], cleanStatements]);
      assert.equal(evaluateProgram(program).some((c) => (c.args as any).streamConsumer), false, "the blueprint declares one consumer: none is chosen");
      for (const id of [UUID, "0b7c6d5e-1f2a-4b3c-8d4e-9f0a1b2c3d4e"]) assert.match(program, new RegExp(`// not adopted: event source mapping ${id} -> `));
      noRawControls(stdout);
    } },
  { name: "a KMS key tag named __proto__", klass: 2,
    make: edit((s) => { s.resources.find((r) => r.type === "aws_kms_key").instances[0].attributes.tags = Object.fromEntries([["__proto__", "p"], ["team", "t"]]); }),
    flags: () => ["--json"],
    out: async (stdout) => {
      const json = JSON.parse(stdout);
      assert.match(json.program, /tags: \{ \["__proto__"\]: "p", team: "t" \}/);
      assert.match(json.program, /ignoreChanges: \["tags"\]/);
      const hcl = await parseHcl(json.terraform.files["adopted_kms_keys.tf"]);
      const body = Object.values(hcl.resource.aws_kms_key as Record<string, any[]>)[0][0];
      assert.deepEqual(Object.entries(body.tags).map(([k, v]) => [unescapeJsonString(k), v]), [["__proto__", "p"], ["team", "t"]], "Terraform declares the tag");
    } },
  { name: "a table tag named __proto__: refused by name (the Pulumi SDK would drop it), never lost silently", klass: 2,
    make: edit((s) => { table(s, "orders").instances[0].attributes.tags = Object.fromEntries([["__proto__", "p"]]); }),
    error: /aws_dynamodb_table "orders"\.tags\["__proto__"\]: cannot be passed through the Pulumi SDK/ },
  { name: "a resource adopt does not map, named with terminal escapes", klass: 6,
    make: edit((s) => { s.resources.push({ mode: "managed", type: "aws_sns_topic", name: `alerts${ESC}`, instances: [{ attributes: {} }] }); }),
    out: (stdout) => { noRawControls(stdout); assert.match(stdout, /aws_sns_topic\.alerts\ufffd/); } },
];

describe("adopt --from-tfstate: hostile state files (issue 22)", function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => { dir = tempDir("adopt-hostile"); });
  before(async () => {
    const clean = tempDir("adopt-clean");
    fs.copyFileSync(FIXTURE, path.join(clean, "article.tfstate"));
    const io = captureIo(clean);
    assert.equal(await main(["adopt", "--from-tfstate", "article.tfstate", "--json"], io), 0, io.stderr());
    removeDir(clean);
    cleanStatements.push(...programShape(JSON.parse(io.stdout()).program).statements);
    assert.ok(cleanStatements.filter((s) => s.startsWith("new ")).length >= 5);
  });
  afterEach(() => removeDir(dir));

  for (const c of CASES) {
    it(`class ${c.klass}: ${c.name}`, async () => {
      const file = path.join(dir, "state.tfstate");
      if (typeof c.make === "string") fs.writeFileSync(file, c.make);
      else {
        const text = (c.make as (f: string) => string | void)(file);
        if (typeof text === "string") fs.writeFileSync(file, text);
      }
      const flags = c.flags?.(dir) ?? [];
      const before = fs.readdirSync(dir).sort();
      const io = captureIo(dir);
      const code = await main(["adopt", "--from-tfstate", "state.tfstate", ...flags], io);
      assert.doesNotMatch(io.stdout() + io.stderr(), new RegExp(SECRET.slice(0, 8)), "file contents are never echoed");
      if (c.error) {
        assert.equal(code, 2, io.stdout() + io.stderr());
        assert.match(io.stderr(), c.error);
        assert.equal(io.stderr().match(/^error: /gm)?.length, 1, "one message");
        assert.equal(io.stdout(), "");
        noRawControls(io.stderr().replace(/\n/g, ""));
        assert.deepEqual(fs.readdirSync(dir).sort(), before, "nothing written or removed");
        if (fs.lstatSync(file).isFile() && typeof c.make !== "string") assert.ok(fs.readFileSync(file, "utf8").length > 0, "the state is untouched");
      } else {
        assert.equal(code, 0, io.stderr());
        await c.out!(io.stdout());
      }
    });
  }

  it("the cases cover every class this file claims", () => {
    assert.deepEqual([...new Set(CASES.map((c) => c.klass))].sort(), [1, 2, 3, 4, 5, 6, 8]);
  });
});
