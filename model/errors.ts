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

export function formatProblems(subject: string, problems: Problem[]): string {
  const lines = problems.map(
    (p, i) => `  ${i + 1}. ${p.where}: ${p.message} (got ${p.value}). Fix: ${p.fix}`,
  );
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `${subject}: ${count}\n${lines.join("\n")}`;
}

/** Render any value for an error message without ever throwing (cycles, bigint, undefined). */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
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
