/**
 * `npm run bench`: runs every benchmark module and MERGES its figures into bench/results/latest.json, keeping the
 * keys other benchmarks wrote. A benchmark is a module exporting `run(): Promise<Record<string, number>>`; adding
 * one is one line in BENCHMARKS. `node dist/bench/run.js domain` runs only the modules whose name contains "domain".
 *
 * Each module runs in a fresh Node process: what one benchmark leaves on the heap (100,000 fingerprints, a million
 * outbox rows read back) must not count in the next one's memory or pauses.
 */
import { fork } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

type Benchmark = { readonly run: () => Promise<Record<string, number>> };

/** A module, the Node flags its process gets, and a prefix its keys are renamed under (to run a module twice). */
interface BenchmarkRun {
  readonly module: string;
  readonly nodeFlags?: readonly string[];
  readonly renameKeys?: { readonly from: string; readonly to: string };
  /** Figures that describe how the run was made (recorded beside what it measured). */
  readonly settings?: Readonly<Record<string, number>>;
}

/**
 * Node's default heap limit on a machine with gigabytes free lets V8 put off collecting: the RSS of an uncapped run
 * says more about the collector than about what the sync holds. The memory figure runs with the old space capped as
 * a container would run it; the uncapped peak (three runs, and the worst of them), and the durations, are kept beside it.
 */
const MEMORY_HEAP_CAP_MB = 256;

const UNCAPPED_MEMORY_RUNS = [1, 2, 3] as const;

/** `memory.uncapped.*` is the worst of the uncapped runs measured in this invocation, figure by figure. */
const worstUncappedRun = (figures: Readonly<Record<string, number>>): Record<string, number> => {
  const worst: Record<string, number> = {};
  for (const run of UNCAPPED_MEMORY_RUNS) {
    const prefix = `memory.uncapped.run${run}.`;
    for (const [key, value] of Object.entries(figures)) {
      if (!key.startsWith(prefix)) continue;
      const name = `memory.uncapped.${key.slice(prefix.length)}`;
      worst[name] = Math.max(worst[name] ?? value, value);
    }
  }
  return worst;
};

const BENCHMARKS: readonly BenchmarkRun[] = [
  { module: './domain.bench.js' },
  { module: './ceiling.bench.js' },
  { module: './claim.bench.js' },
  { module: './claim-many-tenants.bench.js' },
  { module: './latency.bench.js' },
  { module: './engine.bench.js' },
  { module: './initial-sync.bench.js' },
  { module: './full-scale.bench.js' },
  { module: './memory.bench.js', nodeFlags: [`--max-old-space-size=${MEMORY_HEAP_CAP_MB}`], settings: { 'memory.heapCapMb': MEMORY_HEAP_CAP_MB } },
  // Uncapped, the peak wanders with when V8 chooses to collect: three runs, each in a fresh process (issue 17).
  ...UNCAPPED_MEMORY_RUNS.map((run) => ({ module: './memory.bench.js', renameKeys: { from: 'memory.', to: `memory.uncapped.run${run}.` } })),
  { module: './tenants.bench.js' },
  { module: './shared-limits.bench.js' },
  { module: './burst.bench.js' },
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

const renamed = (figures: Record<string, number>, rename: BenchmarkRun['renameKeys']): Record<string, number> =>
  rename === undefined ? figures : Object.fromEntries(Object.entries(figures).map(([key, value]) => [key.startsWith(rename.from) ? rename.to + key.slice(rename.from.length) : key, value]));

type ChildMessage = { readonly figures: Record<string, number> } | { readonly error: string };

/** Child side: run one module, send its figures to the parent, and end. */
const runInChild = async (specifier: string): Promise<void> => {
  let message: ChildMessage;
  try {
    const benchmark = (await import(specifier)) as Benchmark;
    message = { figures: await benchmark.run() };
  } catch (error) {
    message = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    process.exitCode = 1;
  }
  // Exits once the figures are sent: a benchmark that failed half-way (an emulator still running) must not hang the run.
  process.send?.(message, () => process.exit());
};

/** Parent side: one module in its own process (with `global.gc` for the memory benchmark), its figures back. */
const runIsolated = (specifier: string, nodeFlags: readonly string[]): Promise<Record<string, number>> =>
  new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', specifier], { execArgv: ['--expose-gc', ...nodeFlags], stdio: 'inherit' });
    let answer: ChildMessage | null = null;
    child.on('message', (message: ChildMessage) => (answer = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer !== null && 'figures' in answer) resolve(answer.figures);
      else reject(new Error(`${specifier} failed (exit ${code}): ${answer !== null && 'error' in answer ? answer.error : 'no figures came back'}`));
    });
  });

const main = async (): Promise<void> => {
  const only = process.argv.slice(2);
  const selected = BENCHMARKS.filter(({ module }) => only.length === 0 || only.some((word) => module.includes(word)));
  const figures: Record<string, number> = {};
  for (const { module, nodeFlags = [], renameKeys, settings = {} } of selected) {
    const measured = { ...renamed(await runIsolated(module, nodeFlags), renameKeys), ...settings };
    for (const [key, value] of Object.entries(measured)) console.log(`${key.padEnd(40)} ${value}`);
    Object.assign(figures, measured);
  }
  const worst = worstUncappedRun(figures);
  for (const [key, value] of Object.entries(worst)) console.log(`${key.padEnd(40)} ${value}`);
  const merged = { ...(await readResults()), ...figures, ...worst };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  await mkdir(path.dirname(RESULTS), { recursive: true });
  // Written aside then renamed, so a benchmark running at the same time never reads half a file.
  const temporary = RESULTS.replace(/\.json$/, `.${process.pid}.tmp.json`);
  await writeFile(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
  await rename(temporary, RESULTS);
  console.log(`merged ${Object.keys(figures).length} figures into ${path.relative(process.cwd(), RESULTS)}`);
};

const [mode, childSpecifier] = process.argv.slice(2);
const entry = mode === '--child' && childSpecifier !== undefined ? runInChild(childSpecifier) : main();
entry.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
