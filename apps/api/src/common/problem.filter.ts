import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { StaleContextError, WrongExpectedVersionError } from '@app/event-store';
import { AppError, type FieldError, type ProblemKind } from '@app/runtime';
import type { HttpReply, HttpRequest } from './http';

export const PROBLEM_BASE = '/problems';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  rule?: string;
  errors?: FieldError[];
}

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rule: 422,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Refused by a domain rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Duck-typed so the API does not depend on how each library names its error class. */
interface KindedError {
  kind: ProblemKind;
  code: string;
  message: string;
  rule?: string;
  field?: string;
  errors?: FieldError[];
}

function isKinded(err: unknown): err is KindedError {
  return (
    err instanceof Error &&
    typeof (err as Partial<KindedError>).kind === 'string' &&
    (err as Partial<KindedError>).kind! in STATUS &&
    typeof (err as Partial<KindedError>).code === 'string'
  );
}

export function toProblem(err: unknown): Problem {
  if (err instanceof AppError || isKinded(err)) {
    const status = STATUS[err.kind];
    const errors =
      err.errors ?? ('field' in err && err.field ? [{ field: err.field, message: err.message }] : undefined);
    return {
      type: err.kind === 'rule' ? `${PROBLEM_BASE}/rules/${err.code}` : `${PROBLEM_BASE}/${err.code}`,
      title: err.kind === 'rule' && err.rule ? `Refused by rule ${err.rule}` : TITLES[status],
      status,
      detail: err.message,
      ...(err.rule ? { rule: err.rule } : {}),
      ...(errors ? { errors } : {}),
    };
  }
  if (err instanceof WrongExpectedVersionError) {
    return {
      type: `${PROBLEM_BASE}/concurrency`,
      title: TITLES[409],
      status: 409,
      detail: `it changed since version ${String(err.expected)}; it is now at version ${err.actual}: read it again and retry`,
    };
  }
  if (err instanceof StaleContextError) {
    // Decided again several times, and each time what the decision read had moved meanwhile.
    return {
      type: `${PROBLEM_BASE}/concurrency`,
      title: TITLES[409],
      status: 409,
      detail:
        'what this depends on (e.g. the torg’s configuration) kept changing while it was decided: retry',
    };
  }
  const fastify = fastifyError(err);
  if (fastify) return fastify;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = status === 429 ? 'rate-limited' : status === 404 ? 'not-found' : `http-${status}`;
    return {
      type: `${PROBLEM_BASE}/${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail: status === 404 ? 'no such route' : (TITLES[status] ?? 'error').toLowerCase(),
    };
  }
  return {
    type: `${PROBLEM_BASE}/internal`,
    title: TITLES[500],
    status: 500,
    detail: 'an unexpected error occurred',
  };
}

export function sendProblem(res: HttpReply, req: HttpRequest, problem: Problem): void {
  if (problem.status === 401) res.header('WWW-Authenticate', 'Bearer');
  if (problem.status === 503) res.header('Retry-After', '1');
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: req.originalUrl?.split('?')[0] }));
}

/**
 * What the HTTP server refuses before a route runs (a body over the limit or unreadable, a
 * malformed URL), as a problem; undefined for any other error.
 */
function fastifyError(err: unknown): Problem | undefined {
  const e = err as { code?: unknown; statusCode?: unknown };
  if (!(err instanceof Error) || typeof e.code !== 'string' || !e.code.startsWith('FST_')) return undefined;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      type: `${PROBLEM_BASE}/too-large`,
      title: TITLES[413],
      status: 413,
      detail: 'the request body is too large',
      errors: [{ field: 'body', message: 'is too large' }],
    };
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status < 400 || status >= 500) return undefined;
  if (e.code.startsWith('FST_ERR_CTP_')) {
    return {
      type: `${PROBLEM_BASE}/bad-request`,
      title: TITLES[status] ?? TITLES[400],
      status,
      detail: 'the request body could not be read',
      errors: [{ field: 'body', message: 'could not be read' }],
    };
  }
  return {
    type: `${PROBLEM_BASE}/bad-request`,
    title: TITLES[status] ?? TITLES[400],
    status,
    detail: (TITLES[status] ?? TITLES[400]).toLowerCase(),
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<HttpRequest>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      // Name and code only: driver messages can quote the values of a failed row.
      const e = exception as { name?: string; code?: string; stack?: string };
      this.logger.error(
        {
          requestId: req.id,
          err: { name: e?.name, code: e?.code },
          stack: e?.stack?.split('\n').slice(1, 6).join('\n'),
        },
        'unhandled error',
      );
    }
    sendProblem(ctx.getResponse<HttpReply>(), req, problem);
  }
}
