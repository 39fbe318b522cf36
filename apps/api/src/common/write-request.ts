import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { notFound, unauthenticated } from '@app/runtime';
import type { Principal } from '@app/security';
import type { CaseWriteRequest, MeetingWriteRequest, WriteResponse } from '@app/write';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { TenantWriteRequest } from '../admin/tenant-config.service';
import { parseIfMatch } from './etag.interceptor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is no uuid names nothing: 404, like an unknown id. */
export function requireUuidParam(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}

/** The caller and tracing ids of a write that creates a stream of its own. */
export interface CreateRequest {
  caller: Principal;
  requestId?: string;
  idempotencyKey?: string;
}

export type { MeetingWriteRequest };

/** What every write takes from its request: the caller and the ids for tracing. */
function createRequest(ctx: ExecutionContext): CreateRequest & { req: AuthenticatedRequest } {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
  if (!req.principal) throw unauthenticated();
  const key = req.headers['idempotency-key'];
  return {
    req,
    caller: req.principal,
    requestId: req.id ? String(req.id) : undefined,
    idempotencyKey: typeof key === 'string' ? key : undefined,
  };
}

/** A write to an existing stream also names the version the caller last saw (If-Match). */
function streamRequest(ctx: ExecutionContext) {
  const { req, ...rest } = createRequest(ctx);
  return { req, ...rest, ifMatch: parseIfMatch(req.headers['if-match']) };
}

/** A write that creates a stream (a case, a meeting, a consultation, a survey). */
export const CreateWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): CreateRequest => {
  const { req: _req, ...rest } = createRequest(ctx);
  return rest;
});

/** A tenant-configuration write; If-Match names the configuration's version. */
export const TenantWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantWriteRequest => {
  const { req: _req, ...rest } = streamRequest(ctx);
  return rest;
});

/** A write to the case named by `:id`. */
export const CaseWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): CaseWriteRequest => {
  const { req, ...rest } = streamRequest(ctx);
  return { ...rest, caseId: requireUuidParam(req.params.id as string | undefined, 'case') };
});

/** A write to the meeting named by `:id`. */
export const MeetingWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): MeetingWriteRequest => {
  const { req, ...rest } = streamRequest(ctx);
  return { ...rest, meetingId: requireUuidParam(req.params.id as string | undefined, 'meeting') };
});

/** The Nest command of a slice: the request and its validated body. */
class WriteCommand<R, B> extends Command<WriteResponse> {
  constructor(
    readonly req: R,
    readonly body: B,
  ) {
    super();
  }
}

export class CaseCommandRequest<B> extends WriteCommand<CaseWriteRequest, B> {}
export class MeetingCommandRequest<B> extends WriteCommand<MeetingWriteRequest, B> {}
