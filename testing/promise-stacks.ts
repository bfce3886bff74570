/**
 * The Pulumi Node SDK captures `new Error().stack` for every promise it creates
 * (`@pulumi/pulumi/runtime/debuggable.js`, `debuggablePromise`) and reads it only to report promise
 * leaks when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Where source maps are installed (ts-node installs
 * source-map-support), formatting those stacks is about half the CPU of a mocked program run
 * (measured: `plan --stack prod` in-process, 1.0-1.3 s -> 0.4-0.9 s). While a recording runs, those
 * captures get an empty stack; every other error is formatted exactly as before.
 *
 * Capturing the frames costs even when nothing formats them, and so does the bookkeeping: a program
 * of 1,000 tables makes ~250,000 such promises, all in flight at once (the program constructs every
 * resource before any registration settles), and `debuggablePromise` gives each three extra
 * properties, a stack walk and an entry in the SDK's leak-candidate set, which it reads only in a
 * `process.on("exit")` report of promises still pending. Under mocks the recording has its own
 * check (registrations that did not settle fail the run, testing/record.ts), so during a recording
 * `debuggablePromise` keeps only what a caller can observe: the same `.then`/`.catch` chain (same
 * ticks, same `err.promise`), without the stack, the properties or the set. A sixth of the CPU and
 * about a third of the heap of a mocked `plan` of 1,000 tables (bench/cli).
 *
 * Likewise every resource's constructor captures the whole stack (`Resource.callsites`, with
 * `Error.stackTraceLimit = Infinity`) for the source position it sends the engine's diagnostics. The
 * mock monitor never reads it (`@pulumi/pulumi/runtime/mocks.js`), so during a recording it is empty.
 */
import * as pulumi from "@pulumi/pulumi";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

type Format = (error: Error, callSites: NodeJS.CallSite[]) => unknown;

const v8Format: Format = (error, callSites) => `${error}${callSites.map((c) => `\n    at ${c}`).join("")}`;

// @internal in the SDK, so not in its type declarations: the shape of debuggable.js's export.
type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
const sdk = debuggable as unknown as { debuggablePromise?: DebuggablePromise };

/** `debuggablePromise` as callers see it, without the leak bookkeeping (the SDK calls it through its module object, so replacing the export reaches every caller). */
function withoutBookkeeping(): DebuggablePromise {
  return <T>(p: Promise<T>) => p.then((val) => val).catch((err) => {
    err.promise = p;
    throw err;
  });
}

export async function withCheapPromiseStacks<T>(run: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return run();
  const previous = Error.prepareStackTrace as Format | undefined;
  const cheap: Format = (error, callSites) =>
    callSites[0]?.getFunctionName() === "debuggablePromise" ? "" : (previous ?? v8Format)(error, callSites);
  Error.prepareStackTrace = cheap as typeof Error.prepareStackTrace;
  const original = sdk.debuggablePromise;
  const replaced = typeof original === "function" ? withoutBookkeeping() : undefined;
  if (replaced) sdk.debuggablePromise = replaced;
  const resource = pulumi.Resource as unknown as { callsites?: () => unknown[] };
  const callsites = resource.callsites;
  const noCallsites = () => [];
  if (typeof callsites === "function") resource.callsites = noCallsites;
  try {
    return await run();
  } finally {
    if (resource.callsites === noCallsites) resource.callsites = callsites;
    if (replaced && sdk.debuggablePromise === replaced) sdk.debuggablePromise = original;
    // Something installed during the run (a program registering ts-node) keeps its own formatter.
    if (Error.prepareStackTrace === (cheap as unknown)) Error.prepareStackTrace = previous as typeof Error.prepareStackTrace;
  }
}
