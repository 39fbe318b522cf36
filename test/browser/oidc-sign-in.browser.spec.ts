/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, screen, startWebApp, type WebApp } from '../support/browser';

/** Starts the OIDC provider of test/support/oidc-provider.mjs and waits until it listens. */
async function startProvider(port: number, app: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    // Access tokens live 68 s: the web app renews them 60 s before they expire, so within the test.
    [join(__dirname, '..', 'support', 'oidc-provider.mjs'), String(port), app, String(ACCESS_TOKEN_SECONDS)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the OIDC provider exited with ${code}`)));
  });
  return child;
}

const ACCESS_TOKEN_SECONDS = 68;

describe('signing in through OIDC (authorization code with PKCE) against a real provider', () => {
  let provider: ChildProcess;
  let web: WebApp;
  let issuer: string;

  beforeAll(async () => {
    const [providerPort, appPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    provider = await startProvider(providerPort, `http://127.0.0.1:${appPort}`);
    web = await startWebApp({
      port: appPort,
      env: {
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: 'amt-api',
        OIDC_CLIENT_ID: 'amt-web',
        OIDC_SCOPE: 'openid profile',
      },
    });
  });
  afterAll(async () => {
    await web?.close();
    provider?.kill();
  });

  it('given the OIDC configuration, then the development users are not offered and their routes do not exist', async () => {
    await web.api.http.get('/api/v1/dev/users').expect(404);
    const config = await web.api.http.get('/api/v1/auth/config').expect(200);
    expect(config.body).toEqual({ mode: 'oidc', issuer, clientId: 'amt-web', scope: 'openid profile' });
  });

  it('when a processledare signs in at the provider, then the app shows their queue with a token kept in memory only, and signing out ends the session', async () => {
    const { page, context } = await web.newPage();
    await page.goto(web.url);
    await page.getByText('Logga in med din organisations inloggning.').waitFor();
    await screen(page, 'inloggning-oidc');
    await page.getByRole('button', { name: 'Logga in' }).click();

    // The provider's own sign-in form, on the provider's origin.
    await page.waitForURL((url) => url.origin === issuer);
    await page.locator('input[name="login"]').fill('maria.lindqvist');
    await page.locator('input[name="password"]').fill('whatever');
    await page.locator('button[type="submit"]').click();

    await page.waitForURL((url) => url.origin === web.url && url.pathname === '/ko');
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    await page.getByText('Maria Lindqvist').first().waitFor();
    // The queue answered: the access token reached the API and was accepted.
    await page.getByText('Kön är tom: inget väntar på dig just nu.').waitFor();

    const stored = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
    );
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT anywhere in the browser's storage
    expect(stored).not.toContain('access_token');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.origin === issuer);
    await context.close();
  });

  it('given a signed-in user, when the access token nears its expiry, then the app renews it silently and goes on with the new one', async () => {
    const { page, context } = await web.newPage();
    const bearers: string[] = [];
    page.on('request', (r) => {
      const auth = r.headers()['authorization'];
      if (r.url().startsWith(`${web.url}/api/`) && auth) bearers.push(auth);
    });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => url.origin === issuer);
    await page.locator('input[name="login"]').fill('maria.lindqvist');
    await page.locator('input[name="password"]').fill('whatever');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    const first = bearers[0];
    expect(first).toBeDefined();

    // The renewal: a token request at the provider without the user doing anything.
    const renewed = await page.waitForResponse((r) => r.url().startsWith(`${issuer}/token`), { timeout: 60_000 });
    expect(renewed.status()).toBe(200);
    await renewed.finished();
    await page.getByRole('link', { name: 'Kalender' }).click();
    await page.getByRole('heading', { name: 'Kalender' }).first().waitFor();
    await page.getByRole('link', { name: 'Arbetskö' }).click();
    await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
    const last = bearers[bearers.length - 1];
    expect(last).not.toEqual(first);
    expect(await page.getByRole('button', { name: 'Logga ut' }).isVisible()).toBe(true);
    await context.close();
  }, 120_000);
});
