import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { unauthenticated } from '@app/runtime';
import { parseIfMatch } from '../cases/case-request';
import type { TenantWriteRequest } from './tenant-config.service';

/** Everything a tenant-configuration write needs from the request; If-Match names the configuration's version. */
export const TenantWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantWriteRequest => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
  if (!req.principal) throw unauthenticated();
  const key = req.headers['idempotency-key'];
  return {
    caller: req.principal,
    ifMatch: parseIfMatch(req.headers['if-match']),
    requestId: req.id ? String(req.id) : undefined,
    idempotencyKey: typeof key === 'string' ? key : undefined,
  };
});
