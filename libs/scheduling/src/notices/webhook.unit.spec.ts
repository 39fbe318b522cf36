import { createHmac } from 'node:crypto';
import { openWebhookSecret, sealWebhookSecret, signBody, verifySignature } from './webhook';

describe('webhook signatures and secrets', () => {
  const body = JSON.stringify({ id: 'n-12-KOMMUN', caseId: '6f1c…', kind: 'CASE_RETURNED', occurredOn: '2026-06-15' });

  it('signs the raw body with HMAC-SHA256 of the party’s secret, as a receiver recomputes it', () => {
    const expected = createHmac('sha256', 'the-secret-0123456789').update(body).digest('hex');
    expect(signBody(body, 'the-secret-0123456789')).toBe(`sha256=${expected}`);
    expect(verifySignature(body, 'the-secret-0123456789', `sha256=${expected}`)).toBe(true);
    expect(verifySignature(`${body} `, 'the-secret-0123456789', `sha256=${expected}`)).toBe(false);
    expect(verifySignature(body, 'another-secret-0123456', `sha256=${expected}`)).toBe(false);
    expect(verifySignature(body, 'the-secret-0123456789', undefined)).toBe(false);
  });

  it('seals a secret at rest, bound to its tenant and party', () => {
    const key = Buffer.alloc(32, 3);
    const sealed = sealWebhookSecret(key, 'torget', 'KOMMUN', 'the-secret-0123456789');
    expect(sealed).toMatch(/^ws1\./);
    expect(sealed).not.toContain('the-secret');
    expect(openWebhookSecret(key, 'torget', 'KOMMUN', sealed)).toBe('the-secret-0123456789');
    expect(() => openWebhookSecret(key, 'torget', 'REGION', sealed)).toThrow();
    expect(() => openWebhookSecret(key, 'annat', 'KOMMUN', sealed)).toThrow();
    expect(() => openWebhookSecret(Buffer.alloc(32, 4), 'torget', 'KOMMUN', sealed)).toThrow();
  });
});
