/**
 * The CLI's view of a stack: the project's own Pulumi program run under mocks (testing/program.ts),
 * with every registered resource and its resource options recorded (testing/record.ts). `plan`,
 * `check`, `lock`, `hcl`, `local` and `start` all read a stack through `runStack`, so they judge what
 * the user's program really registers. The repository's reference stack is just one such program.
 */
import * as path from "path";
import type { Blueprint } from "../model/stack";
import { RecordedResource, Recording, mocksProblem, record, ACCOUNT_ID } from "../testing/record";
import { CollectedComponent, ProgramRun, runProgram } from "../testing/program";
import { assertProgramDidNotExit, assertRegistrationsSettled } from "./program-lifecycle";
import { ProductionDeclaration, declaredProduction } from "../project/checklist/production";

export { ACCOUNT_ID, mocksProblem };

export type Recorded = RecordedResource;
/** With the default mocks, which count their `newResource` calls. */
export type MockRun = Recording & { newResourceCalls: number };

export interface MockOptions {
  stack?: string;
  /** Runtime config, `project:key` -> string, as Pulumi stores it. */
  config?: Record<string, string>;
  region?: string;
}

/** Run `program` (which creates resources) under fresh default mocks (tests and the CLI's own checks). */
export function runUnderMocks(program: () => unknown, options: MockOptions = {}): Promise<MockRun> {
  return record(program, { project: "dynamodb-blueprints", stack: options.stack ?? "test", config: options.config ?? {}, region: options.region, reuseMocks: false }) as Promise<MockRun>;
}

/** A stack file's config as the string map Pulumi's runtime holds (`pulumi config set` stores strings). */
export function stackConfigStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

export interface StackRun extends ProgramRun {
  /** The blueprints of the program's components, in construction order (what toTerraform and the lock read). */
  blueprints: Blueprint[];
  /** The stack file's `dynamodb-blueprints:production` (tables are otherwise production one by one: project/checklist/production.ts). */
  production: ProductionDeclaration;
}

/**
 * Run the project's program (Pulumi.yaml `main`) for one stack under mocks. Fails, before anything is
 * written, when the program fails, registers nothing through the mocks, or creates no blueprint component.
 */
export async function runStack(dir: string, stack: string, options: { deferLockGuard?: boolean } = {}): Promise<StackRun> {
  const run = await runProgram(dir, { stack, deferLockGuard: options.deferLockGuard ?? true, reuseMocks: false });
  const main = path.relative(dir, run.main) || run.main;
  assertProgramDidNotExit(dir, main); // cli/program-lifecycle.ts
  assertRegistrationsSettled(main);
  const problem = mocksProblem(run);
  if (problem) throw new Error(problem);
  const blueprints = run.components.map((c: CollectedComponent) => c.blueprint as Blueprint);
  return { ...run, blueprints, production: declaredProduction(run.config, `Pulumi.${stack}.yaml`) };
}
