// What the benchmarks time with: the median of samples, and the median time of a call.

// The middle sample (the upper one of an even count).
export function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The median of `repeats` timings of run(), in ms.
export function time(run, repeats) {
  const samples = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
