import { withRequestIfMatch } from '@app/write';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { HttpReply, HttpRequest } from './http';
import { type Observable, tap } from 'rxjs';
import { validationError } from '@app/runtime';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The version the caller last saw. 0 is a stream not written yet (a tenant without configuration
 * answers ETag "0"; a route that creates a stream): the write then only goes through while the
 * stream is still new.
 */
export function parseIfMatch(raw: string | string[] | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = typeof raw === 'string' ? /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw) : null;
  if (!m) throw validationError([{ field: 'If-Match', message: 'must be a version, e.g. "3"' }]);
  return Number(m[1]);
}


/**
 * Versions in headers. A response that names a version carries it as the ETag, for the next
 * If-Match; the If-Match of every write is read here, so a malformed one is a 400 on any route
 * and the write path sees it even where the route does not.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<HttpReply>();
    const ifMatch = WRITES.has(req.method) ? parseIfMatch(req.headers['if-match']) : undefined;
    const handled =
      ifMatch === undefined ? next.handle() : withRequestIfMatch(ifMatch, () => next.handle());
    return handled.pipe(
      tap((body) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number' && !res.sent) res.header('ETag', `"${version}"`);
      }),
    );
  }
}
