// One config for every suite; files are independent (own schema or in-memory store, own Redis
// prefix) so they run in parallel. The end-to-end suites run twice: on the embedded store (PGlite,
// the product's default) and on a PostgreSQL server.
const swcrc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swcrc.$schema;
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  // jose, Nest 12 and some of @fastify/static's dependencies (which serves the API docs' assets)
  // ship ES modules only; Jest needs CommonJS, so they are compiled like our own sources.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, sourceMaps: 'inline', swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs|@fastify/static|content-disposition)/)'],
  moduleNameMapper: {
    '^@app/(case-domain|event-store|read-models|scheduling|security|runtime|write)$': '<rootDir>/libs/$1/src',
  },
};
module.exports = {
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'postgres',
      testMatch: ['**/*.spec.ts'],
      // Signing in through OIDC asks the provider and the API's sign-in settings, not the store: it
      // runs once, in the embedded store's run.
      testPathIgnorePatterns: ['/node_modules/', '/oidc-sign-in\\.browser\\.spec\\.ts$'],
    },
    {
      ...common,
      displayName: 'pglite',
      testMatch: ['**/test/e2e/**/*.e2e.spec.ts', '**/test/browser/**/*.browser.spec.ts'],
      // Not run twice: the worker suite needs a store two processes share (a PostgreSQL server; the
      // embedded store belongs to one process), the at-rest suite checks both stores itself, and the
      // start-up suite runs the service as `npm start` does, which picks its store itself.
      testPathIgnorePatterns: [
        '/node_modules/',
        '/worker\\.e2e\\.spec\\.ts$',
        '/personal-data-at-rest\\.e2e\\.spec\\.ts$',
        '/startup\\.e2e\\.spec\\.ts$',
        // Holds a second transaction open beside the app's: the embedded store has one session.
        '/extract-in-flight\\.e2e\\.spec\\.ts$',
      ],
      setupFiles: ['<rootDir>/test/support/embedded-store.js'],
    },
  ],
};
