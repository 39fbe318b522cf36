// One config for every suite; files are independent (own schema, own Redis prefix) so they run in parallel.
const swcrc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swcrc.$schema;
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // jose and Nest 12 ship ES modules only; Jest needs CommonJS, so they are compiled like our own sources.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, sourceMaps: 'inline', swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs)/)'],
  moduleNameMapper: {
    '^@app/(case-domain|event-store|read-models|scheduling|security)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
