import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from '@app/security';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { unauthenticated } from '@app/runtime';

/** The caller and tracing ids of a write that creates a stream of its own. */
export interface CreateRequest {
  caller: Principal;
  requestId?: string;
  idempotencyKey?: string;
}

export const CreateWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): CreateRequest => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
  if (!req.principal) throw unauthenticated();
  const key = req.headers['idempotency-key'];
  return {
    caller: req.principal,
    requestId: req.id ? String(req.id) : undefined,
    idempotencyKey: typeof key === 'string' ? key : undefined,
  };
});
