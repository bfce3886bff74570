/**
 * Engine-side `transforms` under mocks. The Pulumi engine applies a resource's `transforms` option to it
 * and its descendants, and a stack transform (`pulumi.runtime.registerResourceTransform`) to every
 * resource registered after it; Pulumi's mock monitor runs neither (@pulumi/pulumi runtime/mocks.js).
 * So the mocked run cannot show what they change, and the HCL could not match the deployment: each
 * blueprint component they reach is marked unrenderable, and `toTerraform` / `hcl` refuse it
 * (components/transformations.ts, docs/transformations.md). A component's own option is marked by
 * the component itself; this finds the ancestors' and the stack's.
 */
import { logComponents, noteEngineTransforms } from "../components/transformations";
import type { RecordedResource } from "../project/checklist/types";

export interface EngineTransformWatch {
  /** Call for each registration request, in request order. */
  registration(req: { getTransformsList(): unknown[] }, entry: object): void;
  /** After the run: mark the components the transforms reach, stop watching, restore the monitor. */
  finish(resources: RecordedResource[]): void;
}

export function watchEngineTransforms(monitor: { registerStackTransform?: (req: unknown, cb: unknown) => unknown }): EngineTransformWatch {
  let sequence = 0;
  const order = new WeakMap<object, { seq: number; transforms: number }>();
  const stackTransforms: number[] = [];
  const original = monitor.registerStackTransform;
  if (original) {
    monitor.registerStackTransform = (req, cb) => { stackTransforms.push(sequence++); return original.call(monitor, req, cb); };
  }
  logComponents(true);
  return {
    registration(req, entry) {
      order.set(entry, { seq: sequence++, transforms: req.getTransformsList().length });
    },
    finish(resources) {
      if (original) monitor.registerStackTransform = original;
      const components = logComponents(false);
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const seqOf = (r: RecordedResource) => order.get(r)?.seq ?? -1;
      for (const c of components) {
        const self = resources.find((r) => r.type === c.type && r.name === c.name);
        if (!self) continue;
        for (let up = byUrn.get(self.parentUrn); up; up = byUrn.get(up.parentUrn)) {
          if ((order.get(up)?.transforms ?? 0) > 0) noteEngineTransforms(c.resource, c.label, `opts.transforms of ${up.type} "${up.name}" (an ancestor)`, c.blueprint);
        }
        const lastChild = Math.max(seqOf(self), ...resources.filter((r) => r.parentUrn === self.urn).map(seqOf));
        if (stackTransforms.some((s) => s < lastChild)) {
          noteEngineTransforms(c.resource, c.label, "a stack transform (pulumi.runtime.registerResourceTransform)", c.blueprint);
        }
      }
    },
  };
}
