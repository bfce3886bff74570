/**
 * Import from S3 and restore (issue 15): `importTable`, a point-in-time restore
 * (`restoreSourceName` / `restoreSourceTableArn` with `restoreToLatestTime` / `restoreDateTime`) and a
 * backup restore (`restoreBackupArn`). Pulumi and both Terraform layouts get the same arguments (the
 * provider-schema test checks them through tests/helpers/feature-programs.ts); they are creation-only, so
 * later changes are ignored (in hashicorp/aws `restore_date_time`, `restore_to_latest_time` and
 * `import_table.s3_bucket_source` force a new table), and removing them after creation FAILs the schema
 * lock instead of replacing the table. `plan` shows the source, `local` says it creates the table empty.
 */
import * as assert from "assert";
import { assertMocksActive, byName, runUnderMocks } from "../helpers/pulumi-mocks";
import { BlueprintValidationError, DynamoTable, DynamoTableArgs } from "../../components";
import { dynamoTable } from "../../model/blueprints";
import { notEmulated } from "../../local/create-table-input";
import { bothLayouts } from "../helpers/table-layouts";
import { buildTree, renderTree } from "../../cli/render-tree";
import { buildLock, compareLock } from "../../project/schema-lock";

const base: DynamoTableArgs = { tableName: "orders-copy", partitionKey: { name: "id", type: "S" } };
const restore: DynamoTableArgs = { ...base, restoreSourceName: "orders", restoreToLatestTime: true };
const imported: DynamoTableArgs = {
  ...base, importTable: { bucket: "acme-exports", keyPrefix: "orders/", inputFormat: "CSV", inputCompressionType: "GZIP", csvDelimiter: ";", csvHeaders: ["id", "total"] },
};
const CREATION = ["importTable", "restoreSourceName", "restoreSourceTableArn", "restoreToLatestTime", "restoreDateTime", "restoreBackupArn"];
const ignored = (body: any) => (body.lifecycle?.[0]?.ignore_changes ?? []).map((s: string) => s.replace(/^\$\{|\}$/g, "")).sort();

const layouts = (args: DynamoTableArgs) => bothLayouts("copy", args);

describe("import from S3 and restore", () => {
  it("Pulumi: restore arguments as given, and every creation argument in ignoreChanges", async () => {
    const run = await runUnderMocks(() => new DynamoTable("copy", restore));
    assertMocksActive(run);
    const table = byName(run, "copy", "aws:dynamodb/table:Table");
    assert.strictEqual(table.inputs.restoreSourceName, "orders");
    assert.strictEqual(table.inputs.restoreToLatestTime, true);
    assert.deepStrictEqual([...table.ignoreChanges].sort(), [...CREATION].sort());
    assert.match(renderTree(buildTree(run.resources)).join("\n"), /created from: point-in-time restore of orders at the latest restorable time \(creation only; later changes are ignored\)/);
  });

  it("a table created empty ignores none of them", async () => {
    const run = await runUnderMocks(() => new DynamoTable("copy", base));
    assertMocksActive(run);
    assert.deepStrictEqual(byName(run, "copy", "aws:dynamodb/table:Table").ignoreChanges, []);
  });

  it("Pulumi: importTable nests the S3 source and CSV options as the provider does", async () => {
    const run = await runUnderMocks(() => new DynamoTable("copy", imported));
    assertMocksActive(run);
    assert.deepStrictEqual(byName(run, "copy", "aws:dynamodb/table:Table").inputs.importTable, {
      inputFormat: "CSV", inputCompressionType: "GZIP", inputFormatOptions: { csv: { delimiter: ";", headerLists: ["id", "total"] } },
      s3BucketSource: { bucket: "acme-exports", keyPrefix: "orders/" },
    });
  });

  it("both layouts write the same import_table block; flat ignores it when set, the module's variants always", async () => {
    const { flat, module } = await layouts(imported);
    const expected = [{
      input_format: "CSV", input_compression_type: "GZIP", input_format_options: [{ csv: [{ delimiter: ";", header_list: ["id", "total"] }] }],
      s3_bucket_source: [{ bucket: "acme-exports", key_prefix: "orders/" }],
    }];
    assert.deepStrictEqual(flat.import_table, expected);
    assert.deepStrictEqual(module.import_table, expected);
    const names = ["import_table", "restore_backup_arn", "restore_date_time", "restore_source_name", "restore_source_table_arn", "restore_to_latest_time"];
    assert.deepStrictEqual(ignored(flat), names);
    const plain = await layouts(base);
    assert.deepStrictEqual(ignored(plain.flat), []);
    assert.deepStrictEqual(ignored(plain.moduleTable), names.filter((n) => n !== "restore_backup_arn"),
      "the lean module of a stack without a source writes none, and ignores those every 6.x provider knows (the state may hold them)");
    const full = await bothLayouts("copy", base, true);
    assert.deepStrictEqual(ignored(full.moduleTable), names, "the full module: a literal lifecycle cannot depend on a variable");
  });

  it("both layouts write the same restore arguments", async () => {
    const args: DynamoTableArgs = { ...base, region: "us-east-1", encryption: "AWS_MANAGED",
      restoreSourceTableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", restoreDateTime: "2026-11-01T08:00:00Z" };
    const { flat, module } = await layouts(args);
    for (const body of [flat, module]) {
      assert.strictEqual(body.restore_source_table_arn, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
      assert.strictEqual(body.restore_date_time, "2026-11-01T08:00:00Z");
      assert.strictEqual(body.restore_source_name, undefined);
    }
  });

  it("the module refuses an import combined with a restore, and a malformed restore_date_time", async () => {
    // The lean module of an import-only stack has no restore variables, so the combination cannot be passed at all.
    assert.doesNotMatch((await layouts(imported)).files["modules/dynamodb/variables.tf"], /variable "restore_/);
    const { call, validations: holds } = await bothLayouts("copy", imported, true);
    assert.deepStrictEqual(await holds("import_table", {}), [true, true]);
    assert.deepStrictEqual(await holds("import_table", { restore_backup_arn: "arn:x" }), [true, false]);
    assert.deepStrictEqual(await holds("import_table", { import_table: { ...call.import_table, input_format: "JSON" } }), [false, true]);
    assert.deepStrictEqual(await holds("restore_date_time", { restore_date_time: "2026-11-01T08:00:00Z" }), [true]);
    assert.deepStrictEqual(await holds("restore_date_time", { restore_date_time: "yesterday" }), [false]);
  });

  it("local lists the source as not emulated (the table is created empty)", () => {
    assert.ok(notEmulated(dynamoTable("copy", imported).table).includes(
      "created from a S3 import of s3://acme-exports/orders/ (CSV, GZIP): dynalite has no ImportTable or restore calls; the table is created empty"));
  });

  it("schema lock: removing the source after creation is a replacement; changing it is not (it is ignored)", () => {
    const lock = buildLock("dev", [dynamoTable("copy", restore)]);
    assert.strictEqual(lock.tables.copy.createdFrom, "point-in-time restore of orders at the latest restorable time");
    assert.strictEqual(buildLock("dev", [dynamoTable("copy", base)]).tables.copy.createdFrom, undefined, "an empty table records nothing");
    const removed = compareLock(lock, buildLock("dev", [dynamoTable("copy", base)]));
    assert.deepStrictEqual(removed.replacements.map((r) => [r.setting, r.locked]), [["createdFrom", "point-in-time restore of orders at the latest restorable time"]]);
    const changed = compareLock(lock, buildLock("dev", [dynamoTable("copy", { ...base, restoreSourceName: "orders-old", restoreToLatestTime: true })]));
    assert.deepStrictEqual(changed.replacements, []);
  });

  const invalid: [string, Partial<DynamoTableArgs>, RegExp][] = [
    ["a restore and an S3 import together", { ...imported, restoreSourceName: "orders", restoreToLatestTime: true }, /\.importTable: cannot be combined with a restore.*Fix: keep importTable, or the restore arguments/],
    ["both restore source forms", { ...restore, restoreSourceTableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders" }, /\.restoreSourceTableArn: cannot be combined with restoreSourceName/],
    ["a point-in-time restore without a time", { ...base, restoreSourceName: "orders" }, /\.restoreSourceName: needs the point in time to restore.*Fix: add restoreToLatestTime: true, or restoreDateTime/],
    ["the latest time and a date", { ...restore, restoreDateTime: "2026-11-01T08:00:00Z" }, /\.restoreDateTime: cannot be combined with restoreToLatestTime: true/],
    ["a time without a source", { ...base, restoreToLatestTime: true }, /\.restoreToLatestTime: needs the table to restore/],
    ["a date in the future", { ...base, restoreSourceName: "orders", restoreDateTime: "2999-01-01T00:00:00Z" }, /\.restoreDateTime: is in the future/],
    ["a date that is not UTC", { ...base, restoreSourceName: "orders", restoreDateTime: "2026-11-01 08:00" }, /\.restoreDateTime: is not a UTC timestamp/],
    ["the table as its own source", { ...base, restoreSourceName: "orders-copy", restoreToLatestTime: true }, /\.restoreSourceName: is the table itself/],
    ["a malformed source ARN", { ...base, restoreSourceTableArn: "orders", restoreToLatestTime: true }, /\.restoreSourceTableArn: is not a DynamoDB ARN.*Fix: use arn:aws:dynamodb:<region>:<account>:table\/<name>/],
    ["a cross-region restore with AWS-owned encryption", { ...base, region: "us-east-1", restoreSourceTableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", restoreToLatestTime: true },
      /\.encryption: must be AWS_MANAGED or CUSTOMER_MANAGED for a cross-region restore \(source in eu-west-1\)/],
    ["a backup and a point in time", { ...restore, restoreBackupArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01489602797149-73d8d5bc" }, /\.restoreBackupArn: cannot be combined with a point-in-time restore/],
    ["a backup from another region", { ...base, region: "us-east-1", restoreBackupArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/backup/01489602797149-73d8d5bc" }, /\.restoreBackupArn: is a backup in another region/],
    ["adopting and restoring", { ...restore, importFrom: "orders-copy" }, /\.importFrom: adopts an existing table, but a restore or S3 import creates a new one/],
    ["an import with LSIs", { ...imported, sortKey: { name: "at", type: "N" }, localSecondaryIndexes: [{ name: "byTotal", sortKey: { name: "total", type: "N" } }] },
      /\.importTable: cannot create local secondary indexes/],
    ["CSV options on JSON", { ...base, importTable: { bucket: "acme-exports", inputFormat: "DYNAMODB_JSON", csvDelimiter: "," } }, /\.importTable\.csvDelimiter: only applies to inputFormat CSV/],
    ["an unknown delimiter", { ...base, importTable: { bucket: "acme-exports", inputFormat: "CSV", csvDelimiter: "#" } }, /\.importTable\.csvDelimiter: is not a delimiter DynamoDB import accepts/],
    ["a bad bucket and format", { ...base, importTable: { bucket: "Acme_Exports", inputFormat: "JSON" as never } }, /\.importTable\.bucket: is not an S3 bucket name[\s\S]*\.importTable\.inputFormat: is not an allowed value/],
  ];
  for (const [rule, args, message] of invalid) {
    it(`refuses ${rule}, with the fix`, () => {
      assert.throws(() => dynamoTable("copy", args as DynamoTableArgs), (e: unknown) => e instanceof BlueprintValidationError && message.test((e as Error).message));
    });
  }
});
