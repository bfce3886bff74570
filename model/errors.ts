/**
 * One error type for every bad input the package can meet (component args, stack config, CLI flags,
 * emitter options). Each problem names where it is, the bad value and the fix, and all problems of
 * one input are reported together so a user fixes them in one pass instead of one per run.
 */

export interface Problem {
  /** Where: `DynamoTable "orders" globalSecondaryIndexes[1] ("StatusIndex").projectionType`. */
  where: string;
  /** The offending value, rendered for humans. */
  value: string;
  message: string;
  fix: string;
}

export class BlueprintValidationError extends Error {
  readonly problems: Problem[];

  constructor(subject: string, problems: Problem[]) {
    super(formatProblems(subject, problems));
    this.name = "BlueprintValidationError";
    this.problems = problems;
  }
}

/** A message lists at most this many problems, then "and N more": 10,000 bad indexes must not print 10,000 lines. */
export const MAX_LISTED_PROBLEMS = 20;
/** An echoed value is cut to this many characters (plus its length): a 1 MB name must not make a 1 MB message. */
export const MAX_ECHO = 80;

export function formatProblems(subject: string, problems: Problem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const lines = listed.map(
    (p, i) => `  ${i + 1}. ${capText(p.where, 4 * MAX_ECHO)}: ${capText(p.message, 8 * MAX_ECHO)} (got ${capText(p.value, MAX_ECHO + 40)}). Fix: ${capText(p.fix, 8 * MAX_ECHO)}`,
  );
  if (problems.length > listed.length) lines.push(`  ... and ${problems.length - listed.length} more (fix the ones above first; they are often the same mistake)`);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `${capText(subject, 4 * MAX_ECHO)}: ${count}\n${lines.join("\n")}`;
}

/** `text` cut to `max` characters with an ellipsis and the full length, e.g. `"aaaa…" (1048576 characters)`. */
export function capText(text: string, max = MAX_ECHO): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** `{ secure: ... }`: how Pulumi stores a secret in a stack file. Its ciphertext is never echoed. */
export const isSecureValue = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v as object, "secure");
/** A Pulumi Output (duck-typed: the model imports no Pulumi) or a Promise. */
export const isOutputLike = (v: unknown) => v !== null && typeof v === "object" && (v as { __pulumiOutput?: unknown }).__pulumiOutput === true;
export const isPromiseLike = (v: unknown) => v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";

/** Render any value for an error message without ever throwing (cycles, bigint, undefined); capped, secrets hidden. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (isSecureValue(value)) return "(a secret)";
  if (isOutputLike(value)) return "(a Pulumi Output)";
  if (isPromiseLike(value)) return "(a Promise)";
  if (typeof value === "string") return value.length > MAX_ECHO ? `${JSON.stringify(value.slice(0, MAX_ECHO))}… (${value.length} characters)` : JSON.stringify(value);
  try {
    const text = JSON.stringify(value, (_k, v) => isSecureValue(v) ? "(a secret)" : isOutputLike(v) ? "(a Pulumi Output)" : isPromiseLike(v) ? "(a Promise)"
      : typeof v === "bigint" ? String(v) : v);
    if (text === undefined) return capText(String(value));
    return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}… (${text.length} characters)` : text;
  } catch {
    return capText(Object.prototype.toString.call(value));
  }
}

/** Collects problems for one subject; `throwIfAny` raises them all at once. */
export class ProblemList {
  readonly problems: Problem[] = [];

  add(where: string, value: unknown, message: string, fix: string): void {
    this.problems.push({ where, value: show(value), message, fix });
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(subject: string): void {
    if (!this.empty) throw new BlueprintValidationError(subject, this.problems);
  }
}

/** Levenshtein distance, for "did you mean" suggestions on unknown keys and values. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a small distance, or undefined. Case-insensitive. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** "one of A, B or C" with a did-you-mean when close. */
export function choiceFix(value: unknown, allowed: readonly string[]): string {
  const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
  const list = allowed.map((a) => `"${a}"`).join(", ");
  return guess ? `did you mean "${guess}"? Allowed: ${list}` : `use one of ${list}`;
}
