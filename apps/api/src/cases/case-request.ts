import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { notFound, unauthenticated } from '@app/runtime';
import { parseIfMatch } from '../common/etag.interceptor';
import type { CaseWriteRequest, WriteResponse } from '@app/write';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is no uuid names nothing: 404, like an unknown id. */
export function requireUuidParam(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}

// If-Match is parsed in one place, with the ETag it answers (the write path checks it on new streams).
export { parseIfMatch } from '../common/etag.interceptor';

/** What any stream write needs from the request: the caller, the `:id` of the stream, If-Match, ids for tracing. */
export function writeRequest(ctx: ExecutionContext, entity: string) {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
  if (!req.principal) throw unauthenticated();
  const key = req.headers['idempotency-key'];
  return {
    caller: req.principal,
    id: requireUuidParam(req.params.id as string | undefined, entity),
    ifMatch: parseIfMatch(req.headers['if-match']),
    requestId: req.id ? String(req.id) : undefined,
    idempotencyKey: typeof key === 'string' ? key : undefined,
  };
}

/** Everything a case write needs from the request. */
export const CaseWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): CaseWriteRequest => {
  const { id, ...rest } = writeRequest(ctx, 'case');
  return { ...rest, caseId: id };
});

/** The Nest command of a case slice: the request and its validated body. */
export class CaseCommandRequest<B> extends Command<WriteResponse> {
  constructor(
    readonly req: CaseWriteRequest,
    readonly body: B,
  ) {
    super();
  }
}
