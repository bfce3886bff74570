/**
 * `toTerraform(items, options)`: the Terraform that does what the Pulumi components do, as
 * `{ relativePath: hclText }`. Everything is rendered from the same model plan the components
 * render, then printed by the one HCL printer, so output is fmt-clean and byte-stable.
 */
import { BlueprintValidationError, ProblemList, choiceFix } from "../model/errors";
import { checkUnknownKeys } from "../model/validate";
import { REGION_PATTERN } from "../model/rules";
import { Blueprint, assertUniqueTableNames } from "../model/stack";
import { StateBackendBlueprint } from "../model/state-backend";
import { blueprintsOf } from "./items";
import { assertReplicasOutsideProviderRegion } from "../model/table-region";
import { assertProviderArguments } from "./provider-arguments";
import { ResourceAddress, backendFile, header } from "./common";
import { renderFlat } from "./flat";
import { renderModule } from "./module";
import { EMBED_KEYS, EmbedOptions, validateEmbedOptions } from "./embed";
import { Emission, TerraformFiles } from "./emission";
import { inputBlocks } from "./foreign-inputs";

export const LAYOUTS = ["module", "flat"] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface ToTerraformOptions extends EmbedOptions {
  /** `module` (default): the article's root module + modules/dynamodb; `flat`: plain resources. */
  layout?: Layout;
  /** Stack name, written into each file's header. */
  stack?: string;
  /** Provider region; defaults to the state backend's region, else us-east-1. */
  region?: string;
}

export type { TerraformFiles };

/** The root module's variables for values the program took from other resources. */
export const INPUTS_FILE = "inputs.tf";

function validateOptions(options: ToTerraformOptions): void {
  const problems = new ProblemList();
  if (typeof options !== "object" || options === null) {
    problems.add("toTerraform options", options, "must be an object", `pass { layout: "module" }`);
    problems.throwIfAny("toTerraform");
  }
  checkUnknownKeys(problems, "toTerraform options", options, ["layout", "stack", "region", ...EMBED_KEYS]);
  validateEmbedOptions(problems, options);
  if (options.layout !== undefined && !LAYOUTS.includes(options.layout)) {
    problems.add("toTerraform options.layout", options.layout, "is not a layout", choiceFix(options.layout, LAYOUTS));
  }
  if (options.region !== undefined && (typeof options.region !== "string" || !REGION_PATTERN.test(options.region))) {
    problems.add("toTerraform options.region", options.region, "is not an AWS region name", `use e.g. "us-east-1"`);
  }
  if (options.stack !== undefined && (typeof options.stack !== "string" || !/^[A-Za-z0-9_.-]+$/.test(options.stack))) {
    problems.add("toTerraform options.stack", options.stack, "is not a stack name", "use letters, digits, _ - .");
  }
  problems.throwIfAny("toTerraform");
}

/** Two resources of one type may not share a Terraform name (`a.b` and `a_b` both become `a_b`). */
function assertUniqueAddresses(resources: ResourceAddress[]): void {
  const problems = new ProblemList();
  const seen = new Map<string, string>();
  for (const r of resources) {
    const address = `${r.type}.${r.tfName}`;
    const previous = seen.get(address);
    if (previous && previous !== r.name) {
      problems.add(`toTerraform resource "${r.name}"`, address, `has the same Terraform address as "${previous}"`, "rename one of the components so their names differ in more than punctuation");
    }
    seen.set(address, r.name);
  }
  problems.throwIfAny("toTerraform");
}

/**
 * A component records why its HCL would differ from what Pulumi registers: a transformation whose change
 * no blueprint argument stands for, or engine-side transforms (components/transformations.ts,
 * docs/transformations.md). Refused before anything is rendered or written.
 */
function assertRenderable(blueprints: Blueprint[]): void {
  const problems = blueprints.flatMap((b) => [...(b.unrenderable ?? []), ...(b.kind === "TerraformStateBackend" ? b.lockTable.unrenderable ?? [] : [])]);
  if (problems.length > 0) throw new BlueprintValidationError("toTerraform (the HCL would differ from what Pulumi registers)", problems);
}

/**
 * What toTerraform accepts: a blueprint from the spec builders (`dynamoTable(...)`, `stateBackend(...)`),
 * or a component carrying one (`DynamoTable`, `OrdersTable`, `ProductionTable`, `StateLockTable`,
 * `TerraformStateBackend`).
 */
export type TerraformItem = Blueprint<unknown> | { readonly blueprint: Blueprint<unknown> };

export async function toTerraform(items: ReadonlyArray<TerraformItem>, options: ToTerraformOptions = {}): Promise<TerraformFiles> {
  validateOptions(options);
  const { blueprints, inputs } = await blueprintsOf(items);
  assertRenderable(blueprints);
  assertUniqueTableNames(blueprints);
  assertProviderArguments(blueprints);
  const backend = blueprints.find((b): b is StateBackendBlueprint => b.kind === "TerraformStateBackend");
  const region = options.region ?? backend?.region ?? "us-east-1";
  assertReplicasOutsideProviderRegion(blueprints, region);
  const layout = options.layout ?? "module";
  // Files are printed while they are built (terraform/emission.ts); nothing is returned before every check passed.
  const out = new Emission(options, header(options.stack, layout));
  const resources = layout === "flat" ? renderFlat(blueprints, region, out) : renderModule(blueprints, region, out, options.fullModule === true || options.moduleSource !== undefined);
  assertUniqueAddresses(resources);
  // Values from other resources' outputs are variables of the root module (terraform/foreign-inputs.ts).
  if (inputs.length > 0) out.add(INPUTS_FILE, inputBlocks(inputs));
  // versions.tf is judged on what is written: a root that keeps its own backend (backend: false) does not
  // need the Terraform that reads use_lockfile.
  if (backend && options.backend !== false) out.add("backend.tf", backendFile(backend, region));
  return out.files();
}

export { BlueprintValidationError };
