/**
 * Runs policies the way @pulumi/policy 1.21's policy server does (server.js makeAnalyzeRpcFun /
 * makeAnalyzeStackRpcFun), without the Pulumi CLI: props wrapped in the SDK's unknown-checking
 * proxy, `getConfig()` returning the configured properties minus `enforcementLevel`, the effective
 * level `config > policy > pack`, "disabled" skipping the policy, and an UnknownValueError turned into
 * an advisory "can't run ... during preview" (so a test sees it if a policy lets one escape).
 */
import {
  EnforcementLevel, PolicyProviderResource, PolicyResource, PolicyResourceOptions, ReportViolation, ResourceValidationArgs,
  ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../../policy/policies";
import { isUnknownValueError } from "../../policy/lib";

// Runtime exports that 1.21's proxy.d.ts does not declare.
const sdk = require("@pulumi/policy") as { unknownCheckingProxy<T>(value: T): T };
const sentinels = require("@pulumi/policy/proxy") as Record<string, string>;
/** What the engine sends for a value computed from a resource that does not exist yet (preview). */
export const UNKNOWN_STRING = sentinels.unknownStringValue;
export const UNKNOWN_NUMBER = sentinels.unknownNumberValue;
export const UNKNOWN_BOOLEAN = sentinels.unknownBooleanValue;
export const UNKNOWN_OBJECT = sentinels.unknownObjectValue;

export interface Violation {
  policy: string;
  level: EnforcementLevel;
  message: string;
  urn?: string;
}

/** A resource as a test writes it. Names in dependsOn / propertyDependencies refer to other resources. */
export interface TestResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect?: boolean;
  provider?: PolicyProviderResource;
  dependsOn?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** Policy config as in a `--policy-pack-config` file: a level, or properties plus optional level. */
export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PackConfig = Record<string, PolicyConfigEntry>;

export const urnOf = (type: string, name: string) => `urn:pulumi:test::policy-tests::${type}::${name}`;

function configFor(config: PackConfig, name: string): { level?: EnforcementLevel; props: Record<string, unknown> } {
  const entry = config[name];
  if (entry === undefined) return { props: {} };
  if (typeof entry === "string") return { level: entry, props: {} };
  const { enforcementLevel, ...props } = entry;
  return { level: enforcementLevel, props };
}

function opts(r: TestResource): PolicyResourceOptions {
  return {
    protect: r.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  };
}

const notApplicable = (reason?: string): never => {
  throw Object.assign(new Error(reason ?? "not applicable"), { notApplicable: true });
};

async function guard(policy: { name: string }, out: Violation[], run: () => Promise<void> | void): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (isUnknownValueError(e)) out.push({ policy: policy.name, level: "advisory", message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}` });
    else if (!(e as { notApplicable?: boolean }).notApplicable) throw e;
  }
}

function levelOf(policy: { name: string; enforcementLevel?: EnforcementLevel }, config: PackConfig, packLevel: EnforcementLevel) {
  const c = configFor(config, policy.name);
  return { level: c.level ?? policy.enforcementLevel ?? packLevel, props: c.props };
}

/** One resource policy against one resource's inputs. */
export async function validateResource(policy: ResourceValidationPolicy, r: TestResource, config: PackConfig = {},
  packLevel: EnforcementLevel = PACK_ENFORCEMENT_LEVEL): Promise<Violation[]> {
  const { level, props } = levelOf(policy, config, packLevel);
  const out: Violation[] = [];
  if (level === "disabled" || !policy.validateResource) return out;
  const report: ReportViolation = (message, urn) => out.push({ policy: policy.name, level, message, urn });
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  for (const validate of validations) {
    const wrapped = sdk.unknownCheckingProxy(r.props);
    const args: ResourceValidationArgs = {
      type: r.type, props: wrapped, urn: urnOf(r.type, r.name), name: r.name, opts: opts(r), provider: r.provider,
      stackTags: new Map(), isType: () => false, asType: () => undefined,
      getConfig: <T extends object>() => ({ ...props }) as T, notApplicable,
    };
    await guard(policy, out, () => validate(args, report));
  }
  return out;
}

/** Build the engine's view of a stack: parents and dependencies resolved to resource objects. */
export function stackResources(resources: TestResource[]): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const pr: PolicyResource = {
      type: r.type, props: sdk.unknownCheckingProxy(r.props), urn: urnOf(r.type, r.name), name: r.name, opts: opts(r), provider: r.provider,
      dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
    };
    byName.set(r.name, pr);
    return pr;
  });
  const lookup = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`test resource ${name} is not in the stack`);
    return found;
  };
  resources.forEach((r, i) => {
    built[i].dependencies = (r.dependsOn ?? []).map(lookup);
    for (const [prop, names] of Object.entries(r.propertyDependencies ?? {})) built[i].propertyDependencies[prop] = names.map(lookup);
  });
  return built;
}

/** One stack policy against a whole stack. */
export async function validateStack(policy: StackValidationPolicy, resources: TestResource[] | PolicyResource[], config: PackConfig = {},
  packLevel: EnforcementLevel = PACK_ENFORCEMENT_LEVEL): Promise<Violation[]> {
  const { level, props } = levelOf(policy, config, packLevel);
  const out: Violation[] = [];
  if (level === "disabled") return out;
  const list = resources.length > 0 && "urn" in resources[0] ? (resources as PolicyResource[]) : stackResources(resources as TestResource[]);
  const args: StackValidationArgs = { resources: list, stackTags: new Map(), getConfig: <T extends object>() => ({ ...props }) as T, notApplicable };
  await guard(policy, out, () => policy.validateStack(args, (message, urn) => out.push({ policy: policy.name, level, message, urn })));
  return out;
}

/** Every policy of the pack: resource policies per resource, then stack policies on the stack. */
export async function validatePack(resources: TestResource[], config: PackConfig = {}): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const p of policies) {
    if ("validateStack" in p) out.push(...(await validateStack(p, resources, config)));
    else for (const r of resources) out.push(...(await validateResource(p, r, config)));
  }
  return out;
}

export const messages = (vs: Violation[]) => vs.map((v) => v.message);
