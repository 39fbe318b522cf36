import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier, tokenVerifierConfigFromEnv } from './auth/token-verifier';
import { main } from './token.cli';

describe('token CLI', () => {
  let dataDir: string;
  let stdout: string[];
  let stderr: string[];
  const run = (args: string[], env: NodeJS.ProcessEnv = { DATA_DIR: dataDir }) =>
    main(args, { env, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'token-cli-'));
    stdout = [];
    stderr = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given valid arguments, then it prints one token that a default-configured server accepts', async () => {
    expect(
      await run([
        '--tenant',
        'torg-a',
        '--roles',
        'handlaggare,processledare',
        '--party',
        'REGION',
        '--sub',
        'u7',
      ]),
    ).toBe(0);
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const server = createTokenVerifier(tokenVerifierConfigFromEnv({ env: { DATA_DIR: dataDir } }));
    await expect(server.verify(stdout[0])).resolves.toEqual({
      sub: 'u7',
      tenant: 'torg-a',
      roles: ['handlaggare', 'processledare'],
      party: 'REGION',
    });
  });

  it('accepts --name=value and --expires-in', async () => {
    expect(await run(['--tenant=t', '--roles=admin', '--expires-in=15m'])).toBe(0);
    expect(stdout).toHaveLength(1);
  });

  it.each([
    [[], /--tenant is required/],
    [['--tenant', 't'], /--roles is required/],
    [['--tenant', 't', '--roles'], /--roles needs a value/],
    [['--tenant', '--roles', 'admin'], /--tenant needs a value/],
    [['--tenant', 't', '--roles', 'admin,boss'], /unknown role\(s\) boss/],
    [['--tenant', 't', '--roles', 'handlaggare'], /"party" is required/],
    [['--tenant', 't', '--roles', 'handlaggare', '--party', 'SKOLA'], /unknown party/],
    [['--tenant', 't', '--roles', 'admin', '--color', 'red'], /unknown argument/],
    [['--tenant', 't', '--roles', 'admin', '--expires-in', 'soon'], /expiresIn/],
    [['--tenant', 'bad tenant', '--roles', 'admin'], /tenant/],
  ])('given %j, then exit code 2 and a message on stderr only', async (args, message) => {
    expect(await run(args as string[])).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toMatch(message);
    expect(stderr.join('\n')).toMatch(/usage:/);
  });

  it('refuses to mint development tokens with NODE_ENV=production', async () => {
    expect(
      await run(['--tenant', 't', '--roles', 'admin'], { NODE_ENV: 'production', DATA_DIR: dataDir }),
    ).toBe(2);
    expect(stdout).toEqual([]);
  });
});
