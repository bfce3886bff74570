/**
 * Reads `--from-tfstate FILE` only if it is a regular file under MAX_STATE_BYTES (issue 22 class 3):
 * a FIFO would block the read forever, a character device such as /dev/zero (directly or through a
 * symbolic link) would grow memory without bound. The file is opened non-blocking (a FIFO's open would
 * otherwise wait for a writer), then judged by fstat of that very descriptor (no check-then-open race),
 * then read up to the limit. Errors name the path, never the contents (class 5).
 */
import * as fs from "fs";
import { BlueprintValidationError } from "../../model/errors";
import { errnoText } from "../../files/safe-write";
import { oneLine } from "../../project/adopt/sanitise";

/** Terraform states of thousands of resources stay far below this. */
export const MAX_STATE_BYTES = 256 * 1024 * 1024;

const FIX = "pass the state file itself, e.g. `terraform state pull > terraform.tfstate`";

function refuse(shown: string, message: string, fix = FIX): never {
  throw new BlueprintValidationError("dynamodb-blueprints adopt", [{ where: "--from-tfstate", value: JSON.stringify(oneLine(shown, 200)), message, fix }]);
}

function kind(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  if (stat.isDirectory()) return "a directory";
  return "not a regular file";
}

export function readStateFile(abs: string, shown: string, limit = MAX_STATE_BYTES): string {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    refuse(shown, `cannot be read (${errnoText(code) ?? "error"}${code ? `, ${code}` : ""})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) refuse(shown, `is ${kind(stat)}, not a regular file; adopt reads state only from regular files`);
    if (stat.size > limit) refuse(shown, `is ${stat.size} bytes, over the ${limit}-byte limit for a state file`, "pass the state of one configuration");
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > limit) refuse(shown, `grew past the ${limit}-byte limit while being read`, "pass a state file that is not being written");
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
