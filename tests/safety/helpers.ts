/**
 * Shared by the safety tests: the CLI's `main` run in-process (the same entry the bin calls, minus the
 * process, so dozens of rows cost milliseconds instead of ~2 s of ts-node start-up each), scratch
 * projects, and the check that an error names the place, the bad value and the fix.
 */
import { referenceProgramFile } from "../cli/run-cli";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DEV = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
export const PROD = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");

export interface Ran { code: number; out: string; err: string }

export async function cli(args: string[], cwd: string = ROOT): Promise<Ran> {
  const ran = { out: "", err: "" };
  const code = await main(args, { out: (t) => { ran.out += `${t}\n`; }, err: (t) => { ran.err += `${t}\n`; }, cwd });
  return { code, ...ran };
}

/** A temporary project: Pulumi.yaml from the repo plus the given files. */
export function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-safety-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "index.ts"), referenceProgramFile());
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** What an invalid input's error must say: a problem at `where` (substring), got exactly `value`, a fix matching `fix`. */
export interface Expect { where: string; value: string; fix: RegExp }

/**
 * Finds the numbered problem line (`N. where: message (got value). Fix: fix`, see model/errors.ts)
 * and checks all three parts on that one line, so a message naming the place in one problem and the
 * fix in another does not pass.
 */
export function assertProblem(text: string, e: Expect): void {
  const lines = text.split("\n").filter((l) => /^\s+\d+\. /.test(l));
  const hit = lines.find((l) => {
    const m = /^\s+\d+\. (.*?): .*\(got (.*?)\)\. Fix: (.*)$/.exec(l);
    return m !== null && m[1].includes(e.where) && m[2] === e.value && e.fix.test(m[3]);
  });
  assert.ok(hit, `no problem line with where ~ ${e.where}, (got ${e.value}), fix ~ ${e.fix} in:\n${text}`);
}

/** Every file under `dir`, relative; [] when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
