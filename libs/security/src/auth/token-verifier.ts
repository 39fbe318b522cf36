import { type KeyObject, createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify, type JWTPayload } from 'jose';
import { AuthConfigurationError, DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, loadDevJwtKey } from './dev-token';
import { AuthenticationError, type Principal, validatePrincipalClaims } from './principal';

export type OidcAlgorithm = 'RS256' | 'ES256';

interface CommonConfig {
  /** Seconds of clock skew allowed on exp/nbf; default 30. */
  clockToleranceSec?: number;
  /** The clock, for tests; defaults to the system clock. */
  now?: () => Date;
}

export interface DevTokenVerifierConfig extends CommonConfig {
  mode: 'dev';
  key: KeyObject;
}

export interface OidcTokenVerifierConfig extends CommonConfig {
  mode: 'oidc';
  issuer: string;
  audience: string | string[];
  /** Defaults to the `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUri?: string;
  algorithms?: OidcAlgorithm[];
  /** Minimum pause between JWKS fetches when a token names an unknown key (jose default 30 s). */
  jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again (jose default 10 min). */
  jwksCacheMaxAgeMs?: number;
  /** Timeout of discovery and JWKS requests; default 5 s. */
  httpTimeoutMs?: number;
}

export type TokenVerifierConfig = DevTokenVerifierConfig | OidcTokenVerifierConfig;

export interface TokenVerifier {
  readonly mode: TokenVerifierConfig['mode'];
  /** The caller of a bearer token (without the `Bearer ` prefix); throws AuthenticationError. */
  verify(token: string): Promise<Principal>;
}

const MAX_TOKEN_LENGTH = 16 * 1024;

export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const clockTolerance = config.clockToleranceSec ?? 30;
  const currentDate = () => (config.now ? config.now() : undefined);

  const now = () => (config.now ? config.now().getTime() : Date.now());

  if (config.mode === 'dev') {
    return {
      mode: 'dev',
      verify: remembered(now, (token) =>
        verifyWith(token, config.key, {
          algorithms: ['HS256'],
          issuer: DEV_TOKEN_ISSUER,
          audience: DEV_TOKEN_AUDIENCE,
          clockTolerance,
          currentDate: currentDate(),
        }),
      ),
    };
  }

  const timeoutDuration = config.httpTimeoutMs ?? 5000;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const getKeys = () => {
    if (keys) return keys;
    const pending = resolveJwksUri(config, timeoutDuration).then((uri) =>
      createRemoteJWKSet(new URL(uri), {
        timeoutDuration,
        ...(config.jwksCooldownMs !== undefined ? { cooldownDuration: config.jwksCooldownMs } : {}),
        ...(config.jwksCacheMaxAgeMs !== undefined ? { cacheMaxAge: config.jwksCacheMaxAgeMs } : {}),
      }),
    );
    // A failed discovery is retried by the next request rather than remembered.
    pending.catch(() => {
      if (keys === pending) keys = undefined;
    });
    keys = pending;
    return keys;
  };

  /** The key the issuer's current key set gives the token's header; a refetched set gives new key objects. */
  const currentKey = async (token: string): Promise<unknown> => {
    const jwks = await getKeys();
    return jwks(decodeProtectedHeader(token) as Parameters<JWTVerifyGetKey>[0], undefined as never);
  };

  return {
    mode: 'oidc',
    verify: remembered(
      now,
      async (token) => {
        checkShape(token);
        let jwks: JWTVerifyGetKey;
        try {
          jwks = await getKeys();
        } catch {
          throw new AuthenticationError('keys-unavailable', "The token issuer's keys are unavailable");
        }
        let used: unknown;
        const verified = await verifyWith(token, async (header, input) => (used = await jwks(header, input)), {
          algorithms: config.algorithms ?? ['RS256', 'ES256'],
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance,
          currentDate: currentDate(),
        });
        return { ...verified, key: used };
      },
      currentKey,
    ),
  };
}

interface Verified {
  principal: Principal;
  /** The token's `exp`, in seconds. */
  exp: number;
  /** The issuer's key that verified it (OIDC). */
  key?: unknown;
}

const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 10_000;

/**
 * A token once verified is known for a minute at most, never past its expiry, and (OIDC) only
 * while the issuer's key set that verified it is the current one: a refetched set, after a
 * rotation, checks every token again. Otherwise each of a caller's requests would check the same
 * signature again. Tokens are kept by their hash only.
 */
function remembered(
  now: () => number,
  verify: (token: string) => Promise<Verified>,
  currentKey?: (token: string) => Promise<unknown>,
): (token: string) => Promise<Principal> {
  const known = new Map<string, { principal: Principal; until: number; key?: unknown }>();
  const copy = (p: Principal): Principal => ({ ...p, roles: [...p.roles] });
  return async (token) => {
    checkShape(token);
    const id = createHash('sha256').update(token).digest('base64url');
    const at = now();
    const hit = known.get(id);
    if (hit && hit.until > at && (!currentKey || (await currentKey(token).catch(() => undefined)) === hit.key)) {
      return copy(hit.principal);
    }
    if (hit) known.delete(id);
    const { principal, exp, key } = await verify(token);
    if (known.size >= REMEMBER_MAX) known.delete(known.keys().next().value as string);
    known.set(id, { principal: copy(principal), until: Math.min(exp * 1000, at + REMEMBER_MS), key });
    return principal;
  };
}

/**
 * The verifier configuration from the environment. `OIDC_ISSUER` selects OIDC (with `OIDC_AUDIENCE`
 * required and `OIDC_JWKS_URI` optional); otherwise development tokens, which production refuses.
 */
export function tokenVerifierConfigFromEnv(
  options: { env?: NodeJS.ProcessEnv; dataDir?: string; warn?: (message: string) => void } = {},
): TokenVerifierConfig {
  const env = options.env ?? process.env;
  const issuer = env.OIDC_ISSUER?.trim();
  if (issuer) {
    if (!isUrl(issuer)) throw new AuthConfigurationError('OIDC_ISSUER must be an absolute URL');
    const audience = env.OIDC_AUDIENCE?.trim();
    if (!audience) throw new AuthConfigurationError('OIDC_AUDIENCE must be set when OIDC_ISSUER is set');
    const jwksUri = env.OIDC_JWKS_URI?.trim() || undefined;
    if (jwksUri && !isUrl(jwksUri)) throw new AuthConfigurationError('OIDC_JWKS_URI must be an absolute URL');
    return { mode: 'oidc', issuer, audience, jwksUri };
  }
  if (env.NODE_ENV === 'production') {
    throw new AuthConfigurationError(
      'OIDC_ISSUER is not set: refusing to start in production with development tokens (set OIDC_ISSUER and OIDC_AUDIENCE)',
    );
  }
  options.warn?.(
    'Authentication runs in development mode: HS256 tokens signed with a local key (`npm run -s token -- …`). ' +
      'Set OIDC_ISSUER and OIDC_AUDIENCE to verify tokens from an identity provider.',
  );
  return { mode: 'dev', key: loadDevJwtKey({ env, dataDir: options.dataDir, warn: options.warn }) };
}

async function verifyWith(
  token: string,
  key: KeyObject | JWTVerifyGetKey,
  options: Parameters<typeof jwtVerify>[2],
): Promise<Verified> {
  checkShape(token);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key as KeyObject, { ...options, requiredClaims: ['exp', 'sub'] }));
  } catch (err) {
    throw toAuthenticationError(err);
  }
  const checked = validatePrincipalClaims(payload as Record<string, unknown>);
  if (!checked.ok)
    throw new AuthenticationError(
      'invalid-claims',
      `Token claims are invalid: ${checked.problems.join('; ')}`,
    );
  return { principal: checked.principal, exp: payload.exp as number };
}

function checkShape(token: string): void {
  if (typeof token !== 'string' || token.trim() === '')
    throw new AuthenticationError('missing', 'No bearer token');
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthenticationError('malformed', 'The token is too long');
}

// jose's errors may come from another realm (tests), so they are told apart by `code`, not class.
function toAuthenticationError(err: unknown): AuthenticationError {
  const { code, claim } = (err ?? {}) as { code?: string; claim?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthenticationError('expired', 'The token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return new AuthenticationError('issuer', 'The token issuer is not accepted');
      if (claim === 'aud') return new AuthenticationError('audience', 'The token audience is not accepted');
      if (claim === 'nbf') return new AuthenticationError('not-yet-valid', 'The token is not valid yet');
      return new AuthenticationError(
        'invalid-claims',
        `The token claim "${safeClaimName(claim)}" is invalid or missing`,
      );
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthenticationError('bad-signature', 'The token signature is invalid');
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthenticationError('unknown-key', 'No key of the issuer matches the token');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new AuthenticationError('algorithm', 'The token algorithm is not accepted');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthenticationError('malformed', 'The token is malformed');
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return new AuthenticationError('keys-unavailable', "The token issuer's keys are unavailable");
    default:
      // Anything else (a refused connection, a non-JSON answer) happened while fetching keys.
      return code?.startsWith('ERR_J')
        ? new AuthenticationError('invalid', 'The token could not be verified')
        : new AuthenticationError('keys-unavailable', "The token issuer's keys are unavailable");
  }
}

function safeClaimName(claim: string | undefined): string {
  return claim && /^[A-Za-z0-9_]{1,32}$/.test(claim) ? claim : 'unknown';
}

async function resolveJwksUri(config: OidcTokenVerifierConfig, timeoutMs: number): Promise<string> {
  if (config.jwksUri) return config.jwksUri;
  const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (doc.issuer !== config.issuer) throw new Error('OIDC discovery names another issuer');
  if (typeof doc.jwks_uri !== 'string' || !isUrl(doc.jwks_uri))
    throw new Error('OIDC discovery has no jwks_uri');
  return doc.jwks_uri;
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
