// Worker-thread entry for property.test.ts: runs a share of the property runs with its own seed
// and reports back; the HCL WASM modules are single-threaded, so threads are how we use 2 cores.
import { parentPort, workerData } from "worker_threads";
import { runProperty } from "./property-cases";

const { numRuns, seed } = workerData as { numRuns: number; seed: number };
runProperty(numRuns, seed).then(
  () => parentPort!.postMessage({ ok: true }),
  (e: unknown) => parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
