import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// The service as `npm start` runs it, in a process of its own. It chooses its store itself (the
// embedded one, with nothing configured), so this file runs once, not once per store (jest.config.js).
describe('starting the service with the default configuration', () => {
  it('is ready on the embedded store with no database or Redis configured, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amt-start-'));
    const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.PORT = String(31000 + Math.floor(Math.random() * 2000));
    const started = Date.now();
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/register.js'), join(ROOT, 'apps/api/src/main.ts')], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // Bounded generously: on a loaded machine compiling and starting takes a while; an exit ends the wait.
      let ready = false;
      while (!ready && child.exitCode === null && Date.now() - started < 120_000) {
        await new Promise((r) => setTimeout(r, 250));
        ready = await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)
          .then((r) => r.status === 200)
          .catch(() => false);
      }
      expect(ready).toBe(true);
      expect(out).toContain(`listening on http://localhost:${env.PORT}`);
      expect(out).toContain('npm run -s token');
      // The token the CLI prints is accepted by a server started with the default configuration.
      const token = await new Promise<string>((resolve, reject) => {
        const cli = spawn(
          process.execPath,
          ['-r', join(ROOT, 'test/support/register.js'), join(ROOT, 'libs/security/src/token.cli.ts'), '--tenant', 'demo', '--roles', 'processledare'],
          { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let printed = '';
        cli.stdout.on('data', (d: Buffer) => (printed += d.toString()));
        cli.on('exit', (code) => (code === 0 ? resolve(printed.trim()) : reject(new Error(`token CLI exited ${code}`))));
      });
      expect(token.split('.')).toHaveLength(3);
      const authed = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/cases/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(authed.status).toBe(404);
      const anonymous = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/cases/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11`);
      expect(anonymous.status).toBe(401);
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses to start with a bad setting, naming it', async () => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/register.js'), join(ROOT, 'apps/api/src/main.ts')], {
      env: { ...process.env, PORT: 'eighty' },
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('PORT');
  });
});
