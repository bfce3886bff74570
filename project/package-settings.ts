/**
 * The settings the package itself reads from any project's stack file (`Pulumi.<stack>.yaml`), under
 * the `dynamodb-blueprints:` namespace. Anything else there is a mistake: a key like
 * `dynamodb-blueprints:protect` is the repository's reference program's config, and in a user's
 * project nothing reads it, so it would do nothing silently. The CLI and `runProgram` refuse it,
 * listing the valid keys. (The reference program itself, whose project is named `dynamodb-blueprints`,
 * validates its whole namespace in project/stack-config.ts.)
 */
import { BlueprintValidationError, ProblemList, didYouMean } from "../model/errors";
import { PRODUCTION_SETTING } from "./checklist/production";
import { PROJECT } from "./stack-config";
import { checkAwsProviderConfig } from "./aws-config";

/** Every package setting, with what it does (the README and the error list them). */
export const PACKAGE_SETTINGS: Record<string, string> = {
  [PRODUCTION_SETTING]: "true: `check` judges every table of this stack as production (otherwise only ProductionTable and tables created with { protect: true })",
};

const isBoolean = (v: unknown) => typeof v === "boolean" || v === "true" || v === "false";

/**
 * Refuse unknown `dynamodb-blueprints:*` keys (and a non-boolean production) in a user's stack file,
 * and `aws:*` keys the AWS provider would ignore or misread (the check the reference program's stack gets).
 */
export function checkPackageSettings(project: string, config: Record<string, unknown>, source: string): void {
  if (project === PROJECT) return; // the reference program: project/stack-config.ts owns the namespace
  const problems = new ProblemList();
  const valid = Object.keys(PACKAGE_SETTINGS);
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${PROJECT}:`)) continue; // aws:* below
    if (!valid.includes(key)) {
      const guess = didYouMean(key, valid);
      problems.add(`${source} config.${key}`, key, `is not a setting dynamodb-blueprints reads (valid: ${valid.join(", ")}), so it would do nothing`,
        `${guess ? `did you mean "${guess}"? ` : ""}Table settings are component arguments in your program (e.g. pointInTimeRecovery: true, or { protect: true } as a resource option), not stack config; read your own keys with new pulumi.Config() under your project's namespace`);
    } else if (!isBoolean(value)) {
      problems.add(`${source} config.${key}`, value, "must be true or false", `write ${key}: true`);
    }
  }
  checkAwsProviderConfig(problems, source, config);
  problems.throwIfAny(`Stack file ${source}`);
}
