import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the party's secret>`. */
export const SIGNATURE_HEADER = 'x-amt-signature';
/** The notice id, for the receiver to drop a redelivery (delivery is at least once). */
export const NOTICE_ID_HEADER = 'x-amt-notice-id';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute the HMAC of the raw body and compare in constant time. */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

/** POSTs a signed notice; anything but a 2xx answer is an error (and the job retries). */
export async function deliverWebhook(
  url: string,
  secret: string,
  noticeId: string,
  body: string,
  timeoutMs: number,
): Promise<number> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(body, secret),
        [NOTICE_ID_HEADER]: noticeId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // The URL is configuration, not personal data, but it may carry credentials: name the failure only.
    throw new WebhookDeliveryError(`webhook unreachable (${(err as Error)?.name ?? 'Error'})`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new WebhookDeliveryError(`webhook answered ${res.status}`);
  return res.status;
}

// Webhook secrets at rest: AES-256-GCM under a subkey of the master key, bound to tenant and party.
const PREFIX = 'ws1';

function secretKey(masterKey: Buffer, tenant: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'webhook-secret', tenant, 32));
}

export function sealWebhookSecret(masterKey: Buffer, tenant: string, party: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(masterKey, tenant), iv);
  cipher.setAAD(Buffer.from(`${PREFIX}/${tenant}/${party}`));
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [PREFIX, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function openWebhookSecret(masterKey: Buffer, tenant: string, party: string, sealed: string): string {
  const [prefix, iv, tag, ct] = sealed.split('.');
  if (prefix !== PREFIX || !iv || !tag || ct === undefined) throw new Error('malformed webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(masterKey, tenant), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${PREFIX}/${tenant}/${party}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
