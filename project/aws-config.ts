/**
 * The AWS provider's own stack config (`aws:<key>`): its keys and the type the provider reads each as,
 * as @pulumi/aws 7.x declares them in `config/vars.d.ts` (`export declare const maxRetries: number | undefined`;
 * tests/safety/stack-config-names.test.ts compares names and types with that file). The provider
 * reads `aws:maxRetries: "five"` as no number at all, so `plan` refuses it naming key, value and type.
 * Pulumi stores every config value as a string; a number, boolean, list or object is written either
 * natively in the YAML or as its JSON text (`pulumi config set --path` / `getObject` read both).
 */
import { ProblemList, didYouMean } from "../model/errors";
import { REGION_PATTERN } from "../model/rules";

export type AwsConfigType = "string" | "integer" | "boolean" | "string[]" | "object" | "object[]";

export const AWS_PROVIDER_CONFIG = {
  accessKey: "string", allowedAccountIds: "string[]", assumeRoleWithWebIdentity: "object", assumeRoles: "object[]", customCaBundle: "string",
  defaultTags: "object", ec2MetadataServiceEndpoint: "string", ec2MetadataServiceEndpointMode: "string", endpoints: "object[]",
  forbiddenAccountIds: "string[]", httpProxy: "string", httpsProxy: "string", ignoreTags: "object", insecure: "boolean", maxRetries: "integer",
  noProxy: "string", profile: "string", region: "string", retryMode: "string", s3UsEast1RegionalEndpoint: "string", s3UsePathStyle: "boolean",
  secretKey: "string", sharedConfigFiles: "string[]", sharedCredentialsFiles: "string[]", skipCredentialsValidation: "boolean",
  skipMetadataApiCheck: "boolean", skipRegionValidation: "boolean", skipRequestingAccountId: "boolean", stsRegion: "string",
  tagPolicyCompliance: "string", token: "string", tokenBucketRateLimiterCapacity: "integer", useDualstackEndpoint: "boolean",
  useFipsEndpoint: "boolean", userAgents: "string[]",
} as const satisfies Record<string, AwsConfigType>;

export const AWS_PROVIDER_KEYS = Object.keys(AWS_PROVIDER_CONFIG) as (keyof typeof AWS_PROVIDER_CONFIG)[];

const EXPECTED: Record<AwsConfigType, string> = {
  string: "a string", integer: "a whole number", boolean: "true or false", "string[]": "a list of strings",
  object: "an object (a YAML map)", "object[]": "a list of objects (YAML maps)",
};
const EXAMPLE: Record<AwsConfigType, string> = {
  string: '"value"', integer: "5", boolean: "true", "string[]": '["value"]', object: "a YAML map", "object[]": "a YAML list of maps",
};

/** A native value, or the JSON text Pulumi may hold for it; undefined when the text is not JSON. */
function parsed(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try { return JSON.parse(raw); } catch { return undefined; }
}
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

export function fitsAwsConfigType(type: AwsConfigType, raw: unknown): boolean {
  switch (type) {
    case "string": return ["string", "number", "boolean"].includes(typeof raw);
    case "integer": return typeof raw === "number" ? Number.isInteger(raw) : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw);
    case "boolean": return typeof raw === "boolean" || raw === "true" || raw === "false";
    case "string[]": { const v = parsed(raw); return Array.isArray(v) && v.every((x) => typeof x === "string"); }
    case "object": return isObject(parsed(raw));
    case "object[]": { const v = parsed(raw); return Array.isArray(v) && v.every(isObject); }
  }
}

/** `aws:<key>`'s value against the type the provider reads; a secret's value is never echoed. */
export function checkAwsConfigValue(problems: ProblemList, where: string, key: keyof typeof AWS_PROVIDER_CONFIG, raw: unknown, secret: boolean): void {
  const type: AwsConfigType = AWS_PROVIDER_CONFIG[key];
  if (fitsAwsConfigType(type, raw)) return;
  problems.add(where, secret ? "(a secret)" : raw, `must be ${EXPECTED[type]}: the AWS provider reads aws:${key} as ${type === "integer" ? "a number" : EXPECTED[type]}`,
    `write aws:${key}: ${EXAMPLE[type]}`);
}

const isSecure = (raw: unknown) => raw !== null && typeof raw === "object" && "secure" in (raw as object);

/**
 * Every `aws:*` key of a stack file, in the reference program's project and in a user's alike (the
 * AWS provider reads them the same way in both): an unknown key, a value of the wrong type, a
 * non-Region `aws:region`, or a mis-cased namespace is a problem. An encrypted value cannot be read;
 * a decrypted secret (`secretKeys`) is never echoed.
 */
export function checkAwsProviderConfig(problems: ProblemList, source: string, values: Record<string, unknown>, secretKeys: readonly string[] = []): void {
  const keys = AWS_PROVIDER_KEYS as readonly string[];
  for (const [fullKey, raw] of Object.entries(values ?? {})) {
    const colon = fullKey.indexOf(":");
    if (colon < 0) continue;
    const [namespace, key] = [fullKey.slice(0, colon), fullKey.slice(colon + 1)];
    const where = `${source} config.${fullKey}`;
    if (namespace === "aws") {
      if (!keys.includes(key)) {
        const guess = didYouMean(key, keys);
        problems.add(where, key, "is not a config key of the AWS provider, which would ignore it (a mistyped aws:region leaves the region at us-east-1)",
          guess ? `did you mean "aws:${guess}"?` : "remove it, or use a key the AWS provider reads (e.g. aws:region, aws:profile)");
      } else if (key === "region") {
        // The Region names tables' ARNs and the backend: it must be readable, so an encrypted one is refused too.
        if (typeof raw !== "string" || !REGION_PATTERN.test(raw)) {
          problems.add(where, isSecure(raw) || secretKeys.includes(fullKey) ? "(a secret)" : raw, "is not an AWS region name", `use e.g. "us-east-1"`);
        }
      } else if (!isSecure(raw)) {
        checkAwsConfigValue(problems, where, key as keyof typeof AWS_PROVIDER_CONFIG, raw, secretKeys.includes(fullKey));
      }
    } else if (namespace.toLowerCase() === "aws") {
      problems.add(where, namespace, "is not the AWS provider's namespace (namespaces are case-sensitive), so it would be ignored",
        `write "aws:${keys.includes(key) ? key : didYouMean(key, keys) ?? key}"`);
    }
  }
}
