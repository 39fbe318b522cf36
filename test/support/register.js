// Lets a child process (crash tests, the projection runner in tests) run the TypeScript sources
// directly, with the same swc settings and path aliases as the build. Compiled files are kept in
// node_modules/.cache, named by a digest of the source and the settings: a child started again
// (tests start dozens) reads them instead of compiling the whole service again.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '..', '..');
const config = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete config.$schema;
config.jsc.baseUrl = root;
config.sourceMaps = 'inline';
config.swcrc = false;

const cacheDir = join(root, 'node_modules', '.cache', 'amt-register');
const settings = createHash('sha256').update(JSON.stringify(config)).update(swc.version ?? '').digest('hex');

function compile(source, filename) {
  const key = createHash('sha256').update(settings).update(filename).update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    const { code } = swc.transformSync(source, { ...config, filename });
    try {
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cached}.${process.pid}`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    } catch {
      // A cache that cannot be written only costs the next start its compile time.
    }
    return code;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
};
