import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_DATABASE_URL } from './database';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  /** What it has printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with its exit code once it has exited. */
  exited: Promise<number | null>;
}

/**
 * The API in a process of its own (test/support/api.child.ts) on a PostgreSQL schema a test
 * created, for tests that kill or stop it; `env` adds settings (REQUEST_TIMEOUT_MS, …).
 */
export async function startApiProcess(schema: string, env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'test/support/register.js'), join(ROOT, 'test/support/api.child.ts'), schema],
    { cwd: ROOT, env: { ...process.env, TEST_DATABASE_URL, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((code) => reject(new Error(`the API exited (${code}) before listening: ${out}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}
