/**
 * Writes Pulumi's bulk-import file without ever replacing a file the user has, unless `force`, through
 * files/safe-write.ts: the new text goes to a temp file in the same directory first (fsynced), then is
 * linked into place (link fails if the target exists, so there is no check-then-write race) or, with
 * `force`, renamed over it; a symbolic link at the target is refused either way.
 *
 * `--force` replaces only a file adopt wrote before, recognised by its content (a Pulumi import file:
 * one `resources` array of `{ type, name, ... }`). A Terraform state (even `--import-file
 * ./terraform.tfstate --force`), the state adopt reads, or any other file is refused with what it is
 * (issue 22 class 8): the import file is a by-product, never worth a user's data.
 */
import * as fs from "fs";
import * as path from "path";
import { BlueprintValidationError } from "../../model/errors";
import { writeFileAtomicSync } from "../../files/safe-write";
import { readStateFile } from "./read-state-file";

/** An import file of thousands of resources is a few MB. */
const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

function refuse(file: string, message: string, fix: string): never {
  throw new BlueprintValidationError("dynamodb-blueprints adopt", [{ where: "--import-file", value: JSON.stringify(path.basename(file)), message, fix }]);
}

/** What an existing file is, when it is not an import file adopt wrote; undefined when it is one. */
function notOurs(file: string): string | undefined {
  let text: string;
  try {
    text = readStateFile(file, file, MAX_IMPORT_FILE_BYTES);
  } catch {
    return "not a regular file adopt can read";
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON, so not an import file adopt wrote";
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not an import file adopt wrote";
  if ("version" in json && ("lineage" in json || "terraform_version" in json)) return "a Terraform state file";
  const keys = Object.keys(json);
  const resources = (json as { resources?: unknown }).resources;
  const ours = keys.length === 1 && keys[0] === "resources" && Array.isArray(resources) &&
    resources.every((r) => typeof r === "object" && r !== null && typeof r.type === "string" && typeof r.name === "string");
  return ours ? undefined : "not an import file adopt wrote (its content is not one `resources` list)";
}

export function assertWritable(file: string, force: boolean): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new BlueprintValidationError("dynamodb-blueprints adopt", [{ where: "--import-file", value: JSON.stringify(file),
      message: `its directory ${dir} does not exist`, fix: "create the directory, or pass another --import-file" }]);
  }
  if (/\.tfstate(\.backup)?$/i.test(file)) {
    refuse(file, "names a Terraform state file; adopt never writes one", "pass another --import-file, e.g. pulumi-import.json");
  }
  if (!fs.existsSync(file) && !isLink(file)) return;
  if (!force) {
    refuse(file, "already exists, and adopt never overwrites a file without being told", "pass --force to replace an import file adopt wrote before, or another --import-file");
  }
  const what = notOurs(file);
  if (what !== undefined) {
    refuse(file, `exists and is ${what}; --force replaces only an import file adopt wrote before`, "pass another --import-file");
  }
}

const isLink = (file: string) => {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

export function writeImportFile(file: string, text: string, force: boolean): void {
  assertWritable(file, force);
  try {
    // The one atomic writer: temp file, fsync, then link into place (or rename over it with --force).
    writeFileAtomicSync(file, text, { createOnly: !force });
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code === "EEXIST") assertWritable(file, false); // created meanwhile: same clear error
    throw error;
  }
}
