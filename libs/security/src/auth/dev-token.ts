import { createSecretKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { readOrCreateSecretFile, resolveDataDir } from '../personal-data/secret-file';
import { type Party, type Role, validatePrincipalClaims } from './principal';

/** Issuer and audience of development tokens; the dev verifier accepts no others. */
export const DEV_TOKEN_ISSUER = 'urn:amt:dev';
export const DEV_TOKEN_AUDIENCE = 'amt-api';
export const DEV_TOKEN_DEFAULT_LIFETIME = '8h';
const MIN_SECRET_LENGTH = 32;

export class AuthConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigurationError';
  }
}

export interface LoadDevJwtKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to `DATA_DIR`, else `./data`. */
  dataDir?: string;
  warn?: (message: string) => void;
}

/**
 * The HS256 key of development tokens: `JWT_DEV_SECRET` (at least 32 characters) or the key in
 * `<DATA_DIR>/dev-jwt.key`, generated on first use, so the token CLI and a server started with the
 * default configuration agree without setup.
 */
export function loadDevJwtKey(options: LoadDevJwtKeyOptions = {}): KeyObject {
  const env = options.env ?? process.env;
  const configured = env.JWT_DEV_SECRET;
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new AuthConfigurationError(`JWT_DEV_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return createSecretKey(Buffer.from(configured, 'utf8'));
  }
  const path = join(options.dataDir ?? resolveDataDir(env), 'dev-jwt.key');
  const { secret, created } = readOrCreateSecretFile(path, 32);
  if (created) options.warn?.(`Generated the development JWT signing key in ${path}`);
  return createSecretKey(secret);
}

export interface DevTokenInput {
  tenant: string;
  roles: Role[];
  party?: Party;
  /** Defaults to `dev-user`. */
  sub?: string;
  /** Seconds, or `<n>s|m|h|d`; defaults to 8h. */
  expiresIn?: number | string;
}

/** Signs a development token (HS256) that the dev-mode verifier accepts. Throws TypeError on bad claims. */
export async function signDevToken(
  input: DevTokenInput,
  key: KeyObject,
  now: Date = new Date(),
): Promise<string> {
  const sub = input.sub ?? 'dev-user';
  const checked = validatePrincipalClaims({
    sub,
    tenant: input.tenant,
    roles: input.roles,
    party: input.party,
  });
  if (!checked.ok) throw new TypeError(`Invalid token claims: ${checked.problems.join('; ')}`);
  const lifetime = parseDuration(input.expiresIn ?? DEV_TOKEN_DEFAULT_LIFETIME);
  if (lifetime === undefined)
    throw new TypeError('expiresIn must be whole seconds or <n>s, <n>m, <n>h or <n>d');
  const iat = Math.floor(now.getTime() / 1000);
  const { principal } = checked;
  return new SignJWT({
    tenant: principal.tenant,
    roles: principal.roles,
    ...(principal.party ? { party: principal.party } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .sign(key);
}

/** Seconds from a number or `<n>s|m|h|d`; undefined when malformed. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  const m = /^(-?\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
