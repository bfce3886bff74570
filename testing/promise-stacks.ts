/**
 * The Pulumi Node SDK captures `new Error().stack` for every promise it creates
 * (`@pulumi/pulumi/runtime/debuggable.js`, `debuggablePromise`) and reads it only to report promise
 * leaks when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Where source maps are installed (ts-node installs
 * source-map-support), formatting those stacks is about half the CPU of a mocked program run
 * (measured: `plan --stack prod` in-process, 1.0-1.3 s -> 0.4-0.9 s). While a recording runs, those
 * captures get an empty stack; every other error is formatted exactly as before.
 */
type Format = (error: Error, callSites: NodeJS.CallSite[]) => unknown;

const v8Format: Format = (error, callSites) => `${error}${callSites.map((c) => `\n    at ${c}`).join("")}`;

export async function withCheapPromiseStacks<T>(run: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return run();
  const previous = Error.prepareStackTrace as Format | undefined;
  const cheap: Format = (error, callSites) =>
    callSites[0]?.getFunctionName() === "debuggablePromise" ? "" : (previous ?? v8Format)(error, callSites);
  Error.prepareStackTrace = cheap as typeof Error.prepareStackTrace;
  try {
    return await run();
  } finally {
    // Something installed during the run (a program registering ts-node) keeps its own formatter.
    if (Error.prepareStackTrace === (cheap as unknown)) Error.prepareStackTrace = previous as typeof Error.prepareStackTrace;
  }
}
