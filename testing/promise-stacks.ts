/**
 * The Pulumi Node SDK captures `new Error().stack` for every promise it creates
 * (`@pulumi/pulumi/runtime/debuggable.js`, `debuggablePromise`) and reads it only to report promise
 * leaks when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Where source maps are installed (ts-node installs
 * source-map-support), formatting those stacks is about half the CPU of a mocked program run
 * (measured: `plan --stack prod` in-process, 1.0-1.3 s -> 0.4-0.9 s). While a recording runs, those
 * captures get an empty stack; every other error is formatted exactly as before.
 *
 * Capturing the frames costs even when nothing formats them, and so does the wrapping: a program
 * constructs every resource before any registration settles (its top level runs to the end first),
 * so at 1,000 tables ~54,000 of these promises are in flight at once, each wrapped in two more
 * promises and two closures, held in the SDK's leak-candidate set, with three extra properties: only
 * the `PULUMI_DEBUG_PROMISE_LEAKS` report reads any of it. During a recording `debuggablePromise`
 * returns the promise itself (the same value or rejection, a tick or two sooner; `err.promise`,
 * which no SDK code reads, is not set). About a sixth of the CPU and ~30 MB of the peak memory of a
 * mocked `plan` of 1,000 tables (bench/cli).
 *
 * The leak set has one reader that matters under mocks: the SDK's report of registrations that never
 * complete, which the CLI prints (cli/program-lifecycle.ts). It describes the SDK's own list of
 * pending registrations, but only while the leak set is not empty (`leakedPromises`,
 * runtime/debuggable.js); before, a stuck registration's promises stayed in the set. So a recording
 * that ends with registrations pending leaves one never-settling promise in the set for them.
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

/** `debuggablePromise` during a recording: the promise itself (see above). */
const asItIs: DebuggablePromise = (p) => p;

/** Stands in the SDK's leak set for the registrations a recording left pending (see above). */
const STUCK: Promise<never> = new Promise<never>(() => undefined);

function markStuckRegistrations(): void {
  let state: { getStore?: () => { leakCandidates?: Set<Promise<unknown>> }; getPendingResourceRegistrations?: () => Map<unknown, unknown> };
  try {
    state = require("@pulumi/pulumi/runtime/state");
  } catch {
    return;
  }
  if ((state.getPendingResourceRegistrations?.().size ?? 0) > 0) state.getStore?.().leakCandidates?.add(STUCK);
}

export async function withCheapPromiseStacks<T>(run: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return run();
  const previous = Error.prepareStackTrace as Format | undefined;
  const cheap: Format = (error, callSites) =>
    callSites[0]?.getFunctionName() === "debuggablePromise" ? "" : (previous ?? v8Format)(error, callSites);
  Error.prepareStackTrace = cheap as typeof Error.prepareStackTrace;
  const original = sdk.debuggablePromise;
  const replaced = typeof original === "function" ? asItIs : undefined;
  if (replaced) sdk.debuggablePromise = replaced;
  const resource = pulumi.Resource as unknown as { callsites?: () => unknown[] };
  const callsites = resource.callsites;
  const noCallsites = () => [];
  if (typeof callsites === "function") resource.callsites = noCallsites;
  try {
    return await run();
  } finally {
    if (resource.callsites === noCallsites) resource.callsites = callsites;
    if (replaced && sdk.debuggablePromise === replaced) {
      sdk.debuggablePromise = original;
      markStuckRegistrations();
    }
    // Something installed during the run (a program registering ts-node) keeps its own formatter.
    if (Error.prepareStackTrace === (cheap as unknown)) Error.prepareStackTrace = previous as typeof Error.prepareStackTrace;
  }
}
