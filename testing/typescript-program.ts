/**
 * How a TypeScript program is run under the CLI and `runProgram`: through ts-node in transpile-only
 * mode (type-check with tsc), with the project's ts-node or the one the Pulumi SDK vendors, as the
 * Pulumi nodejs language host does (`@pulumi/pulumi/cmd/run/run.js`).
 *
 * The compiler options follow the language host too: its defaults, then the project's tsconfig
 * `compilerOptions`. The default that matters is `target: "ES2020"`: without it a project with no
 * tsconfig (or one that sets no target) is compiled to ES5, where a class extending a native class
 * (`class Api extends pulumi.ComponentResource`) fails at run time with "Class constructor ... cannot
 * be invoked without 'new'", although `pulumi up` runs it. `module` is always CommonJS here: the
 * program is required in this process.
 */
import * as fs from "fs";
import * as path from "path";

export interface TypeScriptRegistration {
  /** The ts-node module that compiles the program. */
  tsNode: string;
  /** Its `register` options. */
  options: { transpileOnly: true; project?: string; skipProject?: true; compilerOptions: Record<string, unknown> };
}

/** The language host's defaults below the project's own options (cmd/run/run.js, CommonJS branch). */
const HOST_DEFAULTS = { target: "ES2020" };

/** The project's tsconfig `compilerOptions` as the language host reads them (the SDK's own reader; none when it is missing). */
function projectCompilerOptions(project: string): Record<string, unknown> {
  if (!fs.existsSync(project)) return {};
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { loadTypeScriptCompilerOptions } = require("@pulumi/pulumi/tsutils") as { loadTypeScriptCompilerOptions?: (p: string) => Record<string, unknown> };
    return loadTypeScriptCompilerOptions?.(project) ?? {};
  } catch {
    return {};
  }
}

/** Which ts-node compiles the program in `dir`, and how. */
export function typeScriptRegistration(dir: string, tsconfig: string | undefined): TypeScriptRegistration {
  let tsNode: string;
  try { tsNode = require.resolve("ts-node", { paths: [dir] }); } catch {
    // The Pulumi SDK vendors a ts-node for programs that have none, and so do we.
    tsNode = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir, __dirname] })), "vendor", "ts-node@7.0.1");
  }
  const project = path.resolve(dir, tsconfig ?? "tsconfig.json");
  const own = projectCompilerOptions(project);
  return {
    tsNode,
    options: {
      transpileOnly: true, ...(fs.existsSync(project) ? { project } : { skipProject: true as const }),
      compilerOptions: { ...HOST_DEFAULTS, ...own, module: "commonjs" },
    },
  };
}

/** Registers TypeScript for the program in `dir`, unless .ts files already load (a checkout running its own sources). */
export function registerTypeScript(dir: string, tsconfig: string | undefined): void {
  if (require.extensions[".ts"]) return;
  const { tsNode, options } = typeScriptRegistration(dir, tsconfig);
  require(tsNode).register(options);
}
