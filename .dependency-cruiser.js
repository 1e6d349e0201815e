// The layer rule of DESIGN.md §2: dependencies point inward only.
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside itself: no packages, no node built-ins, no other layer.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain' },
    },
    {
      name: 'application-sees-domain-and-ports-only',
      comment: 'src/application imports only the domain and its own files (ports, use cases); no packages.',
      severity: 'error',
      from: { path: '^src/application' },
      to: { pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'no-container',
      comment: 'The graph is built by plain typed factories in src/composition (docs/adr/0012): no DI container, no decorator metadata.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: 'node_modules/(inversify|@inversifyjs|reflect-metadata)' },
    },
    {
      name: 'adapter-folders-are-siblings',
      comment: 'An adapter folder never imports another (STYLE.md): a rule two of them need lives in the port\'s file or the domain.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The QBO emulator is a program of its own (docs/adr/0004): it imports nothing of the plugin.',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: '^src/emulator/' },
    },
    {
      name: 'plugin-never-loads-the-emulator',
      comment: 'Hosts load the plugin without the emulator; only tests, benchmarks and the demo reach it, through qbo-sync/emulator.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/emulator/' },
      to: { path: '^src/emulator/' },
    },
    {
      name: 'composition-is-the-root',
      comment: 'Only the entry points wire the graph: no layer or adapter imports the composition root.',
      severity: 'error',
      from: { path: '^src/(domain|application|adapters|emulator)/' },
      to: { path: '^src/composition/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist' },
  },
};
