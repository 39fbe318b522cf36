import { join } from 'node:path';
import { decodeBase64Exact, readOrCreateSecretFile, resolveDataDir } from './secret-file';

export const MASTER_KEY_BYTES = 32;

export interface LoadMasterKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to `DATA_DIR`, else `./data`. */
  dataDir?: string;
  /** Receives the warning when a development key file is generated or used. */
  warn: (message: string) => void;
}

export class MasterKeyConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigurationError';
  }
}

/**
 * The master key that wraps every person's data key and derives the tenants' lookup secrets.
 * `MASTER_KEY` (base64 of 32 bytes) wins; without it, production refuses to start and any other
 * environment uses `<DATA_DIR>/master.key`, generated on first use. Losing that key loses every
 * person's personal data, so the development fallback is loud.
 */
export function loadMasterKey(options: LoadMasterKeyOptions): Buffer {
  const env = options.env ?? process.env;
  const configured = env.MASTER_KEY;
  if (configured !== undefined && configured.trim() !== '') {
    const key = decodeBase64Exact(configured, MASTER_KEY_BYTES);
    if (!key)
      throw new MasterKeyConfigurationError('MASTER_KEY must be the base64 encoding of exactly 32 bytes');
    return key;
  }
  if (env.NODE_ENV === 'production') {
    throw new MasterKeyConfigurationError(
      'MASTER_KEY is not set: refusing to start in production without the key that protects personal data',
    );
  }
  const path = join(options.dataDir ?? resolveDataDir(env), 'master.key');
  const { secret, created } = readOrCreateSecretFile(path, MASTER_KEY_BYTES);
  options.warn(
    `!!! MASTER_KEY is not set: ${created ? 'generated a development master key in' : 'using the development master key in'} ${path}. ` +
      'Personal data is only as safe as that file, and lost for good without it. ' +
      'Set MASTER_KEY (base64 of 32 bytes) for any real data; production refuses to start without it. !!!',
  );
  return secret;
}
