/**
 * A small model of how Terraform maps prior state onto a new configuration, for tables and KMS keys:
 * which resource instances a configuration declares (`count` evaluated from the module call's
 * arguments and the variables' defaults), and how `moved` blocks relocate prior-state objects (a move
 * applies when its `from` is in the state and its `to` is free; chains are followed). What is left in
 * state at an address the configuration does not declare is planned for destroy.
 */
import { parseHcl } from "../hcl/tools";
import { Scope, evalValue } from "./hcl-expr";

const STATEFUL = ["aws_dynamodb_table", "aws_kms_key"];
const unwrap = (s: unknown) => String(s).replace(/^\$\{|\}$/g, "");

export interface Emission { instances: Set<string>; moves: { from: string; to: string }[] }

/** Parsed files by text: the shared module's files are the same in every emission. */
const cache = new Map<string, Promise<any>>();
const parseOnce = (text: string) => {
  if (!cache.has(text)) cache.set(text, parseHcl(text));
  return cache.get(text)!;
};

/** The stateful instances a set of emitted files declares, and its root `moved` blocks. */
export async function emission(files: Record<string, string>): Promise<Emission> {
  const parsed: Record<string, any> = {};
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".tf") || file === "versions.tf" || file === "outputs.tf") continue;
    parsed[file] = await parseOnce(text);
  }
  const root = Object.entries(parsed).filter(([file]) => !file.includes("/")).map(([, json]) => json);
  const instances = new Set<string>();
  const moves: Emission["moves"] = [];
  for (const json of root) {
    for (const type of STATEFUL) for (const name of Object.keys(json.resource?.[type] ?? {})) instances.add(`${type}.${name}`);
    for (const m of json.moved ?? []) moves.push({ from: unwrap(m.from), to: unwrap(m.to) });
    for (const [call, bodies] of Object.entries<any>(json.module ?? {})) {
      const dir = String(bodies[0].source).replace(/^\.\//, "");
      const module = Object.entries(parsed).filter(([file]) => file.startsWith(`${dir}/`)).map(([, j]) => j);
      const variables = Object.assign({}, ...module.map((j) => j.variable ?? {}));
      const locals = Object.assign({}, ...module.flatMap((j) => j.locals ?? []));
      const input = (name: string) => (name in bodies[0] ? bodies[0][name] : variables[name]?.[0]?.default ?? null);
      const scope: Scope = (p) => {
        if (p[0] === "var") return p.slice(2).reduce<any>((v, k) => v?.[k], input(p[1]));
        if (p[0] === "local") return localValues[p[1]];
        throw new Error(`count depends on ${p.join(".")}`);
      };
      const localValues: Record<string, unknown> = {};
      for (const [name, expr] of Object.entries(locals)) {
        try { localValues[name] = await evalValue(expr, scope); } catch { /* reads resources: not needed by count */ }
      }
      for (const json2 of module) {
        for (const type of STATEFUL) {
          for (const [name, rbodies] of Object.entries<any>(json2.resource?.[type] ?? {})) {
            if (await evalValue(rbodies[0].count, scope) === 1) instances.add(`module.${call}.${type}.${name}[0]`);
          }
        }
      }
    }
  }
  return { instances, moves };
}

/** Prior state (the previous emission's instances) after the new emission's `moved` blocks. */
export function applyMoves(state: Set<string>, moves: Emission["moves"]): Set<string> {
  const next = new Set<string>();
  for (const address of state) {
    let current = address;
    const seen = new Set([current]);
    for (let m = moves.find((x) => x.from === current); m && !state.has(m.to) && !seen.has(m.to); m = moves.find((x) => x.from === current)) {
      current = m.to;
      seen.add(current);
    }
    next.add(current);
  }
  return next;
}

/** Stateful objects Terraform would destroy going from `before` to `after`. */
export function plannedDestroys(before: Emission, after: Emission): string[] {
  return [...applyMoves(before.instances, after.moves)].filter((a) => !after.instances.has(a)).sort();
}
