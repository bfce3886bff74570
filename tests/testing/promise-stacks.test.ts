import * as assert from "assert";
import { withCheapPromiseStacks } from "../../testing/promise-stacks";

// Named like the Pulumi SDK's promise wrapper, whose captures are the only ones made cheap.
function debuggablePromise(): string | undefined {
  return new Error().stack;
}
function ordinaryFunction(): string | undefined {
  return new Error("boom").stack;
}

describe("testing: cheap stacks for the Pulumi SDK's promise captures", () => {
  it("gives the SDK's per-promise capture an empty stack while a run is in progress", async () => {
    assert.match(debuggablePromise() ?? "", /at debuggablePromise/, "outside a run the capture is a real stack");
    const inside = await withCheapPromiseStacks(async () => debuggablePromise());
    assert.strictEqual(inside, "");
  });

  it("formats every other error exactly as before, and restores the formatter afterwards", async () => {
    const before = Error.prepareStackTrace;
    const stack = await withCheapPromiseStacks(async () => ordinaryFunction());
    assert.match(stack ?? "", /^Error: boom\n\s+at ordinaryFunction/);
    assert.strictEqual(Error.prepareStackTrace, before);
  });

  it("restores the formatter when the run throws", async () => {
    const before = Error.prepareStackTrace;
    await assert.rejects(withCheapPromiseStacks(async () => { throw new Error("program failed"); }), /program failed/);
    assert.strictEqual(Error.prepareStackTrace, before);
  });

  it("leaves stacks alone when PULUMI_DEBUG_PROMISE_LEAKS asks for them", async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      const inside = await withCheapPromiseStacks(async () => debuggablePromise());
      assert.match(inside ?? "", /at debuggablePromise/);
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });
});

describe("testing: the Pulumi SDK's per-promise and per-resource bookkeeping is skipped while a run records", () => {
  // The SDK's own module objects: its internals call debuggablePromise through this export.
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T> };
  const pulumi = require("@pulumi/pulumi") as { Resource: { callsites(): unknown[] } };

  it("debuggablePromise resolves, rejects and tracks leak candidates as before, without the stack or the properties", async () => {
    const outside = Promise.resolve(1);
    assert.strictEqual(await debuggable.debuggablePromise(outside, "outside"), 1);
    assert.ok("_debugStackTrace" in outside, "outside a run the SDK decorates the promise (the check below can fail)");
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<unknown> } };
    const never = new Promise<never>(() => undefined);
    const stuck = await withCheapPromiseStacks(async () => { void debuggable.debuggablePromise(never, "stuck"); return state.getStore().leakCandidates.has(never); });
    assert.ok(stuck, "a promise that never settles stays a leak candidate (the CLI names stuck registrations from them)");
    state.getStore().leakCandidates.delete(never);
    const inside = Promise.resolve(2);
    const failing = Promise.reject(new Error("registration failed"));
    const [value, error] = await withCheapPromiseStacks(async () => [
      await debuggable.debuggablePromise(inside, "inside"),
      await debuggable.debuggablePromise(failing, "inside").catch((e: Error & { promise?: unknown }) => e),
    ] as const);
    assert.strictEqual(value, 2);
    assert.ok(!("_debugStackTrace" in inside) && !("_debugId" in inside), "no properties, no captured stack");
    assert.strictEqual((error as Error & { promise?: unknown }).promise, failing, "a rejection names its promise, as the SDK's does");
    assert.ok(!("_debugStackTrace" in failing));
    assert.ok(!state.getStore().leakCandidates.has(inside) && !state.getStore().leakCandidates.has(failing), "settled promises leave the set");
  });

  it("resources get no source position (the mock monitor never reads it), and both hooks are restored, also after a failure", async () => {
    const original = debuggable.debuggablePromise;
    const callsites = pulumi.Resource.callsites;
    assert.ok(callsites.call(pulumi.Resource).length > 0, "outside a run the SDK walks the stack");
    assert.deepStrictEqual(await withCheapPromiseStacks(async () => pulumi.Resource.callsites()), []);
    await assert.rejects(withCheapPromiseStacks(async () => { throw new Error("program failed"); }), /program failed/);
    assert.strictEqual(debuggable.debuggablePromise, original);
    assert.strictEqual(pulumi.Resource.callsites, callsites);
  });
});
