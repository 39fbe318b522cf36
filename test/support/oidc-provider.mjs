// A real OpenID Connect provider (the oidc-provider package) for the browser tests, in a process of
// its own: node test/support/oidc-provider.mjs <port> <web app origin> [access token lifetime, s]. It signs in anyone with the
// development login form as the account named in the login field, issues RS256 JWT access tokens
// for the audience amt-api with the API's claims (tenant, roles, party), and prints "ready" on stdout.
import Provider from 'oidc-provider';

const [port, app, ttl = '600'] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

/** Who may sign in, by login name: the claims the API reads from the access token. */
const ACCOUNTS = {
  'maria.lindqvist': { name: 'Maria Lindqvist', tenant: 'demo', roles: ['processledare'] },
  'johan.ekstrom': { name: 'Johan Ekström', tenant: 'demo', roles: ['handlaggare'], party: 'KOMMUN' },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'amt-web',
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      redirect_uris: [`${app}/inloggning/klar`],
      post_logout_redirect_uris: [`${app}/`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, claims: () => ({ sub: id, name: account.name }) };
  },
  claims: { openid: ['sub'], profile: ['name'] },
  pkce: { required: () => true },
  ttl: { AccessToken: Number(ttl), IdToken: Number(ttl) },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:amt:api',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid profile',
        audience: 'amt-api',
        accessTokenFormat: 'jwt',
        accessTokenTTL: Number(ttl),
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
    rpInitiatedLogout: { enabled: true },
  },
  async extraTokenClaims(_ctx, token) {
    const account = ACCOUNTS[token.accountId];
    if (!account) return undefined;
    return { tenant: account.tenant, roles: account.roles, ...(account.party ? { party: account.party } : {}) };
  },
  // The torg's users do not consent per application: the grant is the organisation's.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope('urn:amt:api', 'openid profile');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${err.message}\n`));
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
