/**
 * While a recording runs, a resource's output properties are made when they are first read, not all
 * when the resource is constructed.
 *
 * The Pulumi Node SDK gives every custom resource one `Output` per property of its type as it is
 * constructed (`transferProperties`, `@pulumi/pulumi/runtime/rpc.js`, called from `prepareResource`
 * in runtime/resource.js): 32 for an `aws.dynamodb.Table`, 11 for an autoscaling target or policy,
 * each with four pending promises, a dozen closures and a Proxy (`OutputImpl`, output.js), about
 * 5 KB. A program constructs every resource before any registration settles (its top level runs to
 * the end before the first promise continuation), so under mocks all of them are alive at once:
 * at 1,000 tables, ~58,000 Outputs and most of the peak memory of `plan` (bench/cli). A program, and
 * the components, read a handful of them (a table's `arn` and `name`); the rest are never looked at.
 *
 * During a recording each property starts as an accessor; the first read makes the very Output the
 * SDK would have made (the SDK's own `transferProperties`, for that one property, on the same
 * resource, so its dependencies are the same) and replaces the accessor with it. A resolution that
 * arrives before the first read (the registration completed) is kept and handed to the Output when
 * it is made, so it resolves to the same value, known-ness, secretness and dependencies. What a
 * reader can tell apart: a property not read yet is an accessor (`Object.getOwnPropertyDescriptor`),
 * and once read it moves to the end of the resource's key order.
 *
 * With `PULUMI_DEBUG_PROMISE_LEAKS` set nothing is replaced: the SDK's leak report then lists the
 * promises of every output, as it would outside a recording.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** The SDK's resolver for one property (rpc.js `transferProperties`: value, known, secret, dependencies, error). */
type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: Error) => void;
type TransferProperties = (onto: Record<string, unknown>, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

// @internal in the SDK, so not in its type declarations. The SDK calls it through its module object
// (`rpc_1.transferProperties(...)`), so replacing the export reaches its caller.
const sdk = rpc as unknown as { transferProperties?: TransferProperties };

/** Our replacements, so a nested run does not wrap one in another. */
const LAZY = new WeakSet<TransferProperties>();

/** `transferProperties` with each property made on first read by `original`. */
export function lazyTransferProperties(original: TransferProperties): TransferProperties {
  return (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    for (const key of Object.keys(props)) {
      // As the SDK: id and urn are made by prepareResource itself.
      if (key === "id" || key === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
      let resolve: Resolver | undefined;
      let early: Parameters<Resolver> | undefined;
      const make = () => {
        delete onto[key];
        resolve = original(onto, label, { [key]: props[key] })[key];
        if (early) resolve(...early);
        early = undefined;
        return onto[key];
      };
      Object.defineProperty(onto, key, {
        configurable: true, enumerable: true, get: make,
        // An assignment replaces the property, as it replaces the SDK's plain one.
        set: (value: unknown) => { delete onto[key]; onto[key] = value; },
      });
      resolvers[key] = (...args) => {
        if (resolve) resolve(...args);
        else early = args;
      };
    }
    return resolvers;
  };
}

/** Run `run` with outputs made on first read (see above); the SDK's own function is back afterwards. */
export async function withLazyOutputs<T>(run: () => Promise<T>): Promise<T> {
  const original = sdk.transferProperties;
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS || typeof original !== "function" || LAZY.has(original)) return run();
  const lazy = lazyTransferProperties(original);
  LAZY.add(lazy);
  sdk.transferProperties = lazy;
  try {
    return await run();
  } finally {
    if (sdk.transferProperties === lazy) sdk.transferProperties = original;
  }
}
