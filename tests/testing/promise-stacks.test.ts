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

  const state = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { leakCandidates: Set<unknown> };
    getPendingResourceRegistrations(): Map<unknown, { res: unknown; label: string; type: string; name: string; phase: string }>;
  };
  const { leakedPromises } = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): [Set<unknown>, string] };

  it("debuggablePromise hands back the promise itself: same value, same rejection, nothing added to it or to the leak set", async () => {
    const outside = Promise.resolve(1);
    assert.strictEqual(await debuggable.debuggablePromise(outside, "outside"), 1);
    assert.ok("_debugStackTrace" in outside, "outside a run the SDK decorates the promise (the checks below can fail)");
    const never = new Promise<never>(() => undefined);
    const inside = Promise.resolve(2);
    const failure = new Error("registration failed");
    const failing = Promise.reject(failure);
    const [same, value, error, tracked] = await withCheapPromiseStacks(async () => [
      debuggable.debuggablePromise(never, "stuck") === never,
      await debuggable.debuggablePromise(inside, "inside"),
      await debuggable.debuggablePromise(failing, "inside").catch((e: unknown) => e),
      state.getStore().leakCandidates.has(never),
    ] as const);
    assert.ok(same, "no wrapper promise");
    assert.strictEqual(value, 2);
    assert.strictEqual(error, failure);
    assert.ok(!tracked, "a promise is not kept in the leak set");
    assert.ok(!("_debugStackTrace" in inside) && !("_debugId" in inside) && !("_debugStackTrace" in failing), "no properties, no captured stack");
  });

  it("a run that ends with registrations pending leaves the SDK's report of them non-empty (the CLI prints it); one without leaves the set alone", async () => {
    const pending = state.getPendingResourceRegistrations();
    const before = state.getStore().leakCandidates.size;
    await withCheapPromiseStacks(async () => undefined);
    assert.strictEqual(state.getStore().leakCandidates.size, before, "nothing pending, nothing marked");
    const res = {};
    try {
      await withCheapPromiseStacks(async () => { pending.set(res, { res, label: "resource:legacy", type: "aws:dynamodb/table:Table", name: "legacy", phase: "dependencies" }); });
      const [, message] = leakedPromises(); // also clears the set, as the CLI's read does
      assert.match(message, /\* "legacy" \[aws:dynamodb\/table:Table\] was waiting for its dependencies to resolve/);
    } finally {
      pending.delete(res);
    }
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
