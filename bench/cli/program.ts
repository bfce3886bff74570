/**
 * A generated user program of N tables (the benchmark tables, bench/lib/specs.ts: four shapes in
 * rotation) as a Pulumi project in a scratch directory: `Pulumi.yaml` (TypeScript, transpile-only as
 * Pulumi runs it with `noCheck`), `Pulumi.bench.yaml` and `index.ts` with one `new DynamoTable(...)`
 * statement per table, written out literally as a code generator would.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchTable } from "../lib/specs";

export const BENCH_STACK = "bench";

/**
 * Writes the project and returns its directory (remove it when done). `packageDir` is where the
 * program imports the components from: the checkout (TypeScript) or a prebuilt copy (JavaScript,
 * as from an installed package).
 */
export function generateProgram(packageDir: string, n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dynamodb-blueprints-bench-program-${n}-`));
  const components = JSON.stringify(path.join(packageDir, "components"));
  const lines = [
    `import { DynamoTable } from ${components};`,
    "",
    ...Array.from({ length: n }, (_, i) => {
      const t = benchTable(i);
      return `new DynamoTable(${JSON.stringify(t.name)}, ${JSON.stringify(t.args)});`;
    }),
    "",
  ];
  fs.writeFileSync(path.join(dir, "index.ts"), lines.join("\n"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bench\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, `Pulumi.${BENCH_STACK}.yaml`), "config:\n  aws:region: us-east-1\n");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, esModuleInterop: true, skipLibCheck: true, noCheck: true } }, null, 2));
  return dir;
}
