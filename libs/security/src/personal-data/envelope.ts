/**
 * The envelope primitives behind PersonalDataCipher, pure: AES-256-GCM, a fresh 96-bit IV per
 * message, and associated data binding every ciphertext to its tenant and person.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'pd1';
export const WRAPPED_PREFIX = 'wk1';
export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a sealed value or wrapped key is malformed, tampered with, or bound elsewhere. */
export class PersonalDataDecryptionError extends Error {
  constructor(
    message = 'Personal data could not be decrypted: malformed, tampered with, or sealed for another person',
  ) {
    super(message);
    this.name = 'PersonalDataDecryptionError';
  }
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** The key-encryption key: a subkey of the master key per tenant, kept apart from the lookup secrets. */
export function deriveKeyEncryptionKey(masterKey: Buffer, tenant: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'person-key-wrapping', tenant, 32));
}

export function wrapDataKey(kek: Buffer, tenant: string, personId: string, dataKey: Buffer): string {
  return encrypt(WRAPPED_PREFIX, kek, aad(WRAPPED_PREFIX, tenant, personId), dataKey);
}

export function unwrapDataKey(kek: Buffer, tenant: string, personId: string, wrapped: string): Buffer {
  const key = decrypt(WRAPPED_PREFIX, kek, aad(WRAPPED_PREFIX, tenant, personId), wrapped, undefined);
  if (key.length !== DATA_KEY_BYTES) throw new PersonalDataDecryptionError();
  return key;
}

/** `pd1.<personId>.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealWithDataKey(
  dataKey: Buffer,
  tenant: string,
  personId: string,
  plaintext: string,
): string {
  const sealed = encrypt(
    SEALED_PREFIX,
    dataKey,
    aad(SEALED_PREFIX, tenant, personId),
    Buffer.from(plaintext, 'utf8'),
  );
  return `${SEALED_PREFIX}.${personId}${sealed.slice(SEALED_PREFIX.length)}`;
}

export function openWithDataKey(dataKey: Buffer, tenant: string, personId: string, sealed: string): string {
  return decrypt(SEALED_PREFIX, dataKey, aad(SEALED_PREFIX, tenant, personId), sealed, personId).toString(
    'utf8',
  );
}

/** The person a sealed value names, without decrypting it; undefined when it is not a sealed value. */
export function sealedPersonId(sealed: string): string | undefined {
  const parts = typeof sealed === 'string' ? sealed.split('.') : [];
  return parts.length === 5 && parts[0] === SEALED_PREFIX ? parts[1] : undefined;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && sealedPersonId(value) !== undefined;
}

function aad(purpose: string, tenant: string, personId: string): Buffer {
  // JSON keeps the fields unambiguous whatever characters a tenant id holds.
  return Buffer.from(JSON.stringify([purpose, tenant, personId.toLowerCase()]), 'utf8');
}

/**
 * IVs come from a pool of random bytes filled a few kilobytes at a time: one call for the random
 * source per 341 IVs instead of one per sealed value (a sealed initiation takes six). An IV is
 * public (it is written beside its ciphertext); only that it is never reused matters. Keys are
 * never taken from the pool.
 */
const IV_POOL_BYTES = 4092;
let ivPool = Buffer.alloc(0);
let ivPoolOffset = 0;

function freshIv(): Buffer {
  if (ivPoolOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivPoolOffset = 0;
  }
  // A copy: the pool's buffer is never handed out.
  const iv = Buffer.from(ivPool.subarray(ivPoolOffset, ivPoolOffset + IV_BYTES));
  ivPoolOffset += IV_BYTES;
  return iv;
}

function encrypt(prefix: string, key: Buffer, associatedData: Buffer, plaintext: Buffer): string {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [prefix, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
}

function decrypt(
  prefix: string,
  key: Buffer,
  associatedData: Buffer,
  text: string,
  personId: string | undefined,
): Buffer {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (personId !== undefined) {
    if (parts.length !== 5 || parts[1].toLowerCase() !== personId.toLowerCase())
      throw new PersonalDataDecryptionError();
    parts.splice(1, 1);
  }
  if (parts.length !== 4 || parts[0] !== prefix) throw new PersonalDataDecryptionError();
  const [iv, tag, ciphertext] = parts.slice(1).map(unb64);
  if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) {
    throw new PersonalDataDecryptionError();
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new PersonalDataDecryptionError();
  }
}

const b64 = (b: Buffer) => b.toString('base64url');

function unb64(s: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64url');
  // Only the canonical spelling, so that every change to the text is a change to the bytes.
  return bytes.toString('base64url') === s ? bytes : undefined;
}
