/**
 * How a test's child process loads one of the package's modules: the compiled dist/ file when the bin
 * would run dist/ (built after every source changed: bin/entry-point.js, as in CI after `npm ci`), the
 * TypeScript source through ts-node otherwise. Compiled, a child starts in a fraction of the time:
 * ts-node transpiles every module the source imports again in each child.
 */
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { entryPoint } = require("../../bin/entry-point") as { entryPoint(root: string): { typescript: boolean } };

/** `nodeArgs` go before `-e`; `file(rel)` is the module to require, e.g. file("terraform/write"). */
export function childModules(): { nodeArgs: string[]; file: (rel: string) => string } {
  const compiled = !entryPoint(ROOT).typescript;
  return {
    nodeArgs: compiled ? [] : ["-r", "ts-node/register/transpile-only"],
    file: (rel) => (compiled ? path.join(ROOT, "dist", `${rel}.js`) : path.join(ROOT, `${rel}.ts`)),
  };
}
