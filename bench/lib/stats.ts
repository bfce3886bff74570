/** Median and spread of repeated measurements. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Quartiles (linear interpolation); with fewer than 4 samples read min/max instead. */
  q1: number;
  q3: number;
  values: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: values.length,
    median: round(quantile(sorted, 0.5)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    q1: round(quantile(sorted, 0.25)),
    q3: round(quantile(sorted, 0.75)),
    values: values.map(round),
  };
}

/** `1234 ms (1180–1302)`: median and min–max, in a unit that reads well. */
export function show(s: Summary, unit: "ms" | "MB" | "x" | "ms/table" = "ms"): string {
  const f = (x: number) => (unit === "ms" && x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : unit === "ms" ? `${Math.round(x)} ms`
    : unit === "MB" ? `${Math.round(x)} MB` : unit === "x" ? `${x.toFixed(2)}x` : `${x.toFixed(3)} ms`);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}
