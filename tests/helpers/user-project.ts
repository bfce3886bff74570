/**
 * Scratch Pulumi projects of a user's shape, inside the checkout (so `@pulumi/*` resolve from its
 * node_modules) and removed after the run, and the CLI's `main(argv, io)` run in-process on them.
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../cli/main";
import { Io } from "../../cli/command";

const ROOT = path.resolve(__dirname, "..", "..");
const scratch: string[] = [];
process.once("exit", () => { for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true }); });

/** A project inside the checkout (so `@pulumi/*` resolve from its node_modules), removed afterwards. */
export function userProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(ROOT, "tests", ".scratch-"));
  scratch.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export async function cli(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd: dir };
  const code = await main(argv, io);
  return { code, out, err };
}

