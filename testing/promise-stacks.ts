/**
 * The Pulumi Node SDK captures `new Error().stack` for every promise it creates
 * (`@pulumi/pulumi/runtime/debuggable.js`, `debuggablePromise`) and reads it only to report promise
 * leaks when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Where source maps are installed (ts-node installs
 * source-map-support), formatting those stacks is about half the CPU of a mocked program run
 * (measured: `plan --stack prod` in-process, 1.0-1.3 s -> 0.4-0.9 s). While a recording runs, those
 * captures get an empty stack; every other error is formatted exactly as before.
 *
 * Capturing the frames costs even when nothing formats them: a program of 1,000 tables makes
 * ~250,000 such promises, all in flight at once (the program constructs every resource before any
 * registration settles), and `debuggablePromise` walks the stack for each and gives each three extra
 * properties that only the `PULUMI_DEBUG_PROMISE_LEAKS` report reads. During a recording it keeps
 * what anyone reads: the promise's entry in the SDK's leak-candidate set (the CLI names stuck
 * registrations from it, cli/program-lifecycle.ts) and the same `.then`/`.catch` chain (same ticks,
 * same `err.promise`), without the stack or the properties. About a sixth of the CPU of a mocked
 * `plan` of 1,000 tables (bench/cli).
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

/**
 * `debuggablePromise` as callers and the leak report see it, without the stack or the properties (the
 * SDK calls it through its module object, so replacing the export reaches every caller). Undefined
 * when the SDK's store is not where 3.270 keeps it: then nothing is replaced.
 */
function withoutFrames(): DebuggablePromise | undefined {
  let getStore: (() => { leakCandidates?: Set<Promise<unknown>> }) | undefined;
  try {
    getStore = require("@pulumi/pulumi/runtime/state").getStore;
  } catch {
    return undefined;
  }
  if (typeof getStore !== "function") return undefined;
  const store = getStore;
  return <T>(p: Promise<T>) => {
    const candidates = store().leakCandidates;
    candidates?.add(p);
    return p.then((val) => {
      candidates?.delete(p);
      return val;
    }).catch((err) => {
      candidates?.delete(p);
      err.promise = p;
      throw err;
    });
  };
}

export async function withCheapPromiseStacks<T>(run: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return run();
  const previous = Error.prepareStackTrace as Format | undefined;
  const cheap: Format = (error, callSites) =>
    callSites[0]?.getFunctionName() === "debuggablePromise" ? "" : (previous ?? v8Format)(error, callSites);
  Error.prepareStackTrace = cheap as typeof Error.prepareStackTrace;
  const original = sdk.debuggablePromise;
  const replaced = typeof original === "function" ? withoutFrames() : undefined;
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
