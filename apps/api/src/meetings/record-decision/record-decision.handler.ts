import { Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Decision,
  type ExistingCase,
  type Party,
  type RecordDecision,
  type RecordMeetingDecision,
  decideCase,
  decideMeeting,
  initialMeetingState,
} from '@app/case-domain';
import { PersonalDataService } from '@app/security';
import { CaseService, type CaseWriteRequest, type WriteResponse, MeetingService, completeSecondWrite } from '@app/write';
import type { RecordDecisionDto } from './record-decision.dto';

export interface RecordDecisionResponse extends WriteResponse {
  /** The meeting whose protocol took the decision, with its new version. */
  meeting: { id: string; version: number };
}

export class RecordDecisionCommand extends Command<RecordDecisionResponse> {
  constructor(
    readonly req: CaseWriteRequest,
    readonly body: RecordDecisionDto,
  ) {
    super();
  }
}

const PLACEHOLDER = 'sealed';

/**
 * R6 writes two streams: the decision on the case (DecisionRecorded), then its entry in the
 * meeting's protocol (MeetingDecisionRecorded). Both deciders are asked before the case is
 * written, so a decision either side refuses writes nothing; once the case holds the decision,
 * the protocol entry is retried until it is stored or refused, and should the process stop in
 * between, MeetingProtocolReactor writes it from the case's event.
 */
@CommandHandler(RecordDecisionCommand)
export class RecordDecisionHandler implements ICommandHandler<RecordDecisionCommand> {
  private readonly logger = new Logger('RecordDecision');

  constructor(
    private readonly cases: CaseService,
    private readonly meetings: MeetingService,
    private readonly personal: PersonalDataService,
  ) {}

  async execute({ req, body }: RecordDecisionCommand): Promise<RecordDecisionResponse> {
    const meetingId = body.meetingId.toLowerCase();
    const tenant = req.caller.tenant;
    const decision = body.decision as Decision;
    const decided = await this.cases.write(
      req,
      async (state, ctx, meta) => {
        const command = this.command(meetingId, body, body.recommendation != null ? PLACEHOLDER : undefined);
        decideCase(command, state, ctx, meta);
        decideMeeting(
          {
            type: 'RecordMeetingDecision',
            caseId: req.caseId,
            decision,
            ...(body.decidedOn ? { decidedOn: body.decidedOn } : {}),
          },
          ctx.meeting ?? initialMeetingState(),
          {},
          meta,
        );
        if (body.recommendation == null) return command;
        return {
          ...command,
          recommendation: await this.personal.seal(tenant, state.person.personId, body.recommendation),
        };
      },
      { meetingId },
    );

    // The protocol takes the case's own business date, so the two never disagree, and the version
    // of the case's DecisionRecorded, so the entry is made once (the protocol reactor completes it
    // should this process stop before it is written).
    const recorded = decided.events.find((e) => e.type === 'DecisionRecorded')!;
    const decidedOn = (recorded.data as { occurredOn: string }).occurredOn;
    const onCase = (decided.state as ExistingCase).decisions.filter((d) => d.meetingId === meetingId).length;
    const entry: RecordMeetingDecision = {
      type: 'RecordMeetingDecision',
      caseId: req.caseId,
      decision,
      decidedOn,
      caseVersion: recorded.version,
    };
    let protocol;
    try {
      protocol = await completeSecondWrite(
        () => this.meetings.write({ ...req, meetingId }, entry, undefined, { expectedVersion: null }),
        async () => {
          const now = await this.meetings.read(tenant, meetingId);
          const inProtocol = now.state.decisions.filter((d) => d.caseId === req.caseId).length;
          return inProtocol >= onCase ? { version: now.version, events: [], state: now.state } : undefined;
        },
      );
    } catch (err) {
      // Ids only: the case holds the decision, the meeting's protocol does not.
      this.logger.error(
        { caseId: req.caseId, meetingId, err: { name: (err as Error)?.name } },
        'protocol entry not written',
      );
      throw err;
    }
    return {
      ...CaseService.response(req.caseId, decided),
      ...(protocol.position !== undefined ? { position: protocol.position } : {}),
      meeting: { id: meetingId, version: protocol.version },
    };
  }

  /** An optional field sent as null is absent, as everywhere in the API. */
  private command(
    meetingId: string,
    body: RecordDecisionDto,
    recommendation: string | undefined,
  ): RecordDecision {
    return {
      type: 'RecordDecision',
      meetingId,
      decision: body.decision as Decision,
      ...(body.ownerParty != null ? { ownerParty: body.ownerParty as Party } : {}),
      ...(body.ownerUser != null ? { ownerUser: body.ownerUser } : {}),
      ...(body.recommendedInsatser != null ? { recommendedInsatser: body.recommendedInsatser } : {}),
      ...(recommendation !== undefined ? { recommendation } : {}),
      ...(body.notParticipating != null
        ? {
            notParticipating: body.notParticipating.map((n) => ({
              party: n.party as Party,
              ...(n.user != null ? { user: n.user } : {}),
            })),
          }
        : {}),
      ...(body.decidedOn != null ? { decidedOn: body.decidedOn } : {}),
    };
  }
}
