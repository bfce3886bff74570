/**
 * Writes Pulumi's bulk-import file without ever replacing a file the user has, unless `force`, through
 * files/safe-write.ts: the new text goes to a temp file in the same directory first (fsynced), then is
 * linked into place (link fails if the target exists, so there is no check-then-write race) or, with
 * `force`, renamed over it; a symbolic link at the target is refused either way.
 */
import * as fs from "fs";
import * as path from "path";
import { BlueprintValidationError } from "../../model/errors";
import { writeFileAtomicSync } from "../../files/safe-write";

export function assertWritable(file: string, force: boolean): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new BlueprintValidationError("dynamodb-blueprints adopt", [{ where: "--import-file", value: JSON.stringify(file),
      message: `its directory ${dir} does not exist`, fix: "create the directory, or pass another --import-file" }]);
  }
  if (!force && fs.existsSync(file)) {
    throw new BlueprintValidationError("dynamodb-blueprints adopt", [{ where: "--import-file", value: JSON.stringify(file),
      message: "already exists, and adopt never overwrites a file without being told", fix: "pass --force to replace it, or another --import-file" }]);
  }
}

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
