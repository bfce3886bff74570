/**
 * How a table is created when it does not start empty: from data in S3 (DynamoDB ImportTable,
 * `import_table {}`), by a point-in-time restore of another table (RestoreTableToPointInTime:
 * `restore_source_name` or `restore_source_table_arn`, with `restore_to_latest_time` or
 * `restore_date_time`), or from an on-demand backup (RestoreTableFromBackup: `restore_backup_arn`).
 *
 * All of them only act when the table is created. In hashicorp/aws, `restore_date_time`,
 * `restore_to_latest_time` and `import_table.s3_bucket_source` force a new table when they change
 * (provider source, internal/service/dynamodb/table.go), so editing or removing them after creation
 * would plan a replacement. The plan therefore ignores later changes to every creation argument
 * (`ignoreChanges` / `ignore_changes`, see `CREATION_SOURCE_ARGS`), and the schema lock records the
 * source so that removing the arguments (which also drops the ignore) FAILs `check` instead of
 * replacing the table (project/schema-lock.ts).
 */
import {
  IMPORT_COMPRESSION_TYPES, IMPORT_INPUT_FORMATS, ImportTableArgs, TableArgs, TableSpec,
} from "./types";
import type { Value } from "./resources";
import { ProblemList } from "./errors";
import { REGION_PATTERN, TABLE_NAME_PATTERN, checkChoice, checkUnknownKeys, isPlainString } from "./rules";

/** The creation arguments, by their Pulumi name -> provider name. */
export const CREATION_SOURCE_ARGS = {
  importTable: "import_table",
  restoreSourceName: "restore_source_name",
  restoreSourceTableArn: "restore_source_table_arn",
  restoreToLatestTime: "restore_to_latest_time",
  restoreDateTime: "restore_date_time",
  restoreBackupArn: "restore_backup_arn",
} as const;
export type CreationSourceArg = keyof typeof CREATION_SOURCE_ARGS;
export const CREATION_SOURCE_KEYS = Object.keys(CREATION_SOURCE_ARGS) as CreationSourceArg[];

const IMPORT_KEYS: (keyof ImportTableArgs)[] = ["bucket", "keyPrefix", "bucketOwner", "inputFormat", "inputCompressionType", "csvDelimiter", "csvHeaders"];
/** AWS API reference "CsvOptions": Delimiter is one of , ; : | tab space; HeaderList has 1-255 names. */
export const CSV_DELIMITERS = [",", ";", ":", "|", "\t", " "];
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([A-Za-z0-9_.-]{3,255})$/;
const BACKUP_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/[A-Za-z0-9_.-]{3,255}\/backup\/[A-Za-z0-9-]{1,64}$/;
/** The provider's ValidUTCTimestamp: RFC 3339 in UTC. */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Every rule AWS and the provider enforce on the creation arguments, before anything is registered. */
export function checkCreationSource(problems: ProblemList, where: string, args: TableArgs<unknown>, now: number = Date.now()): void {
  const a = args;
  const pointInTime = a.restoreSourceName !== undefined || a.restoreSourceTableArn !== undefined;
  const restore = pointInTime || a.restoreBackupArn !== undefined;
  if (a.importTable !== undefined && restore) {
    problems.add(`${where}.importTable`, "(an S3 import)", "cannot be combined with a restore: a new table is filled either from S3 or from a restore",
      "keep importTable, or the restore arguments, not both");
  }
  if (a.importFrom !== undefined && (restore || a.importTable !== undefined)) {
    problems.add(`${where}.importFrom`, a.importFrom, "adopts an existing table, but a restore or S3 import creates a new one",
      "remove importFrom to create the table from the source, or remove the restore/import arguments to adopt it");
  }
  if (a.restoreSourceName !== undefined && a.restoreSourceTableArn !== undefined) {
    problems.add(`${where}.restoreSourceTableArn`, "(an ARN)", "cannot be combined with restoreSourceName (the provider refuses both)",
      "use restoreSourceName for a table in the same account and region, restoreSourceTableArn otherwise");
  }
  if (a.restoreBackupArn !== undefined && pointInTime) {
    problems.add(`${where}.restoreBackupArn`, "(a backup ARN)", "cannot be combined with a point-in-time restore (restoreSourceName / restoreSourceTableArn)",
      "restore either the backup or a point in time of the source table");
  }
  if (a.restoreToLatestTime !== undefined && typeof a.restoreToLatestTime !== "boolean") {
    problems.add(`${where}.restoreToLatestTime`, a.restoreToLatestTime, "must be true or false", "write restoreToLatestTime: true, or give restoreDateTime");
  }
  const latest = a.restoreToLatestTime === true;
  if ((latest || a.restoreDateTime !== undefined) && !pointInTime) {
    problems.add(`${where}.${latest ? "restoreToLatestTime" : "restoreDateTime"}`, latest ? true : a.restoreDateTime,
      "needs the table to restore (restoreSourceName or restoreSourceTableArn)", "name the source table, or remove it");
  }
  if (pointInTime && latest && a.restoreDateTime !== undefined) {
    problems.add(`${where}.restoreDateTime`, a.restoreDateTime, "cannot be combined with restoreToLatestTime: true", "restore either the latest time or this date");
  }
  if (pointInTime && !latest && a.restoreDateTime === undefined) {
    problems.add(`${where}.restoreSourceName`, a.restoreSourceName ?? "(restoreSourceTableArn)", "needs the point in time to restore",
      "add restoreToLatestTime: true, or restoreDateTime (UTC, e.g. \"2026-11-01T08:00:00Z\")");
  }
  if (a.restoreDateTime !== undefined) {
    const t = typeof a.restoreDateTime === "string" && UTC_TIMESTAMP.test(a.restoreDateTime) ? Date.parse(a.restoreDateTime) : NaN;
    if (Number.isNaN(t)) {
      problems.add(`${where}.restoreDateTime`, a.restoreDateTime, "is not a UTC timestamp (RFC 3339)", "write e.g. \"2026-11-01T08:00:00Z\"");
    } else if (t > now) {
      problems.add(`${where}.restoreDateTime`, a.restoreDateTime, "is in the future", "use a time within the source table's point-in-time recovery window, or restoreToLatestTime: true");
    }
  }
  if (a.restoreSourceName !== undefined) {
    if (typeof a.restoreSourceName !== "string" || !TABLE_NAME_PATTERN.test(a.restoreSourceName)) {
      problems.add(`${where}.restoreSourceName`, a.restoreSourceName, "is not a table name", "give the source table's name (3-255 of letters, digits, _ - .)");
    } else if (a.restoreSourceName === a.tableName) {
      problems.add(`${where}.restoreSourceName`, a.restoreSourceName, "is the table itself: a restore creates a new table from another one",
        "give the new table another tableName, or restore from another table");
    }
  }
  checkArn(problems, `${where}.restoreSourceTableArn`, a.restoreSourceTableArn, TABLE_ARN, "arn:aws:dynamodb:<region>:<account>:table/<name>", a.region);
  checkArn(problems, `${where}.restoreBackupArn`, a.restoreBackupArn, BACKUP_ARN, "arn:aws:dynamodb:<region>:<account>:table/<name>/backup/<id>", a.region);
  const sourceRegion = isPlainString(a.restoreSourceTableArn) ? TABLE_ARN.exec(a.restoreSourceTableArn)?.[1] : undefined;
  if (sourceRegion && typeof a.region === "string" && sourceRegion !== a.region && (a.encryption ?? "AWS_OWNED") === "AWS_OWNED") {
    problems.add(`${where}.encryption`, a.encryption ?? "AWS_OWNED", `must be AWS_MANAGED or CUSTOMER_MANAGED for a cross-region restore (source in ${sourceRegion}): ` +
      "the provider requires server_side_encryption then, and AWS_OWNED writes none", "set encryption \"AWS_MANAGED\", or \"CUSTOMER_MANAGED\" with a key in this region");
  }
  if (isPlainString(a.restoreBackupArn) && typeof a.region === "string" && BACKUP_ARN.exec(a.restoreBackupArn)?.[1] !== a.region && BACKUP_ARN.test(a.restoreBackupArn)) {
    problems.add(`${where}.restoreBackupArn`, a.restoreBackupArn, `is a backup in another region than the table's (${a.region}); DynamoDB restores a backup in its own region`,
      "copy the backup to this region first (AWS Backup), or create the table in the backup's region");
  }
  checkImportTable(problems, `${where}.importTable`, a);
}

function checkArn(problems: ProblemList, where: string, value: unknown, pattern: RegExp, shape: string, region: unknown): void {
  if (value === undefined || (!isPlainString(value) && typeof value === "object")) return; // a Pulumi output: known at deployment
  if (typeof value !== "string" || !pattern.test(value)) {
    problems.add(where, value, "is not a DynamoDB ARN of the expected form", `use ${shape}${typeof region === "string" && REGION_PATTERN.test(region) ? ` (region ${region})` : ""}`);
  }
}

function checkImportTable(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const i = args.importTable;
  if (i === undefined) return;
  if (typeof i !== "object" || i === null || Array.isArray(i)) {
    problems.add(where, i, "must be an object", `write { bucket: "my-export-bucket", inputFormat: "DYNAMODB_JSON" }`);
    return;
  }
  checkUnknownKeys(problems, where, i, IMPORT_KEYS);
  if (i.bucket === undefined || (typeof i.bucket === "string" && !BUCKET_NAME.test(i.bucket))) {
    problems.add(`${where}.bucket`, i.bucket, "is not an S3 bucket name", "give the bucket's name (3-63 of lower-case letters, digits, . and -)");
  }
  if (i.keyPrefix !== undefined && (typeof i.keyPrefix !== "string" || i.keyPrefix.length > 1024)) {
    problems.add(`${where}.keyPrefix`, i.keyPrefix, "must be a key prefix of at most 1024 characters", "give the prefix shared by the objects, e.g. \"exports/orders/\"");
  }
  if (i.bucketOwner !== undefined && (typeof i.bucketOwner !== "string" || !/^\d{12}$/.test(i.bucketOwner))) {
    problems.add(`${where}.bucketOwner`, i.bucketOwner, "must be a 12-digit AWS account id", "give the bucket owner's account id, or omit it for your own bucket");
  }
  if (i.inputFormat === undefined) problems.add(`${where}.inputFormat`, undefined, "is required", `use one of ${IMPORT_INPUT_FORMATS.join(", ")}`);
  else checkChoice(problems, `${where}.inputFormat`, i.inputFormat, IMPORT_INPUT_FORMATS);
  checkChoice(problems, `${where}.inputCompressionType`, i.inputCompressionType, IMPORT_COMPRESSION_TYPES);
  for (const option of ["csvDelimiter", "csvHeaders"] as const) {
    if (i[option] !== undefined && i.inputFormat !== "CSV") {
      problems.add(`${where}.${option}`, i[option], `only applies to inputFormat CSV (this import reads ${i.inputFormat})`, `remove ${option}, or use inputFormat "CSV"`);
    }
  }
  if (i.csvDelimiter !== undefined && !CSV_DELIMITERS.includes(i.csvDelimiter as string)) {
    problems.add(`${where}.csvDelimiter`, i.csvDelimiter, "is not a delimiter DynamoDB import accepts", "use one of , ; : | tab or space");
  }
  const headers = i.csvHeaders;
  if (headers !== undefined && (!Array.isArray(headers) || headers.length === 0 || headers.length > 255 ||
    !headers.every((h) => typeof h === "string" && h.length > 0 && h.length <= 255) || new Set(headers).size !== headers.length)) {
    problems.add(`${where}.csvHeaders`, headers, "must be 1-255 distinct, non-empty column names", "list the CSV columns in order, e.g. [\"id\", \"total\"]");
  }
  if ((args.localSecondaryIndexes ?? []).length > 0) {
    problems.add(`${where}`, "(an S3 import)", "cannot create local secondary indexes (ImportTable's TableCreationParameters have none), and LSIs exist only at creation",
      "use global secondary indexes, or create the table with its LSIs and load the data another way");
  }
}

/** The TableSpec members: the creation arguments as given (defined ones only). */
export function resolveCreationSource<T>(args: TableArgs<T>): Partial<Pick<TableSpec<T>, CreationSourceArg>> {
  const out: Record<string, unknown> = {};
  for (const key of CREATION_SOURCE_KEYS) {
    const value = args[key];
    if (value === undefined) continue;
    out[key] = key === "importTable"
      ? Object.fromEntries(Object.entries(value as object).filter(([, x]) => x !== undefined).map(([k, x]) => [k, Array.isArray(x) ? [...x] : x]))
      : value;
  }
  return out as Partial<Pick<TableSpec<T>, CreationSourceArg>>;
}

export const hasCreationSource = (spec: Pick<TableSpec<unknown>, CreationSourceArg>) => CREATION_SOURCE_KEYS.some((k) => spec[k] !== undefined);

/** The `aws.dynamodb.Table` inputs (`import_table` nests S3 source and CSV options as the provider does). */
export function creationSourceArgs(spec: TableSpec<unknown>): Record<string, Value> {
  const args: Record<string, Value> = {};
  const i = spec.importTable;
  if (i) {
    const source: Record<string, Value> = { bucket: i.bucket as Value };
    if (i.bucketOwner !== undefined) source.bucketOwner = i.bucketOwner;
    if (i.keyPrefix !== undefined) source.keyPrefix = i.keyPrefix;
    const table: Record<string, Value> = { inputFormat: i.inputFormat };
    if (i.inputCompressionType !== undefined) table.inputCompressionType = i.inputCompressionType;
    if (i.csvDelimiter !== undefined || i.csvHeaders !== undefined) {
      const csv: Record<string, Value> = {};
      if (i.csvDelimiter !== undefined) csv.delimiter = i.csvDelimiter;
      if (i.csvHeaders !== undefined) csv.headerLists = [...i.csvHeaders];
      table.inputFormatOptions = { csv };
    }
    table.s3BucketSource = source;
    args.importTable = table;
  }
  for (const key of CREATION_SOURCE_KEYS) {
    if (key !== "importTable" && spec[key] !== undefined) args[key] = spec[key] as Value;
  }
  return args;
}

/** One line for `plan`, `local` and the schema lock; null when the table is created empty. */
export function creationSourceText(spec: Pick<TableSpec<unknown>, CreationSourceArg>): string | null {
  const show = (v: unknown) => (typeof v === "string" ? v : "(known at deployment)");
  if (spec.importTable) {
    const i = spec.importTable;
    return `S3 import of s3://${show(i.bucket)}/${i.keyPrefix ?? ""} (${i.inputFormat}${i.inputCompressionType ? `, ${i.inputCompressionType}` : ""})`;
  }
  if (spec.restoreBackupArn !== undefined) return `restore of backup ${show(spec.restoreBackupArn)}`;
  if (spec.restoreSourceName !== undefined || spec.restoreSourceTableArn !== undefined) {
    const source = spec.restoreSourceName ?? show(spec.restoreSourceTableArn);
    return `point-in-time restore of ${source} at ${spec.restoreToLatestTime ? "the latest restorable time" : spec.restoreDateTime}`;
  }
  return null;
}
