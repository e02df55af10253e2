// bench/results.json: each benchmark records its latest figures under its own name, with the date,
// so `npm run bench` leaves one file of every measured number (the README's tables quote it).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

// Replaces the entry `name` of bench/results.json with `figures`.
export function recordResults(name, figures) {
  let all = {};
  try {
    all = JSON.parse(readFileSync(FILE, 'utf8'));
  } catch {
    // The first benchmark to run starts the file.
  }
  all[name] = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.availableParallelism?.() ?? os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    ...figures,
  };
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}
