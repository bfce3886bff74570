/**
 * The invalid inputs, as data: each row is one distinct mistake and what its error must say (place,
 * bad value, fix). Expected texts are written from the rules (model/validate.ts, docs/sources.md), not
 * captured from a run. invalid-inputs.test.ts runs every row and also checks nothing was registered
 * or written.
 */
import { referenceProgramFile } from "../cli/run-cli";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { DynamoTable, OrdersTable, ProductionTable, StateLockTable, TerraformStateBackend } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { Expect, DEV, ROOT } from "./helpers";

const id = { name: "id", type: "S" as const };
const loose = (args: unknown) => args as never; // deliberately ill-typed input, as JavaScript or YAML-fed callers send it

/** Component args, run through the real components under Pulumi mocks. */
export const componentRows: { row: string; create: () => unknown; expect: Expect }[] = [
  { row: "attributes block (troubleshooting: ValidationException on attributes)", create: () => new DynamoTable("bad", loose({ partitionKey: id, attributes: [id, { name: "email", type: "S" }] })),
    expect: { where: 'DynamoTable "bad".attributes', value: '"attributes"', fix: /derived from partitionKey, sortKey and the index keys/ } },
  { row: "Terraform's hashKey", create: () => new DynamoTable("bad", loose({ hashKey: "id", partitionKey: id })),
    expect: { where: 'DynamoTable "bad".hashKey', value: '"hashKey"', fix: /use partitionKey/ } },
  { row: "key type spelled out", create: () => new DynamoTable("bad", loose({ partitionKey: { name: "id", type: "STRING" } })),
    expect: { where: 'DynamoTable "bad".partitionKey.type', value: '"STRING"', fix: /"S", "N", "B"/ } },
  { row: "no partition key", create: () => new DynamoTable("bad", loose({ tableName: "bad-table" })),
    expect: { where: 'DynamoTable "bad".partitionKey', value: "nothing (undefined)", fix: /name: "id", type: "S"/ } },
  { row: "billing mode ON_DEMAND", create: () => new DynamoTable("bad", loose({ partitionKey: id, billingMode: "ON_DEMAND" })),
    expect: { where: 'DynamoTable "bad".billingMode', value: '"ON_DEMAND"', fix: /PAY_PER_REQUEST/ } },
  { row: "provisioned without capacity", create: () => new DynamoTable("bad", { partitionKey: id, billingMode: "PROVISIONED", writeCapacity: 5 }),
    expect: { where: 'DynamoTable "bad".readCapacity', value: "nothing (undefined)", fix: /set readCapacity/ } },
  { row: "LSI on a table without sort key", create: () => new DynamoTable("bad", { partitionKey: id, localSecondaryIndexes: [{ name: "byDate", sortKey: { name: "date", type: "S" } }] }),
    expect: { where: 'DynamoTable "bad".localSecondaryIndexes', value: '["byDate"]', fix: /add a sortKey/ } },
  { row: "INCLUDE projection without attributes", create: () => new DynamoTable("bad", { partitionKey: id, globalSecondaryIndexes: [{ name: "inc", partitionKey: { name: "email", type: "S" }, projectionType: "INCLUDE" }] }),
    expect: { where: '("inc").nonKeyAttributes', value: "nothing (undefined)", fix: /KEYS_ONLY/ } },
  { row: "one attribute, two types", create: () => new DynamoTable("bad", { partitionKey: id, sortKey: { name: "at", type: "N" }, globalSecondaryIndexes: [{ name: "byAt", partitionKey: { name: "at", type: "S" } }] }),
    expect: { where: '("byAt").partitionKey.type', value: '"S"', fix: /one type everywhere/ } },
  { row: "misspelt argument", create: () => new DynamoTable("bad", loose({ partitionKey: id, pointInTimeRecover: true })),
    expect: { where: 'DynamoTable "bad".pointInTimeRecover', value: '"pointInTimeRecover"', fix: /did you mean "pointInTimeRecovery"\?/ } },
  { row: "stream consumer without a stream (troubleshooting: streams fail to enable)", create: () => new DynamoTable("bad", { partitionKey: id, streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" } }),
    expect: { where: 'DynamoTable "bad".streamConsumer', value: '"(a consumer)"', fix: /set streamViewType/ } },
  { row: "PITR window over 35 days", create: () => new DynamoTable("bad", { partitionKey: id, recoveryPeriodInDays: 36 }),
    expect: { where: 'DynamoTable "bad".recoveryPeriodInDays', value: "36", fix: /35/ } },
  { row: "reserved tag prefix", create: () => new DynamoTable("bad", { partitionKey: id, tags: { "aws:owner": "me" } }),
    expect: { where: 'DynamoTable "bad".tags["aws:owner"]', value: '"aws:owner"', fix: /another prefix/ } },
  { row: "more than 20 GSIs", create: () => new DynamoTable("bad", { partitionKey: id, globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => ({ name: `gsi${i}`, partitionKey: { name: `k${i}`, type: "S" as const } })) }),
    expect: { where: 'DynamoTable "bad".globalSecondaryIndexes', value: '"21 indexes"', fix: /overloaded indexes/ } },
  { row: "key ARN without customer-managed encryption", create: () => new DynamoTable("bad", { partitionKey: id, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k" }),
    expect: { where: 'DynamoTable "bad".kmsKeyArn', value: '"arn:aws:kms:us-east-1:123456789012:key/k"', fix: /CUSTOMER_MANAGED/ } },
  { row: "import under another name", create: () => new DynamoTable("bad", { tableName: "orders-new", importFrom: "legacy-orders", partitionKey: id }),
    expect: { where: 'DynamoTable "bad".importFrom', value: '"legacy-orders"', fix: /set tableName "legacy-orders"/ } },
  { row: "replicas without NEW_AND_OLD_IMAGES", create: () => new DynamoTable("bad", { partitionKey: id, replicas: [{ region: "eu-west-1" }] }),
    expect: { where: 'DynamoTable "bad".streamViewType', value: "nothing (undefined)", fix: /NEW_AND_OLD_IMAGES/ } },
  { row: "component name that is no table name", create: () => new DynamoTable("ab", { partitionKey: id }),
    expect: { where: 'DynamoTable "ab".tableName', value: '"ab"', fix: /set tableName/ } },
  { row: "args not an object", create: () => new DynamoTable("bad", loose(null)),
    expect: { where: 'DynamoTable "bad"', value: "null", fix: /partitionKey/ } },
  { row: "ProductionTable asked for weaker encryption", create: () => new ProductionTable("bad", { partitionKey: id, encryption: "AWS_OWNED" }),
    expect: { where: 'ProductionTable "bad".encryption', value: '"AWS_OWNED"', fix: /use DynamoTable/ } },
  { row: "ProductionTable without protect", create: () => new ProductionTable("bad", { partitionKey: id }, { protect: false }),
    expect: { where: 'ProductionTable "bad" opts.protect', value: "false", fix: /remove the option/ } },
  { row: "StateLockTable given a key", create: () => new StateLockTable("bad", loose({ partitionKey: id })),
    expect: { where: 'StateLockTable "bad".partitionKey', value: '"partitionKey"', fix: /known arguments are tableName/ } },
  { row: "OrdersTable environment with a space", create: () => new OrdersTable("bad", { environment: "prod env" }),
    expect: { where: 'OrdersTable "bad".environment', value: '"prod env"', fix: /"dev" or "prod"/ } },
  { row: "state bucket name with capitals", create: () => new TerraformStateBackend("bad", { bucketName: "My_Bucket" }),
    expect: { where: 'TerraformStateBackend "bad".bucketName', value: '"My_Bucket"', fix: /lowercase letters/ } },
  { row: "state backend region", create: () => new TerraformStateBackend("bad", { bucketName: "acme-state", region: "useast1" }),
    expect: { where: 'TerraformStateBackend "bad".region', value: '"useast1"', fix: /"us-east-1"/ } },
  { row: "state bucket name as an Output", create: () => new TerraformStateBackend("bad", loose({ bucketName: pulumi.output("acme-state") })),
    expect: { where: 'TerraformStateBackend "bad".bucketName', value: "(a Pulumi Output)", fix: /pass the value itself/ } },
  // Issue 12 case 7: a cycle crashed with "Maximum call stack size exceeded".
  { row: "circular tags", create: () => { const tags: Record<string, unknown> = { Owner: "me" }; tags.self = tags; return new DynamoTable("bad", loose({ partitionKey: id, tags })); },
    expect: { where: 'DynamoTable "bad".tags.self', value: "an object", fix: /no object inside itself/ } },
  // Issue 12 case 14: Outputs and Promises where the plan needs a plain value.
  { row: "tableName as an Output", create: () => new DynamoTable("bad", loose({ tableName: pulumi.output("bad-table"), partitionKey: id })),
    expect: { where: 'DynamoTable "bad".tableName', value: "(a Pulumi Output)", fix: /pass the value itself/ } },
  { row: "billingMode as a Promise", create: () => new DynamoTable("bad", loose({ partitionKey: id, billingMode: Promise.resolve("PAY_PER_REQUEST") })),
    expect: { where: 'DynamoTable "bad".billingMode', value: "(a Promise)", fix: /pass the value itself/ } },
  { row: "key name as an Output", create: () => new DynamoTable("bad", loose({ partitionKey: { name: pulumi.output("id"), type: "S" } })),
    expect: { where: 'DynamoTable "bad".partitionKey.name', value: "(a Pulumi Output)", fix: /Outputs are accepted only for ARNs/ } },
  { row: "all tags as one secret Output", create: () => new DynamoTable("bad", loose({ partitionKey: id, tags: pulumi.secret({ Owner: "me" }) })),
    expect: { where: 'DynamoTable "bad".tags', value: "(a Pulumi Output)", fix: /and tag values/ } },
  // Issue 12 case 12: a 1 MB table name is echoed as 80 characters and its length.
  { row: "a 1 MB table name", create: () => new DynamoTable("bad", { tableName: "t".repeat(1 << 20), partitionKey: id }),
    expect: { where: 'DynamoTable "bad".tableName', value: `"${"t".repeat(80)}"… (${1 << 20} characters)`, fix: /3-255/ } },
];

/** Line-level edits of the dev stack file: each row is one `Pulumi.<row>.yaml` in a scratch project. */
const dev = (from: string, to: string) => { if (!DEV.includes(from)) throw new Error(`fixture: ${from} not in Pulumi.dev.yaml`); return DEV.replace(from, to); };
const key = (k: string) => `config.dynamodb-blueprints:${k}`;
export const SECURE_CIPHERTEXT = "v1:c2VjcmV0LWNpcGhlcnRleHQ=";

export const configRows: { stack: string; file: string; expect: Expect }[] = [
  { stack: "bool", file: dev("protect: false", "protect: maybe"), expect: { where: key("protect"), value: '"maybe"', fix: /true or false/ } },
  { stack: "integer", file: dev("highTrafficMinCapacity: 1", "highTrafficMinCapacity: ten"), expect: { where: key("highTrafficMinCapacity"), value: '"ten"', fix: /number between 1 and 40000/ } },
  // The program reads config the way Pulumi hands it over: as strings (`pulumi config set` stores strings).
  { stack: "range", file: dev("targetUtilization: 70", "targetUtilization: 95"), expect: { where: key("targetUtilization"), value: '"95"', fix: /20\.\.90/ } },
  { stack: "choice", file: dev("encryption: AWS_OWNED", "encryption: AWS_OWNDE"), expect: { where: key("encryption"), value: '"AWS_OWNDE"', fix: /did you mean AWS_OWNED\?/ } },
  { stack: "typo", file: dev("dynamodb-blueprints:encryption:", "dynamodb-blueprints:encrpytion:"), expect: { where: key("encrpytion"), value: '"encrpytion"', fix: /did you mean "dynamodb-blueprints:encryption"\?/ } },
  { stack: "unknown", file: `${DEV}  dynamodb-blueprints:colour: blue\n`, expect: { where: key("colour"), value: '"colour"', fix: /remove it; known settings: environment/ } },
  { stack: "tab", file: dev("  dynamodb-blueprints:protect", "\tdynamodb-blueprints:protect"), expect: { where: "Pulumi.tab.yaml line 6, column 1", value: "TAB_AS_INDENT", fix: /fix the YAML syntax/ } },
  { stack: "twice", file: `${DEV}  dynamodb-blueprints:protect: true\n`, expect: { where: "Pulumi.twice.yaml line 16", value: "DUPLICATE_KEY", fix: /fix the YAML syntax/ } },
  { stack: "quote", file: dev("environment: dev", 'environment: "dev'), expect: { where: "Pulumi.quote.yaml line 16", value: "MISSING_CHAR", fix: /close the quote opened on line 4/ } },
  { stack: "required", file: dev("  dynamodb-blueprints:stateBucketName: example-company-terraform-state-dev\n", ""), expect: { where: key("stateBucketName"), value: "nothing (undefined)", fix: /add "dynamodb-blueprints:stateBucketName: <string>"/ } },
  { stack: "namespace", file: dev("dynamodb-blueprints:environment", "dynamodb-blueprint:environment"), expect: { where: "config.dynamodb-blueprint:environment", value: '"dynamodb-blueprint"', fix: /write "dynamodb-blueprints:environment"/ } },
  { stack: "bare", file: dev("dynamodb-blueprints:environment", "environment"), expect: { where: "config.environment", value: '"environment"', fix: /write "dynamodb-blueprints:environment"/ } },
  { stack: "secure", file: dev("stateBucketName: example-company-terraform-state-dev", `stateBucketName:\n    secure: ${SECURE_CIPHERTEXT}`), expect: { where: key("stateBucketName"), value: '"(a secret)"', fix: /no setting of this project is secret/ } },
  // A `secure:` anywhere in a key's value (a map entry, a list item): Pulumi hands the program the whole
  // key as a secret, and so does the CLI, which runs the program (a map entry here, a list item in "secureprotect").
  { stack: "securetag", file: dev("Owner: platform-team", `Owner:\n      secure: ${SECURE_CIPHERTEXT}`), expect: { where: key("tags"), value: '"(a secret)"', fix: /store it as plain config/ } },
  { stack: "taglist", file: dev("  dynamodb-blueprints:tags:\n    Owner: platform-team", "  dynamodb-blueprints:tags:\n    - platform-team"), expect: { where: key("tags"), value: '"[\\"platform-team\\"]"', fix: /YAML map/ } },
  { stack: "minmax", file: dev("highTrafficMinCapacity: 1", "highTrafficMinCapacity: 20"), expect: { where: key("highTrafficMinCapacity"), value: "20", fix: /lower the minimum/ } },
  { stack: "region", file: dev("aws:region: us-east-1", "aws:region: mars"), expect: { where: "config.aws:region", value: '"mars"', fix: /"us-east-1"/ } },
  { stack: "envname", file: dev("environment: dev", 'environment: "dev env"'), expect: { where: key("environment"), value: '"dev env"', fix: /letters, digits/ } },
  { stack: "bucket", file: dev("stateBucketName: example-company-terraform-state-dev", "stateBucketName: My_State"), expect: { where: key("stateBucketName"), value: '"My_State"', fix: /lowercase letters/ } },
  { stack: "locktable", file: dev("lockTableName: terraform-state-locks-dev", "lockTableName: tf"), expect: { where: key("lockTableName"), value: '"tf"', fix: /3-255 characters/ } },
  { stack: "statekey", file: dev("environment: dev", "environment: dev\n  dynamodb-blueprints:stateKey: /dev/state"), expect: { where: key("stateKey"), value: '"/dev/state"', fix: /production\/infrastructure\.tfstate/ } },
  // Troubleshooting "ResourceInUseException": two tables with one name in a stack, both named.
  { stack: "samename", file: dev("lockTableName: terraform-state-locks-dev", "lockTableName: orders-dev"), expect: { where: 'OrdersTable "orders".tableName', value: '"orders-dev"', fix: /its own tableName/ } },
  // Issue 12 case 8: aws: keys the provider does not read were ignored, and the region silently defaulted.
  { stack: "awstypo", file: dev("aws:region: us-east-1", "aws:regoin: eu-west-1"), expect: { where: "config.aws:regoin", value: '"regoin"', fix: /did you mean "aws:region"\?/ } },
  { stack: "awscase", file: dev("aws:region: us-east-1", "aws:Region: eu-west-1"), expect: { where: "config.aws:Region", value: '"Region"', fix: /did you mean "aws:region"\?/ } },
  { stack: "awsns", file: dev("aws:region: us-east-1", "AWS:region: eu-west-1"), expect: { where: "config.AWS:region", value: '"AWS"', fix: /write "aws:region"/ } },
  // Issue 12 case 13: ciphertext in a place that expects another type is never echoed.
  { stack: "secureregion", file: dev("aws:region: us-east-1", `aws:region:\n    secure: ${SECURE_CIPHERTEXT}`), expect: { where: "config.aws:region", value: '"(a secret)"', fix: /"us-east-1"/ } },
  { stack: "secureprotect", file: dev("protect: false", `protect:\n    - secure: ${SECURE_CIPHERTEXT}`), expect: { where: key("protect"), value: '"(a secret)"', fix: /store it as plain config/ } },
  // Issue 12 case 12: a 1 MB value is echoed as 80 characters and its length.
  { stack: "hugevalue", file: dev("environment: dev", `environment: ${"e".repeat(1 << 20)}`), expect: { where: key("environment"), value: `"${"e".repeat(80)}"… (${1 << 20} characters)`, fix: /1-64 letters/ } },
  // Prototype names as config keys are unknown settings like any other.
  { stack: "protokey", file: `${DEV}  dynamodb-blueprints:constructor: x\n`, expect: { where: key("constructor"), value: '"constructor"', fix: /remove it; known settings/ } },
  { stack: "protobare", file: `${DEV}  __proto__: x\n`, expect: { where: "config.__proto__", value: '"__proto__"', fix: /write "dynamodb-blueprints:__proto__"/ } },
  { stack: "list", file: "- config\n- dev\n", expect: { where: "Pulumi.list.yaml", value: "a list", fix: /`config:` followed by/ } },
  { stack: "scalar", file: "config: dev\n", expect: { where: "Pulumi.scalar.yaml", value: 'config: "dev"', fix: /`config:` followed by/ } },
];

/** CLI flags; `out` is a directory the row must leave uncreated. */
export const flagRows: { row: string; args: (out: string) => string[]; expect: Expect }[] = [
  { row: "unknown flag", args: (out) => ["hcl", "--stak", "dev", "--out", out], expect: { where: "hcl --stak", value: '"--stak"', fix: /did you mean --stack\?/ } },
  { row: "flag without its value", args: (out) => ["hcl", "--out", out, "--stack"], expect: { where: "hcl --stack", value: "nothing (undefined)", fix: /write --stack <value>/ } },
  { row: "value not among the choices", args: (out) => ["hcl", "--stack", "dev", "--out", out, "--layout", "flt"], expect: { where: "hcl --layout", value: '"flt"', fix: /did you mean "flat"\? use one of module, flat/ } },
  { row: "port that is no number", args: () => ["local", "--port", "8o"], expect: { where: "--port", value: '"8o"', fix: /--port 8000/ } },
  { row: "port out of range", args: () => ["local", "--port", "70000"], expect: { where: "--port", value: '"70000"', fix: /--port 0 to use any free port/ } },
  { row: "unknown stack", args: (out) => ["hcl", "--stack", "qa", "--out", out], expect: { where: "--stack", value: '"qa"', fix: /use one of dev, local, prod/ } },
  { row: "flag given twice", args: (out) => ["hcl", "--stack", "dev", "--stack", "prod", "--out", out], expect: { where: "hcl --stack", value: '"prod"', fix: /give --stack once/ } },
  { row: "positional argument", args: (out) => ["hcl", "dev", "--out", out], expect: { where: "hcl argument 1", value: '"dev"', fix: /--name value/ } },
  { row: "boolean flag with a value", args: (out) => ["hcl", "--stack", "dev", "--out", out, "--force=yes"], expect: { where: "hcl --force", value: '"yes"', fix: /write just --force/ } },
  { row: "missing --stack", args: (out) => ["hcl", "--out", out], expect: { where: "hcl --stack", value: "nothing (undefined)", fix: /--stack <name>, one of dev, local, prod/ } },
  { row: "missing --out", args: () => ["hcl", "--stack", "dev"], expect: { where: "hcl --out", value: "nothing (undefined)", fix: /--out <dir>/ } },
  { row: "empty --out", args: () => ["hcl", "--stack", "dev", "--out", " "], expect: { where: "hcl --out", value: '" "', fix: /--out <dir>/ } },
  { row: "empty --data", args: () => ["local", "--data", ""], expect: { where: "--data", value: '""', fix: /--data \.local-dynamodb/ } },
  { row: "accepting a replacement of no such table", args: () => ["lock", "--stack", "dev", "--accept-replacement", "ordres"], expect: { where: "--accept-replacement", value: '"ordres"', fix: /did you mean "orders"\?/ } },
];

/** toTerraform items and options (blueprints built lazily, under mocks where Pulumi values are involved). */
export const terraformRows: { row: string; items: () => unknown; options?: unknown; expect: Expect }[] = [
  { row: "no items", items: () => [], expect: { where: "toTerraform items", value: "[]", fix: /pass e\.g\./ } },
  { row: "items not a list", items: () => "orders", expect: { where: "toTerraform items", value: "string", fix: /pass e\.g\./ } },
  { row: "an item that is no blueprint", items: () => [{}], expect: { where: "toTerraform items[0]", value: "Object", fix: /or its \.blueprint/ } },
  { row: "an unknown blueprint kind", items: () => [{ kind: "Table", name: "t" }], expect: { where: "toTerraform items[0]", value: "Table", fix: /DynamoTable, StateLockTable/ } },
  { row: "layout typo", items: () => [new DynamoTable("t", { tableName: "t-table", partitionKey: id })], options: { layout: "flt" }, expect: { where: "toTerraform options.layout", value: '"flt"', fix: /did you mean "flat"\?/ } },
  { row: "unknown option", items: () => [new DynamoTable("t", { tableName: "t-table", partitionKey: id })], options: { regin: "eu-west-1" }, expect: { where: "toTerraform options.regin", value: '"regin"', fix: /did you mean "region"\?/ } },
  { row: "region", items: () => [new DynamoTable("t", { tableName: "t-table", partitionKey: id })], options: { region: "Europe" }, expect: { where: "toTerraform options.region", value: '"Europe"', fix: /"us-east-1"/ } },
  { row: "stack name", items: () => [new DynamoTable("t", { tableName: "t-table", partitionKey: id })], options: { stack: "my stack" }, expect: { where: "toTerraform options.stack", value: '"my stack"', fix: /letters, digits/ } },
  { row: "options not an object", items: () => [new DynamoTable("t", { tableName: "t-table", partitionKey: id })], options: null, expect: { where: "toTerraform options", value: "null", fix: /layout: "module"/ } },
  // Troubleshooting "ResourceInUseException": the second table with a name is refused, naming the first.
  { row: "two tables, one name", items: () => [new DynamoTable("a", { tableName: "shared", partitionKey: id }), new DynamoTable("b", { tableName: "shared", partitionKey: id })],
    expect: { where: 'DynamoTable "b".tableName', value: '"shared"', fix: /its own tableName/ } },
  // Plain blueprints: Pulumi itself would refuse two components with one name before toTerraform sees them.
  { row: "two components, one name", items: () => [dynamoTable("a", { tableName: "one-a", partitionKey: id }), dynamoTable("a", { tableName: "one-b", partitionKey: id })],
    expect: { where: 'DynamoTable "a"', value: '"a"', fix: /its own name/ } },
  // Issue 12 case 7: a forged object claiming a kind crashed with "reading 'protect'".
  { row: "a forged blueprint", items: () => [{ kind: "DynamoTable", name: "t", table: { tableName: "t-table", partitionKey: id } }],
    expect: { where: "toTerraform items[0]", value: "DynamoTable", fix: /as created by this package/ } },
  { row: "a secret tag", items: () => [new DynamoTable("s", { tableName: "s-table", partitionKey: id, tags: { Owner: pulumi.secret("s3cr3t-owner") } })],
    expect: { where: 'DynamoTable "s".table.tags.Owner', value: "(a Pulumi secret)", fix: /variable of your own/ } },
];

/** Object.prototype members a user could pick as a component, tag, lock or flag name. */
export const PROTOTYPE_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"] as const;

/**
 * `local --data` directories that are not the tool's: each must be refused with nothing created,
 * changed or deleted. `make` builds the case under `base` and returns the --data value.
 */
export const UNOWNED_LOCAL_DIRS: { row: string; make: (base: string) => string; cwd?: (base: string) => string; says: RegExp }[] = [
  { row: "a directory holding files LevelDB would delete as its own (000007.log, 000002.ldb)", says: /is not empty and was not created by dynamodb-blueprints local/,
    make: (base) => { const d = `${base}/d`; fs.mkdirSync(d); fs.writeFileSync(`${d}/000007.log`, "my log"); fs.writeFileSync(`${d}/000002.ldb`, "my data"); return d; } },
  { row: "--data . in a project directory", says: /is not empty and was not created/,
    make: (base) => {
      fs.copyFileSync(`${ROOT}/Pulumi.yaml`, `${base}/Pulumi.yaml`); fs.writeFileSync(`${base}/Pulumi.dev.yaml`, DEV); fs.writeFileSync(`${base}/index.ts`, referenceProgramFile());
      return ".";
    }, cwd: (base) => base },
  { row: "--data naming a file", says: /f: is not a directory/, make: (base) => { fs.writeFileSync(`${base}/f`, "x"); return `${base}/f`; } },
  { row: "--data a symlink to a directory", says: /is a symbolic link; --data is not followed/,
    make: (base) => { fs.mkdirSync(`${base}/real`); fs.symlinkSync(`${base}/real`, `${base}/link`); return `${base}/link`; } },
  { row: "a marker that is a directory", says: /is not the marker file this tool writes/,
    make: (base) => { fs.mkdirSync(`${base}/d/.dynamodb-blueprints-data`, { recursive: true }); return `${base}/d`; } },
  { row: "a pid lock that is a directory", says: /\.dynamodb-blueprints\.lock: is not a regular file/,
    make: (base) => { fs.mkdirSync(`${base}/d/.dynamodb-blueprints.lock`, { recursive: true }); fs.writeFileSync(`${base}/d/.dynamodb-blueprints-data`, "m"); return `${base}/d`; } },
];

/** Damaged LevelDB stores behind a marked `--data` directory: each must be one error, pid lock released. */
export const CORRUPTED_DATA_DIRS: { row: string; corrupt: (dir: string) => void | Promise<void> }[] = [
  { row: "an empty CURRENT", corrupt: (dir) => fs.writeFileSync(`${dir}/CURRENT`, "") },
  { row: "a missing MANIFEST", corrupt: (dir) => { for (const f of fs.readdirSync(dir)) if (f.startsWith("MANIFEST-")) fs.rmSync(`${dir}/${f}`); } },
  { row: "LOCK a directory", corrupt: (dir) => { fs.rmSync(`${dir}/LOCK`); fs.mkdirSync(`${dir}/LOCK`); } },
  { row: "a garbage table file (.ldb)", corrupt: async (dir) => {
    // Fill the store and compact it, so table files exist, then overwrite them with garbage.
    const { Level } = require(require.resolve("level", { paths: [require.resolve("dynalite")] })) as typeof import("level");
    const db = new Level(dir);
    await db.batch(Array.from({ length: 2000 }, (_, i) => ({ type: "put" as const, key: `k${i}`, value: "v".repeat(100) })));
    await (db as unknown as { compactRange(a: string, b: string): Promise<void> }).compactRange("", "\uffff"); // classic-level, under level
    await db.close();
    const tables = fs.readdirSync(dir).filter((f) => f.endsWith(".ldb"));
    if (tables.length === 0) throw new Error("fixture: compaction wrote no .ldb file");
    for (const f of tables) fs.writeFileSync(`${dir}/${f}`, Buffer.alloc(fs.statSync(`${dir}/${f}`).size, 0x5a));
  } },
];

/**
 * Traps in an `hcl --out` directory: links and foreign files where generated files go. `make` builds
 * the trap in `out` (with a victim file outside it at `victim`); each must be refused, nothing changed.
 */
export const HCL_OUT_TRAPS: { row: string; make: (out: string, victim: string) => void; says: RegExp }[] = [
  { row: "main.tf a symlink to a file elsewhere", make: (out, victim) => fs.symlinkSync(victim, `${out}/main.tf`), says: /main\.tf.*symbolic link/ },
  { row: "main.tf a dangling symlink", make: (out) => fs.symlinkSync(`${out}/nowhere`, `${out}/main.tf`), says: /main\.tf.*symbolic link/ },
  { row: "modules a symlink to a directory elsewhere", make: (out, victim) => { fs.mkdirSync(`${victim}.d`); fs.symlinkSync(`${victim}.d`, `${out}/modules`); }, says: /modules.*symbolic link/ },
  { row: "backend.tf a directory", make: (out) => fs.mkdirSync(`${out}/backend.tf`), says: /backend\.tf.*is a directory/ },
  { row: "a hand-written main.tf", make: (out) => fs.writeFileSync(`${out}/main.tf`, "# mine\n"), says: /refusing to overwrite hand-written file\(s\) main\.tf/ },
];
