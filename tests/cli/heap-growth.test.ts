/**
 * cli/heap-growth.ts: while a command runs, V8's heap grows by at most half its live size between
 * full collections; when it ends, V8 picks the factor again. The effect on memory is measured by
 * bench/cli, not here: these tests see which V8 flags are set, and when.
 */
import * as assert from "assert";
import { HEAP_GROWING_PERCENT, v8Flags, withHeapGrowth } from "../../cli/heap-growth";
import { main } from "../../cli/main";
import type { Command } from "../../cli/command";

const PINNED = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
const RESET = "--heap-growing-percent=0";

/** Record the flags set while `body` runs (the real setter is put back afterwards). */
async function watchFlags(body: (seen: string[]) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const real = v8Flags.set;
  v8Flags.set = (flags) => { seen.push(flags); };
  try {
    await body(seen);
  } finally {
    v8Flags.set = real;
  }
  return seen;
}

describe("cli: the heap's growth between collections while a command runs", () => {
  it("pins the growth for the run and gives V8 its own choice back afterwards, also when the run fails", async () => {
    assert.strictEqual(HEAP_GROWING_PERCENT, 50);
    const during: string[][] = [];
    const seen = await watchFlags(async (flags) => {
      assert.strictEqual(await withHeapGrowth(async () => { during.push([...flags]); return 7; }), 7);
      await assert.rejects(withHeapGrowth(async () => { throw new Error("program failed"); }), /program failed/);
    });
    assert.deepStrictEqual(during, [[PINNED]], "pinned before the run starts");
    assert.deepStrictEqual(seen, [PINNED, RESET, PINNED, RESET]);
  });

  it("a command run inside another sets nothing of its own and does not unpin the outer one", async () => {
    const seen = await watchFlags(async (flags) => {
      await withHeapGrowth(async () => {
        await withHeapGrowth(async () => undefined);
        assert.deepStrictEqual(flags, [PINNED], "still pinned after the inner command");
      });
    });
    assert.deepStrictEqual(seen, [PINNED, RESET]);
  });

  it("main runs every command with it (the installed bin and bench/cli/child.ts both call main)", async () => {
    let during: string[] = [];
    const probe: Command = { name: "probe", summary: "test", flags: {}, run: async () => { during = [...seenNow]; return 0; } };
    let seenNow: string[] = [];
    const seen = await watchFlags(async (flags) => {
      seenNow = flags;
      const code = await main(["probe"], { out: () => undefined, err: () => undefined, cwd: process.cwd() }, [probe]);
      assert.strictEqual(code, 0);
    });
    assert.deepStrictEqual(during, [PINNED]);
    assert.deepStrictEqual(seen, [PINNED, RESET]);
  });
});
