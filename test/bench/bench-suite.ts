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

/**
 * A closed loop: each of `lanes` repeats `once(lane)` back to back for `seconds`;
 * answers the rate of completed runs per second, their count and p99 latency (ms).
 */
export async function closedLoop<L>(lanes: readonly L[], seconds: number, once: (lane: L) => Promise<unknown>): Promise<{ rate: number; runs: number; p99: number }> {
  const until = Date.now() + seconds * 1000;
  let runs = 0;
  const started = process.hrtime.bigint();
  const latencies: number[] = [];
  await Promise.all(
    lanes.map(async (lane) => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await once(lane);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        runs++;
      }
    }),
  );
  return { rate: runs / (Number(process.hrtime.bigint() - started) / 1e9), runs, p99: percentile(latencies, 99) };
}
