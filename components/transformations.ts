/**
 * Pulumi's escape hatches, seen by both renderers or refused (docs/transformations.md).
 *
 * SDK-side `transformations` (a component's own, its ancestors', `pulumi.runtime.registerStackTransformation`)
 * run in this process, inside each child's constructor: the Node SDK runs a child's own list, then its
 * parent's `__transformations`, which already holds the ancestors' and the stack's
 * (@pulumi/pulumi resource.js, `Resource` constructor). A recorder appended to the component's list
 * therefore runs last and sees exactly the inputs and options Pulumi registers. model/transformed.ts
 * folds the table's changes into the blueprint (so the HCL carries them and every argument rule applies)
 * or turns them into problems that `toTerraform` reports.
 *
 * Engine-side `transforms` run in the Pulumi engine after the inputs left this process, so nothing here
 * can see their result, and Pulumi's mocks do not run them at all: while any can reach a component, its
 * blueprint refuses to be emitted. A component's own `opts.transforms` is seen here; ancestors' and stack
 * transforms are seen by the mocked run (testing/record.ts), which calls `noteEngineTransforms`.
 */
import * as pulumi from "@pulumi/pulumi";
import { BlueprintValidationError, Problem } from "../model/errors";
import { PlannedResource } from "../model/resources";
import type { TableArgs, TableSpec, Lifecycle } from "../model/types";
import { planTable } from "../model/plan-table";
import { Observed, differences, plainCopy, foldMismatches, foldTableChanges, plannedOptions, transformationProblem } from "../model/transformed";
import { OPEN_ATTRIBUTES } from "../terraform/provider-arguments";
import { terraformArgument } from "../terraform/provider-schema";

/** Options a transformation may set that change nothing a Terraform configuration describes. */
const NEUTRAL_OPTIONS = new Set(["parent", "protect", "retainOnDelete", "ignoreChanges", "import", "transformations", "aliases", "dependsOn",
  "additionalSecretOutputs", "hideDiffs", "customTimeouts", "version", "pluginDownloadURL", "hooks"]);

/** What a component may be asked to carry into the HCL: its blueprint's table (when it has one) and its problems. */
export interface Emittable { unrenderable?: Problem[] }
interface Watch {
  current?: { planned: PlannedResource; args: Record<string, unknown>; opts: pulumi.CustomResourceOptions };
  observed: Observed[];
  engine: Problem[];
  table?: TableReconcile;
}
const WATCHES = new WeakMap<object, Watch>();

/** The recorder of `parent`'s children, appended to its transformations once. */
function watchOf(parent: pulumi.Resource): Watch {
  const existing = WATCHES.get(parent);
  if (existing) return existing;
  const w: Watch = { observed: [], engine: [] };
  const internal = parent as unknown as { __transformations?: pulumi.ResourceTransformation[]; __protect?: boolean };
  const recorder: pulumi.ResourceTransformation = (a) => {
    const c = w.current;
    if (!c || a.name !== c.planned.name) return undefined; // a resource of the user's, parented to the component
    w.current = undefined;
    const opts = a.opts as pulumi.CustomResourceOptions & Record<string, unknown>;
    w.observed.push({
      planned: c.planned, args: c.args, props: a.props as Record<string, unknown>,
      options: {
        // As the SDK resolves them after the transformations: an unset protect is inherited from the parent.
        protect: opts.protect ?? internal.__protect ?? false, retainOnDelete: opts.retainOnDelete ?? false,
        ignoreChanges: [...(opts.ignoreChanges ?? [])], importId: opts.import === undefined ? undefined : String(opts.import),
      },
      otherOptions: Object.keys(opts).filter((k) => !NEUTRAL_OPTIONS.has(k) && opts[k] !== undefined && opts[k] !== (c.opts as Record<string, unknown>)[k]),
    });
    return undefined;
  };
  internal.__transformations = [...(internal.__transformations ?? []), recorder];
  WATCHES.set(parent, w);
  return w;
}

/** Called by renderPlan around each child's constructor, so the recorder knows which planned resource it sees. */
export function observeChild<R>(parent: pulumi.Resource, planned: PlannedResource, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions, create: () => R): R {
  const w = watchOf(parent);
  // A copy: a transformation editing nested props in place must not edit what it is compared with.
  w.current = { planned, args: plainCopy(args), opts };
  try {
    const created = create();
    // The recorder consumes `current`: still set means the SDK no longer runs a parent's list the way
    // resource.js does today, so nothing a transformation changed could be seen. Refuse rather than trust.
    if (w.current && !w.engine.some((p) => p.where.endsWith(UNOBSERVED))) {
      w.engine.push({ where: `${planned.type}.${planned.tfName}: ${UNOBSERVED}`, value: "(Pulumi SDK)", message: "could not be observed: this Pulumi SDK does not run a component's transformations on its children the way this package expects",
        fix: "use the @pulumi/pulumi version this package is tested with (package.json), or report the SDK version" });
    }
    return created;
  } finally { w.current = undefined; }
}
const UNOBSERVED = "the registered inputs";

const changed = (o: Observed) => differences(o.args, o.props).length > 0 || differences(plannedOptions(o.planned), o.options).length > 0 || o.otherOptions.length > 0;
const tfName = (type: string, pulumiName: string) => { try { return terraformArgument(type, pulumiName); } catch { return pulumiName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase(); } };

function problemsOf(component: string, observed: Observed[], replanned: PlannedResource[]): Problem[] {
  const problems = foldMismatches(observed, replanned).flatMap((diffs, i) => diffs.map((d) => transformationProblem(component, observed[i].planned, d, tfName)));
  const change = (r: PlannedResource, message: string): Problem => ({ where: `${component}: ${r.type}.${r.tfName}`, value: "(a resource)", message,
    fix: "set the changed argument through the component's arguments instead of a transformation" });
  for (const r of replanned) {
    if (!observed.some((o) => o.planned.name === r.name)) problems.push(change(r, "would be added to the HCL by the blueprint as the transformations changed it, but Pulumi does not register it"));
  }
  for (const o of observed) {
    if (!replanned.some((r) => r.name === o.planned.name)) problems.push(change(o.planned, "would be left out of the HCL by the blueprint as the transformations changed it, but Pulumi registers it"));
  }
  return problems;
}

export interface TableReconcile {
  component: string;
  blueprint: { table: TableSpec<unknown>; unrenderable?: Problem[] };
  /** The same builder over the component's arguments with `changes` merged (it validates them as arguments). */
  rebuild: (changes: Partial<TableArgs<unknown>>, lifecycle: Lifecycle) => TableSpec<unknown>;
}

/**
 * After rendering: fold what transformations changed into the table blueprint when the re-planned
 * blueprint then registers exactly what Pulumi registers, otherwise record why the HCL would differ.
 */
export function reconcileTable(parent: pulumi.Resource, given?: TableReconcile): void {
  const w = watchOf(parent);
  if (given) w.table = given;
  const target = w.table;
  if (!target) return;
  const observed = w.observed.filter(changed);
  let problems: Problem[] = [];
  if (observed.length > 0) {
    const table = observed.find((o) => o.planned.role === "table") ?? w.observed.find((o) => o.planned.role === "table");
    const original = w.observed.map((o) => o.planned);
    problems = problemsOf(target.component, w.observed, original);
    if (table) {
      const fold = foldTableChanges(differences(table.args, table.props), table.props, target.blueprint.table.providerArguments, OPEN_ATTRIBUTES,
        (name) => tfName("aws_dynamodb_table", name));
      if (fold.unmapped.length === 0) {
        try {
          const spec = target.rebuild(fold.changes, { protect: table.options.protect, retainOnDelete: table.options.retainOnDelete });
          spec.grants = [...target.blueprint.table.grants]; // including those added later by the grant methods
          const after = problemsOf(target.component, w.observed, planTable(spec));
          if (after.length === 0) target.blueprint.table = spec;
          problems = after;
        } catch (e) {
          if (!(e instanceof BlueprintValidationError)) throw e;
          problems = e.problems.map((p) => ({ ...p, message: `${p.message} (the value was set by a Pulumi transformation)` }));
        }
      }
    }
  }
  const all = [...w.engine, ...problems];
  target.blueprint.unrenderable = all.length > 0 ? all : undefined;
}

/** For components without a table of their own to fold into (the state backend's bucket): record, never fold. */
export function reconcileFixed(parent: pulumi.Resource, component: string, blueprint: Emittable): void {
  const w = watchOf(parent);
  const problems = w.observed.some(changed) ? problemsOf(component, w.observed, w.observed.map((o) => o.planned)) : [];
  const all = [...w.engine, ...problems];
  blueprint.unrenderable = all.length > 0 ? all : undefined;
}

/** The problem for engine-side transforms that reach a component (its own option, an ancestor's, or the stack's). */
export function engineTransformProblem(component: string, source: string): Problem {
  return {
    where: `${component}: ${source}`,
    value: "(engine-side transforms)",
    message: "are applied by the Pulumi engine after this program handed over the inputs, so neither this program nor Pulumi's mocks see what they change, and the HCL cannot be shown to match",
    fix: "express the change through the component's arguments, or as a `transformations` entry (run in the program: carried into the HCL when a blueprint argument stands for it), or emit Terraform without the transforms",
  };
}

/** Marks a component's blueprint unrenderable because engine-side transforms reach it. */
export function noteEngineTransforms(parent: pulumi.Resource, component: string, source: string, blueprint: Emittable): void {
  noteProblem(parent, blueprint, engineTransformProblem(component, source));
}

function noteProblem(parent: pulumi.Resource, blueprint: Emittable, problem: Problem): void {
  const w = watchOf(parent);
  if (w.engine.some((p) => p.where === problem.where)) return;
  w.engine.push(problem);
  blueprint.unrenderable = [...(blueprint.unrenderable ?? []).filter((p) => p.where !== problem.where), problem];
}

/**
 * Whether an explicit `aws` provider reaches the resources of a component created with `opts`: its own
 * `provider` or `providers`, or an ancestor's, which the SDK hands down to every child (@pulumi/pulumi
 * resource.js, `Resource` constructor: `__providers` merged from the parent). Such a provider decides
 * the children's Region (and account and credentials), which neither `aws:region` nor the HCL's one
 * `provider "aws"` block shows.
 */
export function explicitAwsProvider(opts: pulumi.ComponentResourceOptions | undefined): boolean {
  const given = opts?.providers === undefined ? [] : Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers);
  const inherited = (opts?.parent as unknown as { __providers?: Record<string, unknown> } | undefined)?.__providers ?? {};
  // getPackage is marked internal, but it is the very key the SDK files a provider under (convertToProvidersMap).
  const pkg = (p: pulumi.ProviderResource) => (p as unknown as { getPackage(): string }).getPackage();
  return [opts?.provider, ...given].some((p) => p !== undefined && pkg(p) === "aws") || inherited.aws !== undefined;
}

/** Marks a component's blueprint unrenderable when an explicit `aws` provider reaches it (see explicitAwsProvider). */
export function noteExplicitProvider(parent: pulumi.Resource, component: string, opts: pulumi.ComponentResourceOptions | undefined, blueprint: Emittable): void {
  if (!explicitAwsProvider(opts)) return;
  noteProblem(parent, blueprint, {
    where: `${component}: resource option provider/providers`,
    value: "(an aws provider, the component's or an ancestor's)",
    message: "places every resource of the component with that provider's Region, account and credentials in Pulumi, while the HCL writes them for its one provider \"aws\" block, so the two could deploy to different Regions",
    fix: "set the table's `region` argument instead (both tools place every child there), and create the component without an explicit aws provider",
  });
}

/** A component the mocked run may have to mark (testing/record.ts). */
export interface LoggedComponent { type: string; name: string; label: string; resource: pulumi.Resource; blueprint: Emittable }
let logged: LoggedComponent[] | undefined;

/** Start (true) or stop (false) logging the components created; returns those logged since the start. */
export function logComponents(on: boolean): LoggedComponent[] {
  const before = logged ?? [];
  logged = on ? [] : undefined;
  return before;
}

export function logComponent(component: LoggedComponent): void {
  logged?.push(component);
}
