export interface BenchFigure {
  value: number;
  unit: string;
  /** The budget, if it names one. */
  budget?: number;
  better: 'higher' | 'lower';
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<Record<string, BenchFigure>>;
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}
