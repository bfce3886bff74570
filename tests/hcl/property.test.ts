// Property tests for the HCL printer (the property itself is in property-cases.ts).
//
// HCL_FUZZ_RUNS   number of runs, each one generated file (default 200 in `npm test`, 10000 under
//                 FUZZ=full, i.e. `npm run test:fuzz` and CI; see tests/helpers/fuzz.ts)
// HCL_FUZZ_WORKERS worker threads sharing the runs (default: min(2, cores) from 2000 runs up, else 1);
//                 1 = in-process, which is also how to replay: HCL_FUZZ_WORKERS=1 HCL_FUZZ_SEED=.. HCL_FUZZ_RUNS=..
// HCL_FUZZ_SEED / HCL_FUZZ_PATH  fast-check seed and shrink path to replay a reported failure
//
// Cost is dominated by HashiCorp's WASM parse + format, and grows with the bytes parsed rather
// than with the number of calls (a 20-string file costs ~6x a 1-string one), so batching more
// cases per file would not help. Measured on this 2-core box: ~1.2 ms per run, 10000 runs in
// ~12 s in one thread; two threads (the WASM modules are single-threaded) pay ~2 s of ts-node
// start-up each and win when the machine is busy (35 s vs 47 s at load 9). A few hundred runs are
// cheaper in-process than the threads' start-up, hence the quick count runs without them.

import { strict as assert } from "assert";
import os from "os";
import path from "path";
import { Worker } from "worker_threads";
import fc from "fast-check";
import { Case, checkCase, checkExpr, exprArb, runProperty } from "./property-cases";
import { fuzzRuns } from "../helpers/fuzz";

const RUNS = fuzzRuns("HCL_FUZZ_RUNS", { quick: 200, full: 10000 });
const EXPR_RUNS = Math.max(50, Math.round(RUNS / 20)); // in-process, one AST + one format each
const WORKERS = Math.max(1, Number(process.env.HCL_FUZZ_WORKERS ?? (RUNS >= 2000 ? Math.min(2, os.availableParallelism()) : 1)));
const SEED = process.env.HCL_FUZZ_SEED !== undefined
  ? Number(process.env.HCL_FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 0x100000000)) | 0;

function runInWorker(numRuns: number, seed: number): Promise<{ ok: boolean; message?: string }> {
  const entry = path.join(__dirname, "property-worker.ts");
  return new Promise((resolve, reject) => {
    const tsNode = require.resolve("ts-node/register/transpile-only"); // absolute: cwd-independent
    const w = new Worker(`require(${JSON.stringify(tsNode)}); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData: { numRuns, seed },
    });
    let answered = false;
    w.once("message", (m: { ok: boolean; message?: string }) => {
      answered = true;
      resolve(m);
      void w.terminate();
    });
    w.once("error", reject);
    w.once("exit", (code) => { if (!answered) reject(new Error(`property worker exited with code ${code}`)); });
  });
}

describe("hcl property: arbitrary text round-trips through print -> parse", function () {
  this.timeout(0); // bounded by HCL_FUZZ_RUNS instead

  it(`values, keys, labels, names, comments and templates (${RUNS} runs, ${WORKERS} thread(s))`, async () => {
    if (WORKERS === 1) return runProperty(RUNS, SEED, process.env.HCL_FUZZ_PATH);
    const shares = Array.from({ length: WORKERS }, (_, i) => Math.floor(RUNS / WORKERS) + (i < RUNS % WORKERS ? 1 : 0));
    const results = await Promise.all(shares.map((n, i) => runInWorker(n, SEED + i)));
    results.forEach((r, i) => {
      if (!r.ok) {
        assert.fail(`worker ${i}; replay with HCL_FUZZ_WORKERS=1 HCL_FUZZ_SEED=${SEED + i} HCL_FUZZ_RUNS=${shares[i]}\n${r.message}`);
      }
    });
  });

  it(`operator precedence: printed parentheses keep the tree (${EXPR_RUNS} runs)`, async () => {
    await fc.assert(fc.asyncProperty(exprArb, checkExpr), { numRuns: EXPR_RUNS, seed: SEED });
  });

  it("replays known edge cases", async () => {
    const base: Case = { comments: ["", "", ""], labels: ["a", "b"], attrs: [], tags: [], tagCommentAt: 0, tpl: [], list: [] };
    const edge: Partial<Case>[] = [
      { tpl: ["x$", 0, "$"] }, { tpl: ["$", 0] }, { tpl: ["$$", 0, "%", 1] }, { tpl: ["$${", 0, "%%{"] },
      { tpl: ["e", 0, "\u0301"] }, { tags: [["${", "%{"], ["$${x}", "}"], ["for", ""], ["null", "x"], ["e\u0301", "é"]] },
      { tags: [["\u0301", ""], ["", ""], ["\u0000\u{1611e}", ""], ["क्ष", "क्ष"], ["👩‍💻", ""]] }, // alignment widths
      { labels: ["", "${x}"], comments: ["a\r\nb\rc", "*/", "\u2028"] }, { labels: ["\u{2f800}", "e\u0301"] },
      { attrs: [["null", "${"], ["for", "$"], ["_", ""]] },
    ];
    for (const e of edge) await checkCase({ ...base, ...e });
  });
});
