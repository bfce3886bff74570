/**
 * Test face of the CLI's mock runtime (cli/mock-runtime.ts, where the recording now lives so `plan`
 * and `check` use the very same code): the runner plus assertion helpers for inventories.
 *
 * `assertMocksActive` proves `setMocks` was in force: without it the SDK silently echoes inputs and
 * a test would pass while checking nothing.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { MockRun, mocksProblem, runUnderMocks, stackConfigStrings } from "../../cli/mock-runtime";

export { ACCOUNT_ID, runUnderMocks, stackConfigStrings } from "../../cli/mock-runtime";
export type { MockRun, Recorded } from "../../cli/mock-runtime";

/** Fails unless the run went through the mock monitor. */
export function assertMocksActive(run: MockRun): void {
  const problem = mocksProblem(run);
  assert.ok(problem === undefined, problem);
}

export const custom = (run: MockRun) => run.resources.filter((r) => r.custom);
export const byName = (run: MockRun, name: string, type?: string) => {
  const found = run.resources.filter((r) => r.name === name && (!type || r.type === type));
  assert.strictEqual(found.length, 1, `expected one resource named ${name}${type ? ` of ${type}` : ""}, found ${found.length}`);
  return found[0];
};
/** `type name` lines, sorted, for asserting complete inventories. */
export const inventory = (run: MockRun) => run.resources.map((r) => `${r.type} ${r.name}`).sort();

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "index.ts");

/** Freeze plain objects and arrays all the way down, so a test that mutates a shared run fails loudly. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value) || proto === Object.prototype || proto === null) {
      Object.freeze(value);
      for (const v of Object.values(value as object)) deepFreeze(v);
    }
  }
  return value;
}

/**
 * One mock run per stack file and mocha process: the reference program with only its stack file's
 * config is deterministic, and several test files read the same dev and prod runs. The shared run is
 * deep-frozen (a test cannot change what another one sees); every caller still asserts on it
 * (assertMocksActive proves that very run went through the mock monitor). Runs with overrides are
 * always fresh.
 */
const stackRuns = new Map<string, Promise<MockRun>>();

/** Run the reference program (index.ts) under mocks with a stack file's config (plus overrides): see stackRuns. */
export function runProgram(stack: string, overrides: Record<string, string> = {}): Promise<MockRun> {
  if (Object.keys(overrides).length > 0) return runProgramAfresh(stack, overrides);
  let run = stackRuns.get(stack);
  if (!run) {
    run = runProgramAfresh(stack, {}).then(deepFreeze);
    run.catch(() => stackRuns.delete(stack)); // a failure is reported to its caller, not cached
    stackRuns.set(stack, run);
  }
  return run;
}

/** Run the reference program (index.ts) afresh under mocks with a stack file's config (plus overrides). */
export function runProgramAfresh(stack: string, overrides: Record<string, string> = {}): Promise<MockRun> {
  const config = parseYaml(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
  return runUnderMocks(() => {
    delete require.cache[require.resolve(PROGRAM)];
    require(PROGRAM);
  }, { stack, config: { ...stackConfigStrings(config), ...overrides } });
}
