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
