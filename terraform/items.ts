/**
 * What `toTerraform` accepts: blueprint components created in a Pulumi program, or their plain-data
 * blueprints. Pulumi values inside (Outputs, promises) are awaited by duck typing, so this folder
 * never imports Pulumi; secrets are refused, because nothing secret may be written to HCL.
 */
import { BlueprintValidationError, Problem } from "../model/errors";
import { Blueprint, blueprintShapeProblem } from "../model/stack";
import { ForeignInput, ForeignInputs, foreignSources } from "./foreign-inputs";

const KINDS = ["DynamoTable", "StateLockTable", "OrdersTable", "ProductionTable", "TerraformStateBackend"];

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}
function isOutputLike(v: unknown): v is { apply(f: (x: unknown) => unknown): unknown; isSecret?: Promise<boolean> } {
  return typeof v === "object" && v !== null && typeof (v as { apply?: unknown }).apply === "function";
}

/** What one blueprint's resolution reports into: problems, and the foreign values met (by argument path). */
interface Resolution {
  problems: Problem[];
  inputs: ForeignInputs;
  /** The blueprint's logical name, the first part of its variables' names. */
  owner: string;
  /** `DynamoTable "orders"`, for the variables' descriptions. */
  label: string;
}

/**
 * Deep-resolve Outputs and promises; report secrets by path. An Output from another resource (or an
 * unknown one) becomes a variable reference (terraform/foreign-inputs.ts), never its mock value.
 */
async function resolveDeep(value: unknown, path: string, keys: string[], at: Resolution): Promise<unknown> {
  if (isOutputLike(value)) {
    if (value.isSecret && (await value.isSecret)) {
      at.problems.push({ where: path, value: "(a Pulumi secret)", message: "is a secret, and secrets are never written to Terraform files", fix: "use a non-secret value here, or pass the secret to Terraform through a variable of your own" });
      return undefined;
    }
    const foreign = await foreignSources(value);
    if (foreign) return at.inputs.variable(value, at.owner, keys.slice(1), foreign, `${at.label} ${keys.slice(1).join(".")}`);
    const resolved = await new Promise((resolve) => value.apply((x: unknown) => { resolve(x); return x; }));
    return resolveDeep(resolved, path, keys, at);
  }
  if (isThenable(value)) return resolveDeep(await value, path, keys, at);
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => resolveDeep(v, `${path}[${i}]`, [...keys, String(i)], at)));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty, not `out[k] =`: a tag named "__proto__" would hit the prototype setter and vanish.
      Object.defineProperty(out, k, { value: await resolveDeep(v, `${path}.${k}`, [...keys, k], at), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Thrown by `copyPlain` on the first Output or promise: that blueprint takes the async path. */
const NEEDS_AWAIT = Symbol("needs await");

/**
 * `resolveDeep` for a blueprint holding no Output or promise (the usual case, and the only one
 * outside a Pulumi program): the same copy, made synchronously. Awaiting every property of a
 * thousand blueprints cost more than rendering them.
 */
function copyPlain(value: unknown): unknown {
  if (isOutputLike(value) || isThenable(value)) throw NEEDS_AWAIT;
  if (Array.isArray(value)) return value.map(copyPlain);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = copyPlain((value as Record<string, unknown>)[k]);
      // defineProperty, not `out[k] =`: a tag named "__proto__" would hit the prototype setter and vanish.
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }
  return value;
}

async function resolveBlueprint(value: unknown, path: string, at: Resolution): Promise<unknown> {
  try {
    return copyPlain(value);
  } catch (e) {
    if (e !== NEEDS_AWAIT) throw e;
    return resolveDeep(value, path, [], at);
  }
}

/**
 * Accept components (anything with a `blueprint`) or blueprints; return plain blueprints, and the
 * values that came from other resources (each now a `{ $input }` reference in the blueprints).
 */
export async function blueprintsOf(items: unknown): Promise<{ blueprints: Blueprint[]; inputs: ForeignInput[] }> {
  const problems: Problem[] = [];
  if (!Array.isArray(items) || items.length === 0) {
    throw new BlueprintValidationError("toTerraform", [{ where: "toTerraform items", value: Array.isArray(items) ? "[]" : typeof items, message: "must be a non-empty list of blueprint components or blueprints", fix: "pass e.g. [ordersTable, stateBackend]" }]);
  }
  const blueprints: Blueprint[] = [];
  const inputs = new ForeignInputs();
  for (const [i, item] of items.entries()) {
    const candidate = (item && typeof item === "object" && "blueprint" in item) ? (item as { blueprint: unknown }).blueprint : item;
    const kind = (candidate as { kind?: unknown })?.kind;
    if (!candidate || typeof candidate !== "object" || !KINDS.includes(kind as string)) {
      problems.push({ where: `toTerraform items[${i}]`, value: String(kind ?? (item as object)?.constructor?.name ?? typeof item), message: "is not a blueprint component or blueprint", fix: `pass a ${KINDS.join(", ")} component, or its .blueprint` });
      continue;
    }
    const forged = blueprintShapeProblem(candidate);
    if (forged) {
      problems.push({ where: `toTerraform items[${i}]`, value: String(kind), message: `is not a blueprint component or blueprint (${forged})`, fix: `pass a ${KINDS.join(", ")} component, or its .blueprint, as created by this package` });
      continue;
    }
    const name = (candidate as { name: string }).name;
    const label = `${kind} "${name}"`;
    // The blueprint's own top-level key (`table`, `lockTable`) is left out of variable names and paths.
    blueprints.push(await resolveBlueprint(candidate, label, { problems, inputs, owner: name, label }) as Blueprint);
  }
  if (problems.length > 0) throw new BlueprintValidationError("toTerraform", problems);
  return { blueprints, inputs: inputs.list };
}
