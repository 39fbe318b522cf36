import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { AuthenticationError } from './principal';
import { createTokenVerifier, type OidcTokenVerifierConfig } from './token-verifier';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function signingKey(kid: string, alg: 'RS256' | 'ES256'): SigningKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, alg, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

/** A tiny identity provider: discovery document and a JWKS whose keys the test rotates. */
class FakeIssuer {
  published: SigningKey[] = [];
  jwksRequests = 0;
  discoveryIssuer?: string;
  private server?: Server;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: `${this.issuer}/jwks` }),
        );
      } else if (req.url === '/jwks') {
        this.jwksRequests++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  sign(
    key: SigningKey,
    claims: Record<string, unknown>,
    options: { iss?: string; aud?: string; expSec?: number } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject('client-42')
      .setIssuer(options.iss ?? this.issuer)
      .setAudience(options.aud ?? 'amt-api')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expSec ?? 300))
      .sign(key.privateKey);
  }
}

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthenticationError);
    return err as AuthenticationError;
  }
  throw new Error('expected the token to be refused');
}

const CLAIMS = { tenant: 'torg-a', roles: ['system'], party: 'KOMMUN' };

describe('OIDC mode', () => {
  const idp = new FakeIssuer();
  const rsa = signingKey('rsa-1', 'RS256');
  const ec = signingKey('ec-1', 'ES256');
  let config: OidcTokenVerifierConfig;

  beforeAll(() => idp.start());
  afterAll(() => idp.stop());
  beforeEach(() => {
    idp.published = [rsa, ec];
    idp.jwksRequests = 0;
    idp.discoveryIssuer = undefined;
    config = { mode: 'oidc', issuer: idp.issuer, audience: 'amt-api', jwksCooldownMs: 0 };
  });

  it('given RS256 and ES256 tokens from the issuer, then both verify through the discovered JWKS', async () => {
    const verifier = createTokenVerifier(config);
    expect(verifier.mode).toBe('oidc');
    await expect(verifier.verify(await idp.sign(rsa, CLAIMS))).resolves.toEqual({
      sub: 'client-42',
      ...CLAIMS,
    });
    await expect(verifier.verify(await idp.sign(ec, CLAIMS))).resolves.toEqual({
      sub: 'client-42',
      ...CLAIMS,
    });
    expect(idp.jwksRequests).toBe(1);
  });

  it('uses OIDC_JWKS_URI as given, without discovery', async () => {
    const verifier = createTokenVerifier({
      ...config,
      issuer: 'https://elsewhere.example',
      jwksUri: `${idp.issuer}/jwks`,
    });
    await expect(
      verifier.verify(await idp.sign(rsa, CLAIMS, { iss: 'https://elsewhere.example' })),
    ).resolves.toMatchObject(CLAIMS);
  });

  it('refuses another issuer or audience', async () => {
    const verifier = createTokenVerifier(config);
    expect(
      (await rejection(verifier.verify(await idp.sign(rsa, CLAIMS, { iss: 'https://evil.example' })))).reason,
    ).toBe('issuer');
    expect(
      (await rejection(verifier.verify(await idp.sign(rsa, CLAIMS, { aud: 'another-api' })))).reason,
    ).toBe('audience');
  });

  it('refuses expired tokens and invalid claims', async () => {
    const verifier = createTokenVerifier(config);
    expect((await rejection(verifier.verify(await idp.sign(rsa, CLAIMS, { expSec: -300 })))).reason).toBe(
      'expired',
    );
    const noParty = await idp.sign(rsa, { tenant: 'torg-a', roles: ['handlaggare'] });
    expect((await rejection(verifier.verify(noParty))).reason).toBe('invalid-claims');
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const stranger = signingKey('rsa-1', 'RS256'); // same kid, other key
    const err = await rejection(createTokenVerifier(config).verify(await idp.sign(stranger, CLAIMS)));
    expect(err.reason).toBe('bad-signature');
    const unknownKid = signingKey('rsa-x', 'RS256');
    expect(
      (await rejection(createTokenVerifier(config).verify(await idp.sign(unknownKid, CLAIMS)))).reason,
    ).toBe('unknown-key');
  });

  it('refuses HS256, so the public key cannot be abused as an HMAC secret', async () => {
    const hs = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(idp.issuer)
      .setAudience('amt-api')
      .setExpirationTime('5m')
      .sign(new Uint8Array(32));
    expect((await rejection(createTokenVerifier(config).verify(hs))).reason).toBe('algorithm');
  });

  it('given the issuer rotates its keys, then new keys are fetched and retired keys refused', async () => {
    const verifier = createTokenVerifier(config);
    await expect(verifier.verify(await idp.sign(rsa, CLAIMS))).resolves.toMatchObject(CLAIMS);
    const next = signingKey('rsa-2', 'RS256');
    idp.published = [next, ec];
    await expect(verifier.verify(await idp.sign(next, CLAIMS))).resolves.toMatchObject(CLAIMS);
    expect(idp.jwksRequests).toBe(2);
    expect((await rejection(verifier.verify(await idp.sign(rsa, CLAIMS)))).reason).toBe('unknown-key');
  });

  it('given discovery names another issuer, then no key is trusted; once it is fixed, discovery is retried', async () => {
    idp.discoveryIssuer = 'https://evil.example';
    const verifier = createTokenVerifier(config);
    const err = await rejection(verifier.verify(await idp.sign(rsa, CLAIMS)));
    expect(err.reason).toBe('keys-unavailable');
    idp.discoveryIssuer = undefined;
    await expect(verifier.verify(await idp.sign(rsa, CLAIMS))).resolves.toMatchObject(CLAIMS);
  });

  it('given the issuer is unreachable, then keys-unavailable', async () => {
    const down = new FakeIssuer();
    await down.start();
    const issuer = down.issuer;
    await down.stop();
    const verifier = createTokenVerifier({ ...config, issuer, httpTimeoutMs: 1000 });
    const err = await rejection(verifier.verify(await idp.sign(rsa, CLAIMS, { iss: issuer })));
    expect(err.reason).toBe('keys-unavailable');
    expect(err.message).not.toContain(issuer);

    const viaJwks = createTokenVerifier({ ...config, jwksUri: `${issuer}/jwks`, httpTimeoutMs: 1000 });
    expect((await rejection(viaJwks.verify(await idp.sign(rsa, CLAIMS)))).reason).toBe('keys-unavailable');
  });
});
