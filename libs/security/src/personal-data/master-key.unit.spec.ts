import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMasterKey, MasterKeyConfigurationError } from './master-key';

describe('loadMasterKey', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'master-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given MASTER_KEY with base64 of 32 bytes, then it is the key, in production too', () => {
    const key = randomBytes(32);
    const warn = jest.fn();
    for (const NODE_ENV of ['production', 'development']) {
      expect(
        loadMasterKey({ env: { MASTER_KEY: key.toString('base64'), NODE_ENV }, dataDir, warn }).equals(key),
      ).toBe(true);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', 'not base64 at all, not at all, not at all!!'],
    ['hex', randomBytes(32).toString('hex')],
    ['base64url', Buffer.alloc(32, 0xff).toString('base64url')],
  ])(
    'given a MASTER_KEY that is %s, then it refuses, naming MASTER_KEY but not its value',
    (_label, value) => {
      let thrown: unknown;
      try {
        loadMasterKey({ env: { MASTER_KEY: value }, dataDir, warn: jest.fn() });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(MasterKeyConfigurationError);
      expect((thrown as Error).message).toContain('MASTER_KEY');
      expect((thrown as Error).message).not.toContain(value.slice(0, 8));
    },
  );

  it('given production and no MASTER_KEY, then it refuses to start', () => {
    expect(() => loadMasterKey({ env: { NODE_ENV: 'production' }, dataDir, warn: jest.fn() })).toThrow(
      /MASTER_KEY/,
    );
  });

  it('given development and no MASTER_KEY, then it generates a key file (0600) once, reuses it, and warns loudly', () => {
    const warn = jest.fn();
    const first = loadMasterKey({ env: {}, dataDir: join(dataDir, 'nested'), warn });
    const path = join(dataDir, 'nested', 'master.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    const second = loadMasterKey({ env: { NODE_ENV: 'test' }, dataDir: join(dataDir, 'nested'), warn });
    expect(second.equals(first)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toMatch(/MASTER_KEY is not set/);
    expect(warn.mock.calls[0][0]).not.toContain(first.toString('base64'));
  });

  it('uses DATA_DIR when no directory is passed', () => {
    const key = loadMasterKey({ env: { DATA_DIR: dataDir }, warn: jest.fn() });
    expect(Buffer.from(readFileSync(join(dataDir, 'master.key'), 'utf8'), 'base64').equals(key)).toBe(true);
  });

  it('refuses a corrupt key file rather than replacing it', () => {
    writeFileSync(join(dataDir, 'master.key'), 'garbage');
    expect(() => loadMasterKey({ env: {}, dataDir, warn: jest.fn() })).toThrow(/master\.key/);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe('garbage');
  });
});
