import { isSealed } from './envelope';
import type { PersonalDataService } from './personal-data.service';

/**
 * Returns a copy of `value` with every sealed string opened; after erasure a sealed string
 * becomes null (the data is gone, the fact that something was recorded stays).
 */
export async function openSealed<T>(
  personal: PersonalDataService,
  tenant: string,
  personId: string,
  value: T,
): Promise<T> {
  if (isSealed(value)) return ((await personal.open(tenant, personId, value)) ?? null) as T;
  if (Array.isArray(value))
    return (await Promise.all(value.map((v) => openSealed(personal, tenant, personId, v)))) as T;
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([k, v]) => [k, await openSealed(personal, tenant, personId, v)] as const,
      ),
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}
