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
      name: 'only-plugin-builds-the-container',
      comment: 'inversify is the composition root\'s business: only src/plugin.ts and the DI modules import it, besides adapters that decorate themselves.',
      severity: 'error',
      from: { path: '^src/(domain|application)' },
      to: { path: 'node_modules/(inversify|@inversifyjs)' },
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
