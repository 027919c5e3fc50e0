/** Latency percentiles and throughput of a fixed amount of work run by N concurrent clients. */
export interface Measurement {
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

export async function measureConcurrent(input: { total: number; concurrency: number; run: (index: number) => Promise<boolean> }): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const client = async () => {
    for (let index = next++; index < input.total; index = next++) {
      const before = performance.now();
      const isOk = await input.run(index).catch(() => false);
      latencies.push(performance.now() - before);
      if (!isOk) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) => latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? 0;
  return { count: input.total, seconds, perSecond: input.total / seconds, p50Ms: at(0.5), p99Ms: at(0.99), failures };
}

export function formatMeasurement(label: string, measurement: Measurement): string {
  return `${label.padEnd(46)} ${measurement.perSecond.toFixed(0).padStart(7)}/s   p50 ${measurement.p50Ms.toFixed(1).padStart(7)} ms   p99 ${measurement.p99Ms.toFixed(1).padStart(7)} ms   (${measurement.count} in ${measurement.seconds.toFixed(1)} s, ${measurement.failures} failed)`;
}
