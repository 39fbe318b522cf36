import { useState } from 'react';
import { apiFieldError, useCaseWrite, type WriteHeaders } from './case-write';
import type { CaseView } from './case-types';

/**
 * A case action form's state: the client's own field errors, the write, and the message to show
 * on a field (the client's first, then the API's).
 */
export function useActionForm<V, R extends { version: number; position?: number }>(
  view: CaseView,
  write: (vars: V, headers: WriteHeaders) => Promise<R>,
) {
  const [client, setClient] = useState<Record<string, string>>({});
  const mutation = useCaseWrite(view.id, view.version, write);
  return {
    mutation,
    fieldError: (field: string) => client[field] ?? apiFieldError(mutation.error, field),
    /** Sends when the client's checks pass; closes the dialog after success. */
    submit(checks: Record<string, string>, vars: V, onDone: () => void) {
      setClient(checks);
      if (Object.keys(checks).length > 0) return;
      mutation.mutate(vars, { onSuccess: onDone });
    },
    /** The user changed what the client complained about: its complaints wait for the next submit. */
    clearClientErrors() {
      setClient({});
    },
    reset() {
      setClient({});
      mutation.reset();
    },
  };
}
