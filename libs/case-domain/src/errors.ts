export type DomainErrorKind = 'validation' | 'rule' | 'forbidden' | 'conflict' | 'not_found';

/**
 * The one error the deciders throw. `code` is a kebab slug the API turns into a problem type;
 * `message` must never carry personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly rule?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function refuse(rule: string, code: string, message: string, field?: string): never {
  throw new DomainError('rule', code, message, rule, field);
}

export function invalid(code: string, field: string, message: string, rule?: string): never {
  throw new DomainError('validation', code, message, rule, field);
}

export function forbidden(code: string, message: string, rule?: string): never {
  throw new DomainError('forbidden', code, message, rule);
}

export function conflict(code: string, message: string, rule?: string): never {
  throw new DomainError('conflict', code, message, rule);
}

export function notFound(code: string, message: string): never {
  throw new DomainError('not_found', code, message);
}

/** Ends every switch over a union: adding a member without handling it fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify((value as { type?: unknown })?.type ?? value)}`);
}
