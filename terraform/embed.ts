/**
 * Options for dropping the emitted HCL into an existing Terraform root: leave out the `provider "aws"`
 * block, `backend.tf` and `versions.tf` (the root already has them), and call the table module from a
 * `source` the user publishes once and versions (a registry address, a git URL or a relative path)
 * instead of vendoring `modules/dynamodb/` into every output.
 */
import * as hcl from "../hcl";
import { ProblemList } from "../model/errors";
import { MODULE_DIR } from "./common";

export interface EmbedOptions {
  /** Emit `provider "aws"` (default true). false when the Terraform root already configures it. */
  provider?: boolean;
  /** Emit `backend.tf` for a state backend (default true). */
  backend?: boolean;
  /** Emit `versions.tf` (default true). */
  versions?: boolean;
  /**
   * Module layout: the `source` of every `module` block, e.g. `"app.terraform.io/acme/dynamodb/aws"`,
   * `"git::https://example.com/tf-dynamodb.git?ref=v1.2.0"` or `"../modules/dynamodb"`; then
   * `modules/dynamodb/` is not emitted. Default: the vendored `./modules/dynamodb`.
   */
  moduleSource?: string;
  /** With a registry `moduleSource`: the module's `version` constraint, e.g. "~> 1.2". */
  moduleVersion?: string;
  /**
   * Module layout: write the full `modules/dynamodb` (every table variant and argument) instead of the
   * lean one holding only what these tables use (docs/module-layout.md). Publish the full module as the
   * shared `moduleSource`; the roots calling it are written for it.
   */
  fullModule?: boolean;
}

export const EMBED_KEYS = ["provider", "backend", "versions", "moduleSource", "moduleVersion", "fullModule"] as const;

export function validateEmbedOptions(problems: ProblemList, options: EmbedOptions & { layout?: string }): void {
  for (const key of ["provider", "backend", "versions"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "boolean") problems.add(`toTerraform options.${key}`, options[key], "must be true or false", `write ${key}: false to leave it out`);
  }
  const source = options.moduleSource;
  if (source !== undefined) {
    if (typeof source !== "string" || source.trim() === "" || /[\n\r"]/.test(source)) {
      problems.add("toTerraform options.moduleSource", source, "is not a module source", `use a registry address, a git URL or a relative path, e.g. "../modules/dynamodb"`);
    } else if (options.layout === "flat") {
      problems.add("toTerraform options.moduleSource", source, "only applies to the module layout", `drop moduleSource, or use layout: "module"`);
    }
  }
  if (options.fullModule !== undefined) {
    if (typeof options.fullModule !== "boolean") problems.add("toTerraform options.fullModule", options.fullModule, "must be true or false", "write fullModule: true to write every variant and argument");
    else if (options.fullModule && options.layout === "flat") problems.add("toTerraform options.fullModule", options.fullModule, "only applies to the module layout", `drop fullModule, or use layout: "module"`);
    else if (options.fullModule && source !== undefined) {
      problems.add("toTerraform options.fullModule", options.fullModule, "writes modules/dynamodb, which moduleSource leaves out",
        "publish the module from a run with fullModule and without moduleSource; the roots that call it use moduleSource alone");
    }
  }
  const version = options.moduleVersion;
  if (version !== undefined && (typeof version !== "string" || version.trim() === "" || /[\n\r"]/.test(version) || source === undefined)) {
    problems.add("toTerraform options.moduleVersion", version, source === undefined ? "needs moduleSource (a registry module)" : "is not a version constraint", `write e.g. moduleVersion: "~> 1.2" with a registry moduleSource`);
  }
}

const withoutProvider = (body: hcl.Body): hcl.Body => body.filter((item) => !(item.kind === "block" && item.type === "provider"));

const withSource = (body: hcl.Body, source: string, version: string | undefined): hcl.Body => body.map((item) => (item.kind === "block" && item.type === "module"
  ? { ...item, body: item.body.flatMap((a) => (a.kind === "attribute" && a.name === "source" ? [hcl.attr("source", source), ...(version ? [hcl.attr("version", version)] : [])] : [a])) }
  : item));

/** Is file `path` written at all under these options? */
export function keepsFile(path: string, options: EmbedOptions): boolean {
  if (path === "versions.tf" && options.versions === false) return false;
  if (path === "backend.tf" && options.backend === false) return false;
  return !(options.moduleSource !== undefined && path.startsWith(`${MODULE_DIR}/`));
}

/** Applies the options to items of a file that is kept (item by item, as toTerraform writes them). */
export function embedItems(items: hcl.Body, options: EmbedOptions): hcl.Body {
  let next = options.provider === false ? withoutProvider(items) : items;
  if (options.moduleSource !== undefined) next = withSource(next, options.moduleSource, options.moduleVersion);
  return next;
}
