/**
 * Writes Pulumi's bulk-import file without ever replacing a file the user has, unless `force`: the new
 * text goes to a temp file in the same directory first (fsynced), then is linked into place (link fails
 * if the target exists, so there is no check-then-write race) or, with `force`, renamed over it.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { BlueprintValidationError } from "../../model/errors";

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
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o644);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (force) fs.renameSync(temp, file);
    else fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") assertWritable(file, false); // created meanwhile: same clear error
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
