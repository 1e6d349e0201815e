/**
 * `npm run bench`: runs every benchmark module and MERGES its figures into bench/results/latest.json, keeping the
 * keys other benchmarks wrote. A benchmark is a module exporting `run(): Promise<Record<string, number>>`; adding
 * one is one line in BENCHMARKS. `node dist/bench/run.js domain` runs only the modules whose name contains "domain".
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

type Benchmark = { readonly run: () => Promise<Record<string, number>> };

const BENCHMARKS: readonly string[] = [
  './domain.bench.js',
  './ceiling.bench.js',
  './claim.bench.js',
  './latency.bench.js',
  './engine.bench.js',
  './initial-sync.bench.js',
  './memory.bench.js',
  './tenants.bench.js',
];

const RESULTS = path.resolve(__dirname, '../../bench/results/latest.json');

const readResults = async (): Promise<Record<string, number>> => {
  try {
    return JSON.parse(await readFile(RESULTS, 'utf8')) as Record<string, number>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
};

const main = async (): Promise<void> => {
  const only = process.argv.slice(2);
  const selected = BENCHMARKS.filter((specifier) => only.length === 0 || only.some((word) => specifier.includes(word)));
  const figures: Record<string, number> = {};
  for (const specifier of selected) {
    const benchmark = (await import(specifier)) as Benchmark;
    const measured = await benchmark.run();
    for (const [key, value] of Object.entries(measured)) console.log(`${key.padEnd(40)} ${value}`);
    Object.assign(figures, measured);
  }
  const merged = { ...(await readResults()), ...figures };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  await mkdir(path.dirname(RESULTS), { recursive: true });
  // Written aside then renamed, so a benchmark running at the same time never reads half a file.
  const temporary = RESULTS.replace(/\.json$/, `.${process.pid}.tmp.json`);
  await writeFile(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
  await rename(temporary, RESULTS);
  console.log(`merged ${Object.keys(figures).length} figures into ${path.relative(process.cwd(), RESULTS)}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
