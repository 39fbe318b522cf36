import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, decodeJwt } from 'jose';
import {
  AuthConfigurationError,
  DEV_TOKEN_AUDIENCE,
  DEV_TOKEN_ISSUER,
  loadDevJwtKey,
  parseDuration,
  signDevToken,
} from './dev-token';
import { AuthenticationError, type Principal } from './principal';
import { createTokenVerifier, tokenVerifierConfigFromEnv } from './token-verifier';

const key = createSecretKey(randomBytes(32));
const verifier = createTokenVerifier({ mode: 'dev', key });

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthenticationError);
    return err as AuthenticationError;
  }
  throw new Error('expected the token to be refused');
}

/** Signs arbitrary claims the way a forger with the dev key would. */
function sign(
  claims: Record<string, unknown>,
  options: { iss?: string; aud?: string; exp?: number; alg?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.iss ?? DEV_TOKEN_ISSUER)
    .setAudience(options.aud ?? DEV_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(key);
}

describe('development tokens', () => {
  it('given a signed dev token, when verified, then the principal comes back', async () => {
    const token = await signDevToken(
      { tenant: 'torg-a', roles: ['handlaggare', 'processledare'], party: 'KOMMUN', sub: 'u1' },
      key,
    );
    await expect(verifier.verify(token)).resolves.toEqual<Principal>({
      sub: 'u1',
      tenant: 'torg-a',
      roles: ['handlaggare', 'processledare'],
      party: 'KOMMUN',
    });
    expect(verifier.mode).toBe('dev');
  });

  it('defaults sub to dev-user and the lifetime to 8 hours', async () => {
    const now = new Date('2025-03-01T10:00:00Z');
    const token = await signDevToken({ tenant: 't', roles: ['manager'] }, key, now);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'dev-user', iss: DEV_TOKEN_ISSUER, aud: DEV_TOKEN_AUDIENCE });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    expect(claims.party).toBeUndefined();
  });

  it('given an expired token, then it is refused as expired', async () => {
    const token = await signDevToken({ tenant: 't', roles: ['admin'], expiresIn: -120 }, key);
    const err = await rejection(verifier.verify(token));
    expect(err.reason).toBe('expired');
    expect(err.message).not.toContain(token.split('.')[1]);
  });

  it('given a clock past the expiry, then it is refused', async () => {
    const token = await signDevToken({ tenant: 't', roles: ['admin'], expiresIn: '1m' }, key);
    const later = createTokenVerifier({ mode: 'dev', key, now: () => new Date(Date.now() + 10 * 60_000) });
    expect((await rejection(later.verify(token))).reason).toBe('expired');
  });

  it('a verified token is remembered for a minute at most and never past its expiry', async () => {
    let at = Date.now();
    const clocked = createTokenVerifier({ mode: 'dev', key, now: () => new Date(at) });
    const token = await signDevToken({ tenant: 't', roles: ['admin'], sub: 'u1', expiresIn: '90s' }, key);
    const first = await clocked.verify(token);
    first.roles.push('processledare'); // what one request does with its principal stays with it
    expect(await clocked.verify(token)).toEqual({ sub: 'u1', tenant: 't', roles: ['admin'] });
    at += 61_000; // verified again after a minute, still valid
    expect((await clocked.verify(token)).sub).toBe('u1');
    at += 60_000; // past exp (and the 30 s tolerance): refused, though it was verified 60 s ago
    expect((await rejection(clocked.verify(token))).reason).toBe('expired');
    // Another signature on the same claims is another token: checked, not remembered.
    const [head, body] = token.split('.');
    expect((await rejection(verifier.verify(`${head}.${body}.${'A'.repeat(43)}`))).reason).toBe('bad-signature');
  });

  it('given a token signed with another key, then the signature is refused', async () => {
    const token = await signDevToken({ tenant: 't', roles: ['admin'] }, createSecretKey(randomBytes(32)));
    const err = await rejection(verifier.verify(token));
    expect(err.reason).toBe('bad-signature');
    expect(err.message).not.toContain(token);
  });

  it('refuses other issuers, audiences and algorithms', async () => {
    expect(
      (
        await rejection(
          verifier.verify(await sign({ sub: 'u', tenant: 't', roles: ['admin'] }, { iss: 'x' })),
        )
      ).reason,
    ).toBe('issuer');
    expect(
      (
        await rejection(
          verifier.verify(await sign({ sub: 'u', tenant: 't', roles: ['admin'] }, { aud: 'x' })),
        )
      ).reason,
    ).toBe('audience');
    expect(
      (
        await rejection(
          verifier.verify(await sign({ sub: 'u', tenant: 't', roles: ['admin'] }, { alg: 'HS512' })),
        )
      ).reason,
    ).toBe('algorithm');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u"}').toString('base64url')}.`;
    expect(['algorithm', 'malformed']).toContain((await rejection(verifier.verify(unsigned))).reason);
  });

  it.each([
    ['no tenant', { sub: 'u', roles: ['admin'] }, 'tenant'],
    ['an unknown role', { sub: 'u', tenant: 't', roles: ['admin', 'superuser'] }, 'roles'],
    ['no roles', { sub: 'u', tenant: 't', roles: [] }, 'roles'],
    ['roles as a string', { sub: 'u', tenant: 't', roles: 'admin' }, 'roles'],
    ['handlaggare without party', { sub: 'u', tenant: 't', roles: ['handlaggare'] }, 'party'],
    ['beredning without party', { sub: 'u', tenant: 't', roles: ['beredning'] }, 'party'],
    ['system without party', { sub: 'u', tenant: 't', roles: ['system'] }, 'party'],
    ['an unknown party', { sub: 'u', tenant: 't', roles: ['handlaggare'], party: 'SKOLAN' }, 'party'],
    ['a tenant with odd characters', { sub: 'u', tenant: "t'; drop", roles: ['admin'] }, 'tenant'],
    ['an empty sub', { sub: '', tenant: 't', roles: ['admin'] }, 'sub'],
  ])('given claims with %s, then they are refused as invalid claims', async (_label, claims, named) => {
    const token = await sign(claims);
    const err = await rejection(verifier.verify(token));
    expect(err.reason).toBe('invalid-claims');
    expect(err.message).toContain(named);
    expect(err.message).not.toContain('superuser');
    expect(err.message).not.toContain('drop');
  });

  it('given no sub at all, then it is refused', async () => {
    expect((await rejection(verifier.verify(await sign({ tenant: 't', roles: ['admin'] })))).reason).toBe(
      'invalid-claims',
    );
  });

  it.each([
    ['', 'missing'],
    ['garbage', 'malformed'],
    ['a.b.c', 'malformed'],
    ['x'.repeat(20_000), 'malformed'],
  ])('given the token %#, then it is refused as %s', async (token, reason) => {
    const err = await rejection(verifier.verify(token));
    expect(err.reason).toBe(reason);
    if (token) expect(err.message).not.toContain(token);
  });

  it('signDevToken refuses claims the verifier would refuse', async () => {
    await expect(signDevToken({ tenant: 't', roles: ['handlaggare'] }, key)).rejects.toThrow(/party/);
    await expect(signDevToken({ tenant: 't', roles: ['nobody' as never] }, key)).rejects.toThrow(/roles/);
    await expect(signDevToken({ tenant: 't', roles: ['admin'], expiresIn: 'soon' }, key)).rejects.toThrow(
      /expiresIn/,
    );
  });

  it('parses durations', () => {
    expect(parseDuration('8h')).toBe(28800);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('30')).toBe(30);
    expect(parseDuration(45)).toBe(45);
    expect(parseDuration('1w')).toBeUndefined();
  });
});

describe('configuration from the environment', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dev-jwt-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given nothing set, then dev mode with a key generated once in DATA_DIR and shared by every loader', async () => {
    const warn = jest.fn();
    const config = tokenVerifierConfigFromEnv({ env: { DATA_DIR: dataDir }, warn });
    expect(config.mode).toBe('dev');
    expect(statSync(join(dataDir, 'dev-jwt.key')).mode & 0o777).toBe(0o600);
    // What the CLI does: load the key on its own and sign.
    const token = await signDevToken(
      { tenant: 't', roles: ['admin'] },
      loadDevJwtKey({ env: { DATA_DIR: dataDir } }),
    );
    await expect(createTokenVerifier(config).verify(token)).resolves.toMatchObject({ tenant: 't' });
    expect(warn).toHaveBeenCalled();
  });

  it('given JWT_DEV_SECRET, then tokens signed with it are accepted', async () => {
    const env = { JWT_DEV_SECRET: 'a-development-secret-of-32-chars-or-more' };
    const token = await signDevToken({ tenant: 't', roles: ['admin'] }, loadDevJwtKey({ env }));
    await expect(
      createTokenVerifier(tokenVerifierConfigFromEnv({ env })).verify(token),
    ).resolves.toMatchObject({ sub: 'dev-user' });
  });

  it('refuses a short JWT_DEV_SECRET without echoing it', () => {
    expect(() => loadDevJwtKey({ env: { JWT_DEV_SECRET: 'short-secret' } })).toThrow(AuthConfigurationError);
    expect(() => loadDevJwtKey({ env: { JWT_DEV_SECRET: 'short-secret' } })).toThrow(/JWT_DEV_SECRET/);
    expect(() => loadDevJwtKey({ env: { JWT_DEV_SECRET: 'short-secret' } })).not.toThrow(/short-secret/);
  });

  it('given production without OIDC_ISSUER, then it refuses to start', () => {
    expect(() => tokenVerifierConfigFromEnv({ env: { NODE_ENV: 'production', DATA_DIR: dataDir } })).toThrow(
      /OIDC_ISSUER/,
    );
  });

  it('given OIDC_ISSUER, then OIDC mode, which needs OIDC_AUDIENCE', () => {
    expect(() => tokenVerifierConfigFromEnv({ env: { OIDC_ISSUER: 'https://idp.example' } })).toThrow(
      /OIDC_AUDIENCE/,
    );
    expect(() => tokenVerifierConfigFromEnv({ env: { OIDC_ISSUER: 'idp', OIDC_AUDIENCE: 'api' } })).toThrow(
      /OIDC_ISSUER/,
    );
    expect(
      tokenVerifierConfigFromEnv({
        env: {
          NODE_ENV: 'production',
          OIDC_ISSUER: 'https://idp.example',
          OIDC_AUDIENCE: 'api',
          OIDC_JWKS_URI: 'https://idp.example/keys',
        },
      }),
    ).toEqual({
      mode: 'oidc',
      issuer: 'https://idp.example',
      audience: 'api',
      jwksUri: 'https://idp.example/keys',
    });
  });
});
