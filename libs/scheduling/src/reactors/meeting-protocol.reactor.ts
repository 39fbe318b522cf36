import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Decision, DomainError, type MeetingCommand, type MeetingEvent, type Party, type Role, evolveMeeting, initialMeetingState, caseDecider, caseStream } from '@app/case-domain';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { SubscriptionRunner, AppError } from '@app/runtime';
import { CommandRunner, readEvent, MeetingService } from '@app/write';

export const PROTOCOL_REACTOR = 'meeting-protocol';

const dataOf = <D>(e: RecordedEvent): D => readEvent<{ data: D }>(e).data;
const isDecision = (e: RecordedEvent) => e.type === 'DecisionRecorded' && e.streamId.startsWith('case-');
const isMove = (e: RecordedEvent) => e.type === 'AgendaItemMoved' && e.streamId.startsWith('meeting-');

type DecisionData = { meetingId: string; decision: Decision; occurredOn: string };
type MoveData = { caseId: string; toMeetingId: string };

/**
 * Two commands write two streams: a decision (R6) the case, then its meeting's protocol; an agenda
 * move the meeting the case leaves, then the agenda it goes to. The request writes both; should
 * the process stop after the first, this reactor writes the second from the first's event, in the
 * name of whoever made the decision or the move. It writes only what is missing: the n-th
 * decision of a case at a meeting needs n protocol entries (and an entry names the decision's case
 * version, so the decider makes it once, whichever of request and reactor comes first); the n-th
 * move of a case from one meeting to another needs n arrivals there.
 */
@Injectable()
export class MeetingProtocolReactor implements OnModuleInit {
  private readonly logger = new Logger('MeetingProtocol');

  constructor(
    private readonly subscriptions: SubscriptionRunner,
    private readonly store: EventStore,
    private readonly meetings: MeetingService,
    private readonly runner: CommandRunner,
  ) {}

  onModuleInit(): void {
    if (this.subscriptions.get(PROTOCOL_REACTOR)) return;
    this.subscriptions.register({
      name: PROTOCOL_REACTOR,
      batchSize: 200,
      accepts: (e) => isDecision(e) || isMove(e),
      // Commands through the write path: before the batch's transaction, never inside it.
      react: (events) => this.handle(events),
    });
  }

  async handle(events: RecordedEvent[]): Promise<void> {
    for (const e of events) {
      if (isDecision(e)) await this.completeDecision(e);
      else if (isMove(e)) await this.completeMove(e);
    }
  }

  private async completeDecision(e: RecordedEvent): Promise<void> {
    const caseId = e.streamId.slice('case-'.length);
    const { meetingId, decision, occurredOn } = dataOf<DecisionData>(e);
    const meeting = await this.meetings.state(e.tenant, meetingId);
    if (!meeting || meeting.status === 'NONE') {
      this.logger.error({ caseId, meetingId }, 'protocol entry cannot be written: no such meeting');
      return;
    }
    const inProtocol = meeting.decisions.filter((d) => d.caseId === caseId);
    if (inProtocol.some((d) => d.caseVersion === e.version)) return;
    const onCase = (await this.store.readStream(e.streamId)).filter(
      (x) =>
        x.version <= e.version &&
        x.type === 'DecisionRecorded' &&
        dataOf<DecisionData>(x).meetingId === meetingId,
    ).length;
    if (inProtocol.length >= onCase) return;
    await this.write(e, meetingId, caseId, {
      type: 'RecordMeetingDecision',
      caseId,
      decision,
      decidedOn: occurredOn,
      caseVersion: e.version,
    });
  }

  private async completeMove(e: RecordedEvent): Promise<void> {
    const fromMeetingId = e.streamId.slice('meeting-'.length);
    const { caseId, toMeetingId } = dataOf<MoveData>(e);
    const source = await this.store.readStream(e.streamId);
    const moves = source.filter((x) => {
      if (x.version > e.version || x.type !== 'AgendaItemMoved') return false;
      const d = dataOf<MoveData>(x);
      return d.caseId === caseId && d.toMeetingId === toMeetingId;
    }).length;
    const arrivals = (await this.store.readStream(`meeting-${toMeetingId}`)).filter((x) => {
      if (x.type !== 'CaseAddedToAgenda') return false;
      const d = dataOf<{ caseId: string; movedFrom?: string }>(x);
      return d.caseId === caseId && d.movedFrom === fromMeetingId;
    }).length;
    if (arrivals >= moves) return;
    // Its priority as it stood on the agenda it left.
    const before = source
      .filter((x) => x.version < e.version)
      .reduce((s, x) => evolveMeeting(s, readEvent<MeetingEvent>(x)), initialMeetingState());
    const priority =
      (before.status === 'SCHEDULED' && before.agenda.find((i) => i.caseId === caseId)?.priority) || false;
    await this.write(e, toMeetingId, caseId, {
      type: 'AddCaseToAgenda',
      caseId,
      priority,
      movedFrom: fromMeetingId,
    });
  }

  private async write(
    e: RecordedEvent,
    meetingId: string,
    caseId: string,
    command: MeetingCommand,
  ): Promise<void> {
    const actor = (e.metadata as { actor?: { sub?: string; roles?: Role[]; party?: Party } }).actor ?? {};
    try {
      await this.meetings.write(
        {
          caller: {
            sub: actor.sub ?? 'system',
            tenant: e.tenant,
            roles: actor.roles ?? [],
            ...(actor.party ? { party: actor.party } : {}),
          },
          meetingId,
          requestId: e.metadata.correlationId,
        },
        command,
        async () => ({
          caseState: (await this.runner.load(caseDecider, caseStream(caseId), e.tenant))?.state,
        }),
        { expectedVersion: null },
      );
      this.logger.warn(
        { caseId, meetingId, command: command.type },
        'second write completed from the first one’s event',
      );
    } catch (err) {
      // Refused for good (the case is already there, or no longer fits): said once, not retried forever.
      if (err instanceof DomainError || err instanceof AppError) {
        this.logger.error(
          { caseId, meetingId, command: command.type, err: { name: err.name } },
          'second write refused',
        );
        return;
      }
      throw err;
    }
  }
}
