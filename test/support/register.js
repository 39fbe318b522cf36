// Lets a child process (crash tests, the projection runner in tests) run the TypeScript sources
// directly, with the same swc settings and path aliases as the build.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '..', '..');
const config = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete config.$schema;
config.jsc.baseUrl = root;
config.sourceMaps = 'inline';
config.swcrc = false;

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...config, filename });
  module._compile(code, filename);
};
