/**
 * Every file the tool writes goes through files/safe-write.ts: a static scan of the shipped sources
 * finds any other call that creates, writes, renames or removes a file. Reading stays free.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./helpers";

const HELPER = path.join("files", "safe-write.ts");
const SOURCES = ["cli", "model", "local", "terraform", "hcl", "components", "policy", "files", "index.ts"];
/** fs calls that change the file system. `openSync(x, "r")` and `openSync(x, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)`
 * (read-only; non-blocking so a FIFO cannot stall the open, cli/adopt/read-state-file.ts) are allowed. */
const WRITE_CALL = /\b(?:fs|fsp|promises)\.(writeFile|writeFileSync|writeSync|write|appendFile|appendFileSync|createWriteStream|link|linkSync|rename|renameSync|rm|rmSync|unlink|unlinkSync|mkdir|mkdirSync|mkdtemp|mkdtempSync|copyFile|copyFileSync|cp|cpSync|symlink|symlinkSync|truncate|truncateSync|chmod|chmodSync|open|openSync)\(([^)]*)\)/g;

function sourceFiles(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs.readdirSync(abs, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => path.join(rel, f));
}

export function writeCalls(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(WRITE_CALL)) {
    if ((m[1] === "open" || m[1] === "openSync") && /,\s*(?:"r"|fs\.constants\.O_RDONLY(?:\s*\|\s*fs\.constants\.O_NONBLOCK)?)\s*$/.test(m[2])) continue;
    found.push(m[0]);
  }
  if (/from "fs\/promises"|require\("fs\/promises"\)/.test(text)) found.push("fs/promises import");
  return found;
}

describe("safety: one helper writes every file", () => {
  it("the scan finds the write calls the old writers made (so it can fail)", () => {
    const oldLockWriter = "fs.writeFileSync(temporary, serializeLock(lock));\n  fs.renameSync(temporary, file);";
    const oldPidLock = 'fs.writeFileSync(file, String(process.pid), { flag: "wx" });\n  return () => fs.rmSync(file, { force: true });';
    assert.strictEqual(writeCalls(oldLockWriter).length, 2);
    assert.strictEqual(writeCalls(oldPidLock).length, 2);
    assert.deepStrictEqual(writeCalls('const fd = fs.openSync(file, "r");'), []);
    assert.deepStrictEqual(writeCalls("fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)"), []);
    assert.strictEqual(writeCalls("fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_CREAT)").length, 1);
    assert.strictEqual(writeCalls("fs.writeSync(fd, text);\n    else fs.linkSync(temp, file);").length, 2);
  });

  it("no shipped source outside files/safe-write.ts writes, renames or removes a file", () => {
    const files = SOURCES.flatMap(sourceFiles).filter((f) => f !== HELPER);
    assert.ok(files.length > 40 && files.includes(path.join("terraform", "write.ts")) && files.includes(path.join("local", "server.ts")), `${files.length} files scanned`);
    const offenders = files.flatMap((f) => writeCalls(fs.readFileSync(path.join(ROOT, f), "utf8")).map((c) => `${f}: ${c}`));
    assert.deepStrictEqual(offenders, []);
  });

  it("the helper itself is what does the writing", () => {
    const helper = fs.readFileSync(path.join(ROOT, HELPER), "utf8");
    assert.ok(/O_EXCL/.test(helper) && /O_NOFOLLOW/.test(helper) && /fsyncSync/.test(helper) && /renameSync/.test(helper));
  });
});
