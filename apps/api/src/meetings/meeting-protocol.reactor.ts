import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Decision, DomainError, type Party, type Role, upcast } from '@app/case-domain';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { SubscriptionRunner } from '../background/subscription-runner';
import { AppError } from '../common/errors';
import { MeetingService } from './meeting.service';

export const PROTOCOL_REACTOR = 'meeting-protocol';

interface RecordedDecision {
  meetingId: string;
  decision: Decision;
  occurredOn: string;
}

const decisionOf = (e: RecordedEvent) => upcast(e.type, e.schemaVersion, e.data).data as RecordedDecision;
const isDecision = (e: RecordedEvent) => e.type === 'DecisionRecorded' && e.streamId.startsWith('case-');

/**
 * A decision recorded on a case (R6) belongs in its meeting's protocol. The decision's request
 * writes both; should the process stop after the case and before the protocol, this reactor
 * writes the entry from the case's event, in the name of whoever made the decision. The entry
 * carries the decision's case version, so it is made once, whichever of the two comes first.
 * Protocols from before entries carried it are compared by count, as the request does.
 */
@Injectable()
export class MeetingProtocolReactor implements OnModuleInit {
  private readonly logger = new Logger('MeetingProtocol');

  constructor(
    private readonly runner: SubscriptionRunner,
    private readonly store: EventStore,
    private readonly meetings: MeetingService,
  ) {}

  onModuleInit(): void {
    if (this.runner.get(PROTOCOL_REACTOR)) return;
    this.runner.register({
      name: PROTOCOL_REACTOR,
      batchSize: 200,
      accepts: isDecision,
      handle: (events) => this.handle(events),
    });
  }

  async handle(events: RecordedEvent[]): Promise<void> {
    for (const e of events.filter(isDecision)) await this.complete(e);
  }

  private async complete(e: RecordedEvent): Promise<void> {
    const caseId = e.streamId.slice('case-'.length);
    const { meetingId, decision, occurredOn } = decisionOf(e);
    const meeting = await this.meetings.state(e.tenant, meetingId);
    if (!meeting || meeting.status === 'NONE') {
      this.logger.error({ caseId, meetingId }, 'protocol entry cannot be written: no such meeting');
      return;
    }
    const inProtocol = meeting.decisions.filter((d) => d.caseId === caseId);
    if (inProtocol.some((d) => d.caseVersion === e.version)) return;
    // The n-th decision of this case at this meeting needs n entries.
    const onCase = (await this.store.readStream(e.streamId))
      .filter((x) => x.version <= e.version && x.type === 'DecisionRecorded' && decisionOf(x).meetingId === meetingId).length;
    if (inProtocol.length >= onCase) return;

    const actor = (e.metadata as { actor?: { sub?: string; roles?: Role[]; party?: Party } }).actor ?? {};
    try {
      await this.meetings.write(
        {
          caller: { sub: actor.sub ?? 'system', tenant: e.tenant, roles: actor.roles ?? [], ...(actor.party ? { party: actor.party } : {}) },
          meetingId,
          requestId: e.metadata.correlationId,
        },
        { type: 'RecordMeetingDecision', caseId, decision, decidedOn: occurredOn, caseVersion: e.version },
        undefined,
        { expectedVersion: null },
      );
      this.logger.warn({ caseId, meetingId }, 'protocol entry completed from the case’s decision');
    } catch (err) {
      // Refused for good (the case left the agenda, the meeting is gone): said once, not retried forever.
      if (err instanceof DomainError || err instanceof AppError) {
        this.logger.error({ caseId, meetingId, err: { name: err.name } }, 'protocol entry refused');
        return;
      }
      throw err;
    }
  }
}
