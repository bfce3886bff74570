/**
 * Vocabulary of the implementation checklist. Pure data: the checklist judges what a stack actually
 * registered (recorded by the CLI's mock runtime), not what we believe the components do, so a
 * renderer bug shows up as a failed check instead of hiding behind the model.
 */
import type { Blueprint } from "../../model/stack";
import type { KeyHints } from "../../model/advice/key-design";
import type { TrafficProfile } from "../../model/advice/cost";
import type { SchemaLock } from "../schema-lock";

/** One resource as the Pulumi monitor saw it: inputs and the resource options mocks never receive. */
export interface RecordedResource {
  type: string;
  name: string;
  /** false for component resources. */
  custom: boolean;
  inputs: Record<string, any>;
  /** What the mock returned as the resource's state (ARNs, names): lets checks follow references. */
  outputs?: Record<string, any>;
  /** The physical id the mock assigned (custom resources only). */
  id?: string;
  parentUrn: string;
  /** The parent's type and name, when the parent was recorded too. */
  parent?: { type: string; name: string };
  urn: string;
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  /** The `import` resource option ("" when not importing). */
  importId: string;
  /** Construction order when known (registration order is async and says nothing). */
  sequence?: number;
}

export type CheckStatus = "PASS" | "WARN" | "FAIL";

export interface CheckItem {
  /** Stable identifier, for scripts reading `--json`. */
  id: string;
  /** The article's checklist step (1-8); absent for checks this project adds from its model. */
  step?: number;
  title: string;
  status: CheckStatus;
  /** One sentence: why this status. */
  reason: string;
  /** What to change; absent when the item passes. */
  fix?: string;
  /** Per-resource findings behind the status, one line each. */
  details: string[];
}

/** Optional figures nobody can derive from the infrastructure itself, keyed by physical table name. */
export interface ChecklistHints {
  traffic?: Record<string, TrafficProfile>;
  keys?: Record<string, Record<string, KeyHints>>;
}

/** What a stack declared as a whole about production (project/checklist/production.ts has the rule). */
export interface ProductionDeclaration {
  /** `dynamodb-blueprints:production: true`: every table of the stack is production. */
  stackWide: boolean;
  /** Where the stack-wide setting was read (e.g. `Pulumi.prod.yaml`), for the report's header. */
  source?: string;
}

export interface ChecklistInput {
  stack: string;
  /**
   * What the stack declares as a whole (`dynamodb-blueprints:production`); tables are otherwise
   * production one by one, as declared (project/checklist/production.ts).
   */
  production?: ProductionDeclaration;
  blueprints: Blueprint[];
  resources: RecordedResource[];
  /** The accounts the stack may deploy to (the AWS provider's `aws:allowedAccountIds`), when it pins them. */
  ownAccounts?: string[];
  hints?: ChecklistHints;
  /** The stack's committed schema lock (`check` reads it); without this field the lock item is left out. */
  schemaLock?: { file: string; lock?: SchemaLock; accepted: string[] };
}

export interface ChecklistReport {
  stack: string;
  /** The production rule applied (one sentence) and the tables it judged production. */
  production: { rule: string; stackWide: boolean; tables: string[] };
  items: CheckItem[];
  counts: Record<CheckStatus, number>;
}
