import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StaleContextError, WrongExpectedVersionError } from '@app/event-store';
import { AppError, type FieldError, type ProblemKind } from '@app/runtime';
import { parseRequestBody } from './request-body';

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

export function sendProblem(res: Response, req: Request, problem: Problem): void {
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  if (problem.status === 503) res.setHeader('Retry-After', '1');
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: req.originalUrl?.split('?')[0] }));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      // Name and code only: driver messages can quote the values of a failed row.
      const e = exception as { name?: string; code?: string; stack?: string };
      this.logger.error(
        { err: { name: e?.name, code: e?.code }, stack: e?.stack?.split('\n').slice(1, 6).join('\n') },
        'unhandled error',
      );
    }
    sendProblem(ctx.getResponse<Response>(), ctx.getRequest<Request>(), problem);
  }
}

/** Express middleware: the raw body read by `express.raw` becomes the request's JSON value (see request-body.ts). */
export function jsonBody(req: Request, res: Response, next: (err?: unknown) => void): void {
  try {
    req.body = parseRequestBody(
      Buffer.isBuffer(req.body) ? req.body : undefined,
      req.headers['content-type'],
    );
    next();
  } catch (err) {
    sendProblem(res, req, toProblem(err));
  }
}

/** Express error middleware for what fails before Nest sees the request: a body too large or unreadable. */
export function bodyErrorHandler(
  err: unknown,
  req: Request,
  res: Response,
  next: (err?: unknown) => void,
): void {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') {
    return sendProblem(res, req, {
      type: `${PROBLEM_BASE}/too-large`,
      title: TITLES[413],
      status: 413,
      detail: 'the request body is too large',
      errors: [{ field: 'body', message: 'is too large' }],
    });
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return sendProblem(res, req, {
      type: `${PROBLEM_BASE}/bad-request`,
      title: TITLES[e.status] ?? TITLES[400],
      status: e.status,
      detail: 'the request body could not be read',
      errors: [{ field: 'body', message: 'could not be read' }],
    });
  }
  next(err);
}
