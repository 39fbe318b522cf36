/**
 * The small set of errors the API answers with; the problem filter turns each into
 * application/problem+json. Messages never carry personal data.
 */
export type ProblemKind =
  | 'validation'
  | 'rule'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly rule?: string,
  ) {
    super(message);
  }
}

export const validationError = (errors: FieldError[]) =>
  new AppError('validation', 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

export const notFound = (what = 'resource') => new AppError('not_found', 'not-found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', 'forbidden', message);
export const conflict = (code: string, message: string) => new AppError('conflict', code, message);
export const unauthenticated = (message = 'a valid bearer token is required') =>
  new AppError('unauthenticated', 'unauthenticated', message);
