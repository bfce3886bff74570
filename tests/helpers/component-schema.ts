/**
 * Runs the Node SDK's component analyzer (`@pulumi/pulumi/provider/experimental`, the code behind
 * `componentProviderHost`, which is what `pulumi package add` / `pulumi package get-schema` start for a
 * `PulumiPlugin.yaml` with `runtime: nodejs`) and returns the package schema it infers. No CLI, no engine.
 *
 * The host does this (cmd/run-plugin/run.js in @pulumi/pulumi 3.270):
 *   1. `require(<plugin dir>)`, i.e. package.json `main`, and `getPulumiComponents(exports)`;
 *   2. provider name = package.json `name` without scope, [^-a-zA-Z0-9_] replaced by `-`;
 *   3. `new ComponentProvider({ name, dirname, components }).getSchema()`, which builds a TypeScript program
 *      from `<dirname>/tsconfig.json`, starts at `main` (`.js` -> `.ts`, else `index.ts`) and analyzes the
 *      classes named like the discovered constructors.
 * Step 3 is called here unchanged, but `dirname` is a throw-away directory holding a package.json and a
 * tsconfig.json that includes only the entry file (its imports come along): the repo's own tsconfig.json
 * also includes tests/, cli/, hcl/, terraform/, ... and parsing those costs ~8 s more per run.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ComponentProvider, ComponentResourceConstructor, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import type { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";

export type { PackageSpec };
export { getPulumiComponents };

export const REPO = path.resolve(__dirname, "../..");
const ROOT_PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));

/** The provider name run-plugin derives from a package.json `name`. */
export function providerNameOf(packageName: string): string {
  const matches = packageName.match(/(@.*?\/)?(.+)/)!;
  return matches[2].replace(/[^-a-zA-Z0-9_]/g, "-");
}

export const PROVIDER_NAME = providerNameOf(ROOT_PACKAGE.name);

export interface InferOptions {
  /** Absolute path of the TypeScript entry file the analyzer starts from (package.json `main`). */
  entry: string;
  /** The component constructors the host would have discovered in the entry's exports. */
  components: ComponentResourceConstructor[];
}

export async function inferSchema(options: InferOptions): Promise<PackageSpec> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-schema-"));
  try {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
      name: ROOT_PACKAGE.name,
      version: ROOT_PACKAGE.version,
      description: ROOT_PACKAGE.description,
      main: options.entry.replace(/\.ts$/, ".js"),
    }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
      extends: path.join(REPO, "tsconfig.json"),
      compilerOptions: { types: ["node"] },
      include: [],
      files: [options.entry],
    }));
    const provider = new ComponentProvider({ name: PROVIDER_NAME, dirname: dir, components: options.components });
    return JSON.parse(await provider.getSchema()) as PackageSpec;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
