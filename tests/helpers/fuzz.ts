/**
 * How many runs a property (fuzz) test makes. `npm test` is the inner loop and runs a small,
 * still-random sample of every property; `npm run test:fuzz` (also run by CI, .ci/run) sets
 * FUZZ=full and runs the full counts. A test's own variable (e.g. HCL_FUZZ_RUNS) wins over both,
 * which is also how a reported failure is replayed with its seed.
 */
export const FUZZ_FULL = process.env.FUZZ === "full";

export function fuzzRuns(variable: string, counts: { quick: number; full: number }): number {
  const own = process.env[variable];
  if (own !== undefined && own !== "") {
    const n = Number(own);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${variable}=${own}: must be a whole number of runs, 1 or more`);
    return n;
  }
  return FUZZ_FULL ? counts.full : counts.quick;
}
