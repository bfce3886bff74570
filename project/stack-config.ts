/**
 * The reference program's stack configuration: one schema, read the same way from Pulumi's runtime
 * config (`pulumi up`) and from `Pulumi.<stack>.yaml` (the CLI), so dev and prod differ only by it.
 * Values may be typed YAML scalars or the strings `pulumi config set` stores.
 */
import { NAME_CHARACTERS } from "../model/rules";
import { ENCRYPTION_MODES, EncryptionMode } from "../model/types";
import { BlueprintValidationError, ProblemList, didYouMean } from "../model/errors";
import { LIMITS, checkName, checkTags } from "../model/validate";
import { isBucketName } from "../model/state-backend";
import { AWS_PROVIDER_KEYS, checkAwsProviderConfig } from "./aws-config";

export { AWS_PROVIDER_KEYS };

export const PROJECT = "dynamodb-blueprints";

export interface StackConfig {
  environment: string;
  region: string;
  protect: boolean;
  production: boolean;
  encryption: EncryptionMode;
  pointInTimeRecovery: boolean;
  recoveryPeriodInDays: number;
  deletionProtection: boolean;
  stateBucketName: string;
  stateKey: string;
  lockTableName: string;
  highTrafficMinCapacity: number;
  highTrafficMaxCapacity: number;
  targetUtilization: number;
  monitoring: boolean;
  tags: Record<string, string>;
}

type Kind = "string" | "boolean" | "integer" | "tags" | "encryption";

interface KeySchema {
  kind: Kind;
  description: string;
  /** Absent means required. */
  default?: unknown;
  min?: number;
  max?: number;
}

/** Every key the program reads. `Pulumi.yaml` declares the same keys (a test keeps them in step). */
export const CONFIG_SCHEMA: Record<keyof Omit<StackConfig, "region">, KeySchema> = {
  environment: { kind: "string", description: "Environment name used in table names, tags and the state key (dev, prod)." },
  protect: { kind: "boolean", default: false, description: "Pulumi protect + retainOnDelete on stateful resources; prod tables become ProductionTable (Terraform prevent_destroy)." },
  production: { kind: "boolean", default: false, description: "check judges every table of the stack as production (otherwise only ProductionTable and protected tables are)." },
  encryption: { kind: "encryption", default: "AWS_OWNED", description: "Encryption of non-production tables: AWS_OWNED, AWS_MANAGED or CUSTOMER_MANAGED." },
  pointInTimeRecovery: { kind: "boolean", default: true, description: "Point-in-time recovery on every table." },
  recoveryPeriodInDays: { kind: "integer", default: 35, min: 1, max: LIMITS.maxRecoveryDays, description: "PITR window in days (1-35)." },
  deletionProtection: { kind: "boolean", default: false, description: "AWS deletion protection on every table." },
  stateBucketName: { kind: "string", description: "S3 bucket for Terraform state (globally unique)." },
  stateKey: { kind: "string", default: "", description: "State object key; default <environment>/infrastructure.tfstate." },
  lockTableName: { kind: "string", default: "terraform-state-locks", description: "Name of the Terraform lock table." },
  highTrafficMinCapacity: { kind: "integer", default: 10, min: 1, max: 40000, description: "Auto scaling minimum for the high-traffic table (read and write)." },
  highTrafficMaxCapacity: { kind: "integer", default: 500, min: 1, max: 40000, description: "Auto scaling maximum for the high-traffic table (read and write)." },
  targetUtilization: { kind: "integer", default: 70, min: LIMITS.minTargetUtilization, max: LIMITS.maxTargetUtilization, description: "Auto scaling target utilisation in percent (20-90)." },
  monitoring: { kind: "boolean", default: false, description: "CloudWatch alarms (throttles, errors, capacity) with an SNS topic on every data table." },
  tags: { kind: "tags", default: {}, description: "Tags added to every resource." },
};

/** `key: { secure: ... }`, how `pulumi config set --secret` stores a value. */
const isSecure = (raw: unknown) => raw !== null && typeof raw === "object" && "secure" in (raw as object);

/** Keys of other namespaces that the program reads. */
const FOREIGN_KEYS = ["aws:region"];
type AwsProviderKey = (typeof AWS_PROVIDER_KEYS)[number];
const DEFAULT_REGION = "us-east-1";

function coerce(problems: ProblemList, where: string, schema: KeySchema, raw: unknown): unknown {
  const bad = (message: string, fix: string) => { problems.add(where, raw, message, fix); return undefined; };
  switch (schema.kind) {
    case "string":
      return typeof raw === "string" ? raw : bad("must be a string", `quote the value: "${String(raw)}"`);
    case "boolean":
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      return bad("must be true or false", `write ${where.split(":").pop()}: true or false`);
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(n)) return bad("must be a whole number", `write a number between ${schema.min} and ${schema.max}`);
      if (n < schema.min! || n > schema.max!) return bad(`must be between ${schema.min} and ${schema.max}`, `pick a value in ${schema.min}..${schema.max}`);
      return n;
    }
    case "encryption":
      if (ENCRYPTION_MODES.includes(raw as EncryptionMode)) return raw;
      return bad("is not an encryption mode", `use one of ${ENCRYPTION_MODES.join(", ")}${typeof raw === "string" && didYouMean(raw, ENCRYPTION_MODES) ? ` (did you mean ${didYouMean(raw, ENCRYPTION_MODES)}?)` : ""}`);
    case "tags": {
      let value = raw;
      if (typeof raw === "string") {
        try { value = JSON.parse(raw); } catch { return bad("must be a map of tag names to strings", "write tags as a YAML map"); }
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("must be a map of tag names to strings", "write tags as a YAML map");
      const before = problems.problems.length;
      checkTags(problems, where, value);
      for (const [k, v] of Object.entries(value)) {
        // A `secure:` tag value would be echoed (ciphertext) and then written in plain text to every resource.
        if (isSecure(v)) problems.add(`${where}[${JSON.stringify(k)}]`, "(a secret)", "is a secret, and tags are stored and shown in plain text", "use a plain value; tags must never hold secrets");
        else if (typeof v !== "string") problems.add(`${where}[${JSON.stringify(k)}]`, v, "tag values must be strings", `quote it: "${String(v)}"`);
      }
      return problems.problems.length === before ? value : undefined;
    }
  }
}

/**
 * Parse a stack's config map (`project:key` -> value). `source` names the file or "Pulumi config" in
 * errors. Unknown keys of this project are errors with a did-you-mean; other namespaces are ignored.
 */
export function parseStackConfig(stack: string, values: Record<string, unknown>, source = `Pulumi.${stack}.yaml`,
  /** Keys Pulumi decrypted for the program (`pulumi up` hands secrets over as plain strings, listed here). */
  secretKeys: readonly string[] = []): StackConfig {
  const problems = new ProblemList();
  const known = Object.keys(CONFIG_SCHEMA);
  const own: Record<string, unknown> = {};
  for (const [fullKey, raw] of Object.entries(values ?? {})) {
    if (!fullKey.includes(":")) {
      problems.add(`${source} config.${fullKey}`, fullKey, "has no namespace", `write "${PROJECT}:${didYouMean(fullKey, known) ?? fullKey}"`);
      continue;
    }
    const [namespace, key] = [fullKey.slice(0, fullKey.indexOf(":")), fullKey.slice(fullKey.indexOf(":") + 1)];
    if (namespace !== PROJECT) {
      if (namespace.toLowerCase() === "aws") {
        // checked below with checkAwsProviderConfig, the same check a user's project gets
      } else if (!FOREIGN_KEYS.includes(fullKey) && didYouMean(namespace, [PROJECT])) {
        problems.add(`${source} config.${fullKey}`, namespace, "is not this project's namespace", `write "${PROJECT}:${key}"`);
      }
      continue;
    }
    if (!known.includes(key)) {
      const guess = didYouMean(key, known);
      problems.add(`${source} config.${fullKey}`, key, "is not a known setting",
        guess ? `did you mean "${PROJECT}:${guess}"?` : `remove it; known settings: ${known.join(", ")}`);
      continue;
    }
    if (isSecure(raw) || secretKeys.includes(fullKey)) {
      problems.add(`${source} config.${fullKey}`, "(a secret)", "is not a secret setting", "store it as plain config; no setting of this project is secret");
      continue;
    }
    own[key] = coerce(problems, `${source} config.${fullKey}`, CONFIG_SCHEMA[key as keyof typeof CONFIG_SCHEMA], raw);
  }
  for (const [key, schema] of Object.entries(CONFIG_SCHEMA)) {
    if (!(key in own) && schema.default === undefined) {
      problems.add(`${source} config.${PROJECT}:${key}`, undefined, "is required", `add "${PROJECT}:${key}: <${schema.kind}>" (${schema.description})`);
    }
  }
  checkAwsProviderConfig(problems, source, values, secretKeys);
  const region = values?.["aws:region"] ?? DEFAULT_REGION;
  const config = Object.fromEntries(Object.entries(CONFIG_SCHEMA).map(([k, s]) => [k, own[k] ?? s.default])) as Omit<StackConfig, "region">;
  // Only the character set: the environment is a suffix of table names, so its length is not a table name's.
  if (typeof config.environment === "string" && !new RegExp(`^[${NAME_CHARACTERS}]{1,64}$`).test(config.environment)) {
    problems.add(`${source} config.${PROJECT}:environment`, config.environment, "is not a valid environment name",
      `use 1-64 letters, digits, "_", "-" and "." (e.g. dev, prod)`);
  }
  // Checked here as well as in the blueprints, so the error names the config key the user wrote.
  if (typeof config.lockTableName === "string") checkName(problems, `${source} config.${PROJECT}:lockTableName`, config.lockTableName, "table");
  if (typeof config.stateBucketName === "string" && !isBucketName(config.stateBucketName)) {
    problems.add(`${source} config.${PROJECT}:stateBucketName`, config.stateBucketName, "is not a valid S3 bucket name",
      "use 3-63 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
  }
  if (typeof config.stateKey === "string" && /^\/|\/$/.test(config.stateKey)) {
    problems.add(`${source} config.${PROJECT}:stateKey`, config.stateKey, "is not a usable S3 object key", `use a path like "production/infrastructure.tfstate"`);
  }
  if (config.highTrafficMinCapacity > config.highTrafficMaxCapacity) {
    problems.add(`${source} config.${PROJECT}:highTrafficMinCapacity`, config.highTrafficMinCapacity,
      `is above highTrafficMaxCapacity (${config.highTrafficMaxCapacity})`, "lower the minimum or raise the maximum");
  }
  if (!problems.empty) throw new BlueprintValidationError(`Stack "${stack}" configuration (${source})`, problems.problems);
  return {
    ...config,
    stateKey: config.stateKey || `${config.environment}/infrastructure.tfstate`,
    region: region as string,
  };
}
