import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, idempotencyKey, ifMatch } from '../api/client';

/** The headers every case write sends: the version the screen shows, and the form's key. */
export type WriteHeaders = { 'If-Match'?: string; 'Idempotency-Key': string };

interface Written {
  version: number;
  position?: number;
}

// The global position of this tab's latest write: lists read with ?minPosition= so they show it.
let lastPosition: number | undefined;

/** `minPosition` for a read after this tab's writes (read-your-writes); undefined before any. */
export function readAfterOwnWrites(): number | undefined {
  return lastPosition;
}

export function noteWrite(answer: { position?: number }): void {
  if (answer.position !== undefined) lastPosition = Math.max(lastPosition ?? 0, answer.position);
}

/**
 * One form's write to a case: If-Match with the version the screen shows, an Idempotency-Key that
 * stays the same while the body does (a retried click writes once), and the case's queries
 * invalidated after success.
 */
export function useCaseWrite<V, R extends Written>(
  caseId: string,
  version: number | undefined,
  write: (vars: V, headers: WriteHeaders) => Promise<R>,
) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ body: string; key: WriteHeaders['Idempotency-Key'] } | undefined>(undefined);
  return useMutation({
    mutationFn: (vars: V) => {
      const body = JSON.stringify(vars);
      if (attempt.current?.body !== body)
        attempt.current = { body, key: idempotencyKey()['Idempotency-Key'] };
      return write(vars, { ...ifMatch(version), 'Idempotency-Key': attempt.current.key });
    },
    onError: (error) => {
      // The case changed: the next attempt goes with the version read again, as a new request.
      if (isStaleConflict(error)) attempt.current = undefined;
    },
    onSuccess: async (answer) => {
      attempt.current = undefined;
      noteWrite(answer);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
      ]);
    },
  });
}

/** The API refused because the case changed since the screen read it (a stale If-Match). */
export function isStaleConflict(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 412 || (error.status === 409 && (error.problem.type ?? '').endsWith('/concurrency')))
  );
}

/** The API's message for a field (`plan`, `plan[0].goal`, `consent.givenOn`), if it named it. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find(
    (e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
  )?.message;
}
