import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, idempotencyKey, unwrap } from '../api/client';
import { PARTIES } from '../common/codes';

export { PARTIES };
export type Party = (typeof PARTIES)[number];

export const SETTINGS_KEY = ['admin', 'settings'] as const;
export const CATALOGUE_KEY = ['admin', 'catalogue'] as const;

/**
 * The tenant's configuration (settings and units) and its version: every admin write to the
 * configuration names that version in If-Match, whatever part of it the screen changes.
 */
export function useTenantSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/admin/settings')),
  });
}

/**
 * One Idempotency-Key per submitted form: the same body sent again (a retry after a lost answer)
 * keeps its key, a changed body gets a new one.
 */
export function useIdempotencyKey(): (body: unknown) => { 'Idempotency-Key': string } {
  const last = useRef<{ body: string; key: { 'Idempotency-Key': string } } | undefined>(undefined);
  return (body) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: idempotencyKey() };
    return last.current.key;
  };
}
