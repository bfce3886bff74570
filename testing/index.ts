/**
 * `dynamodb-blueprints/testing`: unit-test Pulumi code under mocks and see what it registers, with the
 * resource options that Pulumi's mocks never receive.
 *
 *   const run = await record(() => new DynamoTable("users", args, { protect: true }));
 *   assert.ok(findResource(run, "aws:dynamodb/table:Table", "users").protect);
 *
 *   const stack = await runProgram(".", { stack: "dev" });   // Pulumi.yaml `main` + Pulumi.dev.yaml
 *
 * Works with the user's own `pulumi.runtime.setMocks(...)`: those mocks are reused as they are.
 */
import * as assert from "assert";
import { RecordedResource, Recording, mocksProblem } from "./record";

export { record, defaultMocks, mocksProblem, ACCOUNT_ID } from "./record";
export type { RecordedResource, Recording, RecordOptions } from "./record";
export { runProgram, ProgramError } from "./program";
export type { ProgramRun, ProgramOptions, CollectedComponent } from "./program";

/** Throws unless the recording went through Pulumi's mock monitor (without mocks the SDK echoes inputs). */
export function assertMocksActive(run: Recording): void {
  const problem = mocksProblem(run);
  if (problem) throw new assert.AssertionError({ message: problem });
}

/** Every recorded resource of a type token (e.g. `aws:dynamodb/table:Table`). */
export function resourcesOfType(run: Recording, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one recorded resource with this type and name; throws when there is none or more than one. */
export function findResource(run: Recording, type: string, name: string): RecordedResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = resourcesOfType(run, type).map((r) => r.name);
    throw new assert.AssertionError({ message: `expected one ${type} named "${name}", found ${found.length}${names.length ? ` (there are: ${names.join(", ")})` : ""}` });
  }
  return found[0];
}
