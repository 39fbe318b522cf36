import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where generated development secrets live: `DATA_DIR`, else `./data` under the working directory. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR?.trim() || 'data');
}

/**
 * Reads a base64 secret from `path`, or creates it with 32 random bytes (mode 0600) when absent.
 * `wx` makes two processes starting together agree on one secret: the loser reads the winner's.
 */
export function readOrCreateSecretFile(path: string, bytes = 32): { secret: Buffer; created: boolean } {
  try {
    return { secret: readSecretFile(path, bytes), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(bytes);
  try {
    writeFileSync(path, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600); // the umask may have widened it
    return { secret, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { secret: readSecretFile(path, bytes), created: false };
  }
}

function readSecretFile(path: string, bytes: number): Buffer {
  const secret = decodeBase64Exact(readFileSync(path, 'utf8'), bytes);
  if (!secret)
    throw new Error(`${path} does not hold base64 of ${bytes} bytes; delete it to generate a new one`);
  return secret;
}

/** Canonical base64 (padding optional) of exactly `bytes` bytes, else undefined. */
export function decodeBase64Exact(value: string, bytes: number): Buffer | undefined {
  const text = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length !== bytes) return undefined;
  if (decoded.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) return undefined;
  return decoded;
}
