import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { writeRequest } from '../cases/case-request';
import type { MeetingWriteRequest, WriteResponse } from '@app/write';

export type { MeetingWriteRequest };


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
