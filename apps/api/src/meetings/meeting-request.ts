import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { Principal } from '@app/security';
import { writeRequest } from '../cases/case-request';
import type { WriteResponse } from '../cases/case.service';

/** Everything a meeting write needs from the request: the caller, the meeting id, If-Match, ids for tracing. */
export interface MeetingWriteRequest {
  caller: Principal;
  meetingId: string;
  /** `If-Match`: the meeting's version the caller last saw. */
  ifMatch?: number;
  requestId?: string;
  idempotencyKey?: string;
}

export const MeetingWrite = createParamDecorator((_: unknown, ctx: ExecutionContext): MeetingWriteRequest => {
  const { id, ...rest } = writeRequest(ctx, 'meeting');
  return { ...rest, meetingId: id };
});

/** The Nest command of a meeting slice: the request and its validated body. */
export class MeetingCommandRequest<B> extends Command<WriteResponse> {
  constructor(
    readonly req: MeetingWriteRequest,
    readonly body: B,
  ) {
    super();
  }
}
