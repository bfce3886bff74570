/**
 * Benchmark 4, the test suite: `npm test` wall time on a fresh `git clone` of HEAD (committed
 * state only) whose node_modules is a symlink to this checkout's, so installation is excluded, and
 * whose dist/ is built as `npm ci` builds it (CI's state, .ci/run).
 * With `files: true` it also times the type-check alone and every test file in isolation (a fresh
 * mocha process each, JSON reporter), to show which files dominate.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { runChild } from "../lib/proc";
import { Summary, show, summarize } from "../lib/stats";

export interface FileTiming {
  file: string;
  /** Fresh mocha process for this file alone: spawn to exit. */
  wallMs: number;
  /** Sum of the file's test durations as mocha reports them (excludes loading and hooks). */
  testsMs: number;
  tests: number;
  failures: number;
}

export interface SuiteResult {
  commit: string;
  install: string;
  npmTest: { wallMs: Summary; passed: boolean[]; tests?: string };
  typecheckMs?: number;
  files?: FileTiming[];
  target: { maxMs: number; met: boolean };
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(dir, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".test.ts")) out.push(rel);
    }
  };
  walk("tests");
  return out.sort();
}

export async function suiteBenchmark(projectDir: string, opts: { runs: number; files: boolean; log: (s: string) => void }): Promise<SuiteResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-suite-"));
  const repo = path.join(tmp, "repo");
  try {
    execFileSync("git", ["clone", "--quiet", projectDir, repo], { stdio: "inherit" });
    fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(repo, "node_modules"), "dir");
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    // What `npm ci` does besides installing: its `prepare` script builds dist/, which the bin runs when it
    // is newer than the sources (bin/entry-point.js), as it is in CI (.ci/run).
    execFileSync("npm", ["run", "build"], { cwd: repo, stdio: "ignore" });
    opts.log(`  clone of ${commit.slice(0, 12)} in ${repo}, node_modules symlinked, dist/ built`);
    const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
    const walls: number[] = [];
    const passed: boolean[] = [];
    let tests: string | undefined;
    for (let i = 0; i < opts.runs; i++) {
      const r = await runChild("npm", ["test"], { cwd: repo, env, timeoutMs: 1_200_000, measure: false });
      walls.push(r.wallMs);
      passed.push(r.code === 0);
      tests = /(\d+ passing[^\n]*)/.exec(r.stdout)?.[1] ?? tests;
      opts.log(`  npm test run ${i + 1}/${opts.runs}: ${(r.wallMs / 1000).toFixed(1)} s, ${r.code === 0 ? "passed" : `FAILED (exit ${r.code})`}${tests ? `, ${tests}` : ""}`);
      if (r.code !== 0) opts.log(r.stdout.slice(-1500) + r.stderr.slice(-1500));
    }
    const result: SuiteResult = {
      commit, install: "git clone of HEAD; node_modules symlinked to the checkout's (install excluded); dist/ built as npm ci's prepare script builds it",
      npmTest: { wallMs: summarize(walls), passed, tests },
      target: { maxMs: 60_000, met: summarize(walls).median < 60_000 && passed.every(Boolean) },
    };
    if (opts.files) {
      const tc = await runChild("npm", ["run", "typecheck"], { cwd: repo, env, timeoutMs: 600_000, measure: false });
      result.typecheckMs = Math.round(tc.wallMs);
      opts.log(`  typecheck alone: ${(tc.wallMs / 1000).toFixed(1)} s`);
      result.files = [];
      const mocha = path.join(repo, "node_modules", "mocha", "bin", "mocha.js");
      for (const file of testFiles(repo)) {
        const report = path.join(tmp, "report.json");
        fs.rmSync(report, { force: true });
        const r = await runChild(process.execPath, [mocha, file, "--reporter", "json", "--reporter-option", `output=${report}`], { cwd: repo, env, timeoutMs: 600_000, measure: false });
        let testsMs = 0;
        let count = 0;
        let failures = r.code === 0 ? 0 : 1;
        if (fs.existsSync(report)) {
          const json = JSON.parse(fs.readFileSync(report, "utf8"));
          testsMs = (json.tests as { duration?: number }[]).reduce((sum, t) => sum + (t.duration ?? 0), 0);
          count = json.stats.tests;
          failures = json.stats.failures;
        }
        result.files.push({ file, wallMs: Math.round(r.wallMs), testsMs: Math.round(testsMs), tests: count, failures });
        opts.log(`  ${file.padEnd(44)} ${(r.wallMs / 1000).toFixed(1).padStart(5)} s wall, ${(testsMs / 1000).toFixed(1).padStart(5)} s in tests, ${count} tests${failures ? `, ${failures} FAILED` : ""}`);
      }
      result.files.sort((a, b) => b.wallMs - a.wallMs);
    }
    opts.log(`  npm test: ${show(result.npmTest.wallMs)} (target < 60 s)`);
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
