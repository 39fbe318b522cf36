import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, type MeetingCommand, type MeetingContext, type MeetingState, type CommandMeta, meetingDecider, meetingStream } from '@app/case-domain';
import { AppError, notFound } from '@app/runtime';
import type { WriteResponse } from './case.service';
import { CommandRunner, type WriteResult, writeResponse } from './command-runner';
import type { Principal } from '@app/security';

/** Everything a meeting write needs from the request: the caller, the meeting id, If-Match, ids for tracing. */
export interface MeetingWriteRequest {
  caller: Principal;
  meetingId: string;
  /** `If-Match`: the meeting's version the caller last saw. */
  ifMatch?: number;
  requestId?: string;
  idempotencyKey?: string;
}

export type ScheduledMeeting = Extract<MeetingState, { status: 'SCHEDULED' }>;

/** The write and read paths of a meeting shared by every meeting slice. */
@Injectable()
export class MeetingService {
  constructor(private readonly runner: CommandRunner) {}

  /** The meeting in the caller's tenant, or 404. */
  async read(tenant: string, meetingId: string): Promise<{ state: ScheduledMeeting; version: number }> {
    const loaded = await this.runner.load(meetingDecider, meetingStream(meetingId), tenant);
    if (!loaded || loaded.state.status === 'NONE') throw notFound('meeting');
    return { state: loaded.state, version: loaded.version };
  }

  /** The meeting's state, or undefined when it does not exist in the tenant (the decider then refuses). */
  async state(tenant: string, meetingId: string): Promise<MeetingState | undefined> {
    return (await this.runner.load(meetingDecider, meetingStream(meetingId), tenant))?.state;
  }

  /**
   * Runs a command on an existing meeting. `build` may read the current state; `context` loads what
   * the decider needs beyond the stream and is called again when a lost race is decided anew.
   */
  async write(
    req: MeetingWriteRequest,
    command:
      MeetingCommand | ((state: MeetingState, ctx: MeetingContext, meta: CommandMeta) => MeetingCommand),
    context: () => Promise<MeetingContext> = async () => ({}),
    options: { expectedVersion?: number | null } = {},
  ): Promise<WriteResult<MeetingState>> {
    try {
      return await this.runner.execute(
        meetingDecider,
        typeof command === 'function'
          ? async (state: MeetingState, ctx: MeetingContext, meta: CommandMeta) => command(state, ctx, meta)
          : command,
        {
          streamId: meetingStream(req.meetingId),
          principal: req.caller,
          expectedVersion:
            options.expectedVersion === null ? undefined : (options.expectedVersion ?? req.ifMatch),
          context,
          correlationId: req.requestId,
          causationId: req.idempotencyKey,
        },
      );
    } catch (err) {
      // The runner names every missing stream a case; here the missing stream is the meeting.
      if (err instanceof AppError && err.kind === 'not_found') throw notFound('meeting');
      throw err;
    }
  }

  static response(meetingId: string, result: WriteResult<MeetingState>): WriteResponse {
    return writeResponse(meetingId, result);
  }
}

const SECOND_WRITE_ATTEMPTS = 3;

/**
 * The second append of a command that writes two streams, after the first one is stored. A refusal
 * (a domain rule, a missing stream) is final and thrown; anything else (a lost race beyond the
 * runner's own retries, the database) is tried again. `done` looks first whether an earlier attempt
 * got through after all, so a retry never writes twice.
 */
export async function completeSecondWrite<T>(
  write: () => Promise<T>,
  done: () => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) {
        const earlier = await done();
        if (earlier !== undefined) return earlier;
      }
      return await write();
    } catch (err) {
      if (err instanceof DomainError || err instanceof AppError) {
        // Refused, perhaps because the write is already there (the meeting reactor came first).
        const earlier = await done().catch(() => undefined);
        if (earlier !== undefined) return earlier;
        throw err;
      }
      if (attempt >= SECOND_WRITE_ATTEMPTS) throw err;
      await sleep(50 * attempt);
    }
  }
}
