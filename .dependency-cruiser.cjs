// The house's arrows (README "Layout"): apps → libs, and inside libs one way only:
// case-domain ← event-store ← runtime ← read-models ← security ← write ← scheduling.
// `npm test` runs it; a violation fails the build and names its rule.
const lib = (name) => `^libs/${name}/`;
const libsAbove = (...names) => ({ path: `^libs/(${names.join('|')})/` });

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, between files or libraries.', from: {}, to: { circular: true } },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'A library is used by the apps, never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'worker-never-imports-api',
      severity: 'error',
      comment: 'apps/worker composes libraries; the HTTP app is not one.',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'case-domain-stands-alone',
      severity: 'error',
      comment: 'The deciders are pure: nothing outside libs/case-domain (no Nest, no I/O, no other library).',
      from: { path: lib('case-domain') },
      to: { pathNot: [lib('case-domain')] },
    },
    {
      name: 'event-store-below-the-rest',
      severity: 'error',
      comment: 'The event store knows no other library of ours.',
      from: { path: lib('event-store') },
      to: libsAbove('case-domain', 'runtime', 'read-models', 'security', 'write', 'scheduling'),
    },
    {
      name: 'runtime-only-on-the-store',
      severity: 'error',
      from: { path: lib('runtime') },
      to: libsAbove('case-domain', 'read-models', 'security', 'write', 'scheduling'),
    },
    {
      name: 'read-models-below-write-and-scheduling',
      severity: 'error',
      comment: 'Read models read events; they do not write, schedule or decide who may see what.',
      from: { path: lib('read-models') },
      to: libsAbove('security', 'write', 'scheduling'),
    },
    {
      name: 'security-below-write-and-scheduling',
      severity: 'error',
      from: { path: lib('security') },
      to: libsAbove('write', 'scheduling'),
    },
    {
      name: 'write-below-scheduling',
      severity: 'error',
      from: { path: lib('write') },
      to: libsAbove('scheduling'),
    },
    {
      name: 'read-models-keep-to-themselves',
      severity: 'error',
      comment:
        "A read model (libs/read-models/src/<model>/) does not reach into another's folder; what they share " +
        'lives in a shared folder (case-fold/) or at the top of the library.',
      from: { path: '^libs/read-models/src/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/read-models/src/[^/]+/', pathNot: ['^libs/read-models/src/$1/', '^libs/read-models/src/case-fold/'] },
    },
    {
      name: 'web-talks-only-http',
      severity: 'error',
      comment: 'The web app reaches the service through the generated client only: no import of another app or a library.',
      from: { path: '^apps/web/' },
      to: { path: ['^apps/(api|worker)/', '^libs/'] },
    },
    {
      name: 'nothing-imports-web',
      severity: 'error',
      comment: 'The web app is served as built files; no server code imports its sources.',
      from: { pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Production code never imports a test or test support.',
      from: { pathNot: ['\\.spec\\.ts$', '^test/', '/test/', '^bench/', '/testing/'] },
      to: { path: ['\\.spec\\.ts$', '^test/', '/test/', '/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
