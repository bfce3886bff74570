/**
 * Lambda event filtering on the stream consumer (`streamConsumer.filters`): each entry is one filter
 * pattern, a JSON string, and a stream record reaches the function when it matches any of them.
 * The limits and the rule syntax are AWS's, "Control which events Lambda sends to your function":
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 *   - up to five filters per event source mapping by default (a quota increase allows up to 10);
 *   - a pattern is a JSON object whose leaves are arrays of rules; a rule is a value to equal (string,
 *     number, boolean, null) or one operator object: `prefix`, `suffix`, `equals-ignore-case`,
 *     `anything-but`, `numeric`, `exists` (the "Filter rule syntax" table);
 * and `Filter.Pattern` is at most 4096 characters (https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html).
 * Checked before anything is registered, so a bad pattern is not first met by CreateEventSourceMapping.
 */
import { ProblemList } from "./errors";
// Text Terraform would read differently from Pulumi: Lambda matches pattern values exactly, so the two
// deployments would filter different records (also refused earlier, when the args are read: model/snapshot.ts).
import { textProblem } from "./snapshot";

export const MAX_STREAM_FILTERS = 5;
export const MAX_FILTER_PATTERN_CHARS = 4096;
export const FILTER_OPERATORS = ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists"] as const;
const NUMERIC_COMPARISONS = ["=", "<", "<=", ">", ">="];
const EXAMPLE = `JSON.stringify({ eventName: ["INSERT", "MODIFY"] })`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/** Why one operator object is not a rule, or undefined when it is. */
function operatorProblem(rule: Record<string, unknown>): string | undefined {
  const keys = Object.keys(rule);
  if (keys.length !== 1) return `an operator object has exactly one of ${FILTER_OPERATORS.join(", ")} (got ${keys.length} keys)`;
  const [op] = keys;
  const operand = rule[op];
  switch (op) {
    case "prefix": case "suffix": case "equals-ignore-case":
      return typeof operand === "string" ? undefined : `"${op}" takes a string`;
    case "exists":
      return typeof operand === "boolean" ? undefined : `"exists" takes true or false`;
    case "anything-but":
      return typeof operand === "string" || typeof operand === "number" ||
        (Array.isArray(operand) && operand.length > 0 && operand.every((x) => typeof x === "string" || typeof x === "number"))
        || (isObject(operand) && operatorProblem(operand) === undefined && ["prefix", "suffix", "equals-ignore-case"].includes(Object.keys(operand)[0]))
        ? undefined : `"anything-but" takes a string, a number, a non-empty list of them, or a prefix/suffix/equals-ignore-case object`;
    case "numeric": {
      const ok = Array.isArray(operand) && (operand.length === 2 || operand.length === 4) &&
        operand.every((x, i) => (i % 2 === 0 ? NUMERIC_COMPARISONS.includes(x as string) : typeof x === "number" && Number.isFinite(x)));
      return ok ? undefined : `"numeric" takes [comparison, number] or [comparison, number, comparison, number] with comparisons ${NUMERIC_COMPARISONS.join(" ")}`;
    }
    default:
      return `"${op}" is not a Lambda filter operator (use ${FILTER_OPERATORS.join(", ")})`;
  }
}

/** Why a parsed pattern does not follow the rule syntax, with the JSON path, or undefined. */
function patternProblem(node: unknown, path: string): string | undefined {
  if (!isObject(node)) return `${path ? `property "${path}"` : "the pattern"} must be an object of properties`;
  if (Object.keys(node).length === 0) return `${path ? `property "${path}"` : "the pattern"} is empty`;
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (isObject(value)) {
      const problem = patternProblem(value, at);
      if (problem) return problem;
    } else if (Array.isArray(value)) {
      if (value.length === 0) return `property "${at}" has an empty list of rules (a list matches when any of its rules does)`;
      for (const rule of value) {
        if (isScalar(rule)) continue;
        const problem = isObject(rule) ? operatorProblem(rule) : "a rule is a value or an operator object, not a list";
        if (problem) return `property "${at}": ${problem}`;
      }
    } else return `property "${at}" must be a list of rules, e.g. [${JSON.stringify(value)}]`;
  }
  return undefined;
}

/** Problems of `streamConsumer.filters`; `where` names the table (`DynamoTable "orders".streamConsumer`). */
export function checkStreamFilters(problems: ProblemList, where: string, filters: unknown): void {
  if (filters === undefined) return;
  const at = `${where}.filters`;
  if (!Array.isArray(filters)) {
    problems.add(at, filters, "must be a list of filter patterns (JSON strings)", `write filters: [${EXAMPLE}]`);
    return;
  }
  if (filters.length === 0) problems.add(at, "[]", "is empty: no filter would mean every record, which is what leaving filters out says", "remove filters, or give at least one pattern");
  if (filters.length > MAX_STREAM_FILTERS) {
    problems.add(at, `${filters.length} patterns`, `exceeds Lambda's ${MAX_STREAM_FILTERS} filters per event source mapping (the default quota)`,
      "merge patterns (a list of values in one pattern matches any of them), or keep at most 5");
  }
  const seen = new Map<string, number>();
  filters.forEach((pattern, i) => {
    const here = `${at}[${i}]`;
    if (typeof pattern !== "string") {
      problems.add(here, pattern, "must be a JSON string (Lambda stores each pattern as text)", `write ${EXAMPLE}`);
      return;
    }
    if (pattern.length > MAX_FILTER_PATTERN_CHARS) {
      problems.add(here, pattern, `is ${pattern.length} characters; Lambda accepts at most ${MAX_FILTER_PATTERN_CHARS} per pattern`, "shorten it or split it into several patterns");
      return;
    }
    const text = textProblem(pattern);
    if (text) {
      problems.add(here, pattern, ...text);
      return;
    }
    let parsed: unknown;
    try { parsed = JSON.parse(pattern); } catch (e) {
      problems.add(here, pattern, `is not JSON (${(e as Error).message})`, `write it with ${EXAMPLE}`);
      return;
    }
    const problem = patternProblem(parsed, "");
    if (problem) problems.add(here, pattern, `is not a Lambda filter pattern: ${problem}`, `follow the rule syntax, e.g. ${EXAMPLE}`);
    const canonical = JSON.stringify(parsed);
    if (seen.has(canonical)) problems.add(here, pattern, `repeats filters[${seen.get(canonical)}]`, "remove the duplicate");
    else seen.set(canonical, i);
  });
}
