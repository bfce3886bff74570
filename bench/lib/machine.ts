/** What a result was measured on, recorded in every result file. */
import { execFileSync } from "child_process";
import * as os from "os";
import { HAS_GNU_TIME } from "./proc";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  gnuTime: boolean;
  loadAverageAtStart: number[];
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    gnuTime: HAS_GNU_TIME,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function gitState(dir: string): { commit: string; dirty: string[] } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
  try {
    return { commit: git("rev-parse", "HEAD"), dirty: git("status", "--porcelain").split("\n").filter(Boolean) };
  } catch {
    return { commit: "unknown", dirty: [] };
  }
}
