import { randomBytes } from 'node:crypto';
import {
  PersonalDataDecryptionError,
  deriveKeyEncryptionKey,
  generateDataKey,
  openWithDataKey,
  sealWithDataKey,
  sealedPersonId,
  isSealed,
  unwrapDataKey,
  wrapDataKey,
} from './envelope';

const TENANT = 'torg-a';
const PERSON = '0b9d6f43-8a55-4e0f-9a53-3f6a7d1f2c11';
const OTHER_PERSON = '5f1c0c4e-2f0e-4b8e-8d0a-5e0b1e2a9c77';

function flipByteOfPart(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('envelope encryption', () => {
  const key = generateDataKey();

  it('given a data key, when a text is sealed and opened, then it round-trips', () => {
    for (const text of [
      'Anna Andersson',
      '',
      'Åsa Öberg, Storgatan 1, 123 45 Ödeshög 🙂',
      'x'.repeat(10_000),
    ]) {
      const sealed = sealWithDataKey(key, TENANT, PERSON, text);
      expect(openWithDataKey(key, TENANT, PERSON, sealed)).toBe(text);
    }
  });

  it('writes pd1.<personId>.<iv>.<tag>.<ciphertext> in base64url, with a fresh IV each time', () => {
    const a = sealWithDataKey(key, TENANT, PERSON, 'Anna');
    const b = sealWithDataKey(key, TENANT, PERSON, 'Anna');
    expect(a).toMatch(/^pd1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Anna');
    expect(sealedPersonId(a)).toBe(PERSON);
    expect(isSealed(a)).toBe(true);
    expect(isSealed('Anna')).toBe(false);
  });

  it('never gives two sealed values the same IV, across many refills of the pool IVs are taken from', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i++) ivs.add(sealWithDataKey(key, TENANT, PERSON, 'Anna').split('.')[2]);
    expect(ivs.size).toBe(2000);
  });

  it.each([2, 3, 4])(
    'given a sealed text with part %i tampered with, when opened, then it is refused',
    (part) => {
      const sealed = sealWithDataKey(key, TENANT, PERSON, 'Anna Andersson');
      expect(() => openWithDataKey(key, TENANT, PERSON, flipByteOfPart(sealed, part))).toThrow(
        PersonalDataDecryptionError,
      );
    },
  );

  it.each([
    ['truncated', (s: string) => s.slice(0, -2)],
    ['non-canonical base64url', (s: string) => `${s}A`],
    ['another prefix', (s: string) => s.replace(/^pd1/, 'pd2')],
    ['a part missing', (s: string) => s.split('.').slice(0, 4).join('.')],
    ['not base64url', (s: string) => s.replace(/\.([^.]*)$/, '.$1+')],
    ['empty', () => ''],
  ])('refuses a sealed text that is %s', (_label, mangle) => {
    const sealed = sealWithDataKey(key, TENANT, PERSON, 'Anna Andersson');
    expect(() => openWithDataKey(key, TENANT, PERSON, mangle(sealed))).toThrow(PersonalDataDecryptionError);
  });

  it('binds the ciphertext to the person and the tenant', () => {
    const sealed = sealWithDataKey(key, TENANT, PERSON, 'Anna');
    expect(() => openWithDataKey(key, TENANT, OTHER_PERSON, sealed)).toThrow(PersonalDataDecryptionError);
    // Even with the person id in the text rewritten, the associated data does not match.
    const relabelled = sealed.replace(PERSON, OTHER_PERSON);
    expect(() => openWithDataKey(key, TENANT, OTHER_PERSON, relabelled)).toThrow(PersonalDataDecryptionError);
    expect(() => openWithDataKey(key, 'torg-b', PERSON, sealed)).toThrow(PersonalDataDecryptionError);
  });

  it('refuses another data key', () => {
    const sealed = sealWithDataKey(key, TENANT, PERSON, 'Anna');
    expect(() => openWithDataKey(generateDataKey(), TENANT, PERSON, sealed)).toThrow(
      PersonalDataDecryptionError,
    );
  });

  it('says nothing about the data in its error message', () => {
    const sealed = sealWithDataKey(key, TENANT, PERSON, 'Anna Andersson');
    try {
      openWithDataKey(generateDataKey(), TENANT, PERSON, sealed);
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as Error).message).not.toContain(PERSON);
      expect((err as Error).message).not.toContain(sealed.split('.')[4]);
    }
  });

  describe('key wrapping', () => {
    const master = randomBytes(32);
    const kek = deriveKeyEncryptionKey(master, TENANT);

    it('derives a distinct key-encryption key per tenant', () => {
      expect(kek.equals(deriveKeyEncryptionKey(master, 'torg-b'))).toBe(false);
      expect(kek.equals(deriveKeyEncryptionKey(master, TENANT))).toBe(true);
    });

    it('wraps and unwraps a data key for its own row only', () => {
      const dataKey = generateDataKey();
      const wrapped = wrapDataKey(kek, TENANT, PERSON, dataKey);
      expect(wrapped).toMatch(/^wk1\./);
      expect(unwrapDataKey(kek, TENANT, PERSON, wrapped).equals(dataKey)).toBe(true);
      expect(() => unwrapDataKey(kek, TENANT, OTHER_PERSON, wrapped)).toThrow(PersonalDataDecryptionError);
      expect(() =>
        unwrapDataKey(deriveKeyEncryptionKey(master, 'torg-b'), 'torg-b', PERSON, wrapped),
      ).toThrow(PersonalDataDecryptionError);
      expect(() =>
        unwrapDataKey(deriveKeyEncryptionKey(randomBytes(32), TENANT), TENANT, PERSON, wrapped),
      ).toThrow(PersonalDataDecryptionError);
    });
  });
});
