/**
 * How far V8 lets the heap grow between full garbage collections while a CLI command runs.
 *
 * After each full collection V8 sets the next one at the live size times a factor it picks from how
 * fast collection is compared with the program (up to 4x on a machine with memory to spare:
 * `MemoryController::GrowingFactor`, v8/src/heap/heap-controller.cc). A program run under mocks
 * builds all its resources before any registration settles, so the live size keeps climbing during
 * the run, and most of what a command allocates after the last full collection is garbage nobody
 * reclaims: measured on `plan` of a generated 1,000-table program (bench/cli), a live size of ~130 MB
 * at the second collection let the heap grow to ~385 MB before the third.
 *
 * While a command runs, `--heap-growing-percent` pins the factor to 1.5 (the flag is V8's own:
 * "specifies heap growing factor as (1 + heap_growing_percent/100)", `node --v8-options`). It only
 * decides when the next collection runs; the heap limit is untouched, so a program too big for a
 * smaller heap runs as before (3,000 tables: bench/cli), only with more collections. It is set
 * through `v8.setFlagsFromString` inside `main` (cli/main.ts), so the installed bin, tests and the
 * benchmark child (bench/cli/child.ts, which calls `main` as the bin does) all run with it, and it
 * is set back to 0 (V8's default: the factor is chosen again) when the command ends.
 */
import * as v8 from "v8";

export const HEAP_GROWING_PERCENT = 50;

/** Where the flags are set (replaced by tests to see what is set, and when). */
export const v8Flags = { set: (flags: string): void => v8.setFlagsFromString(flags) };

/** Commands running now (a command may run another: set once, unset when the outermost ends). */
let depth = 0;

/** Run one CLI command with the heap's growth between full collections pinned (see above). */
export async function withHeapGrowth<T>(run: () => Promise<T>): Promise<T> {
  if (depth++ === 0) v8Flags.set(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return await run();
  } finally {
    if (--depth === 0) v8Flags.set("--heap-growing-percent=0");
  }
}
