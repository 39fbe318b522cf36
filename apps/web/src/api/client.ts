import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';

/** The service's problem+json answer (RFC 9457). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A refused or failed call: the problem the API answered, or a network failure as status 0. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** The message the API gave for one field, if it named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

let currentToken: (() => string | undefined) | undefined;
let onUnauthorized: (() => void) | undefined;

/** The signed-in user's token lives in memory only; the auth provider hands it over here. */
export function useTokenSource(source: () => string | undefined, unauthorized: () => void): void {
  currentToken = source;
  onUnauthorized = unauthorized;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken?.();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthorized?.();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R }
  ? 200 extends keyof R
    ? Json<R[200]>
    : 201 extends keyof R
      ? Json<R[201]>
      : never
  : never;

/** The JSON a route answers with on success, as the OpenAPI document describes it. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = Ok<paths[P][M]>;
/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * The answer's data, or an ApiError with the API's problem: openapi-fetch answers
 * `{ data, error, response }`, and screens want one or the other.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, title: 'network' });
  }
  if (result.response.ok) return result.data as T;
  const error = (result.error ?? {}) as Partial<Problem>;
  throw new ApiError({ ...error, status: result.response.status });
}

/** `If-Match` for a write on a case or meeting at the version the screen shows. */
export function ifMatch(version: number | undefined): { 'If-Match'?: string } {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

/** One Idempotency-Key per submitted form, so a retried click never writes twice. */
export function idempotencyKey(): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': crypto.randomUUID() };
}
