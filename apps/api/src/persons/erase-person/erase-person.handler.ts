import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '@app/runtime';
import {
  ERASURE_REASON_CODES,
  type ErasureReasonCode,
  type Principal,
  noteCase,
  notePerson,
  PersonCases,
  PersonalDataService,
} from '@app/security';
import { CaseService, CommandRunner } from '@app/write';
import { caseDecider, caseStream } from '@app/case-domain';

export interface ErasePersonResponse {
  personId: string;
  erased: true;
  reason: ErasureReasonCode;
  /** Each case of the person with its version after the erasure was recorded on it. */
  cases: { id: string; version: number }[];
  /** The global position of the last event written, for read-your-writes (`?minPosition=`). */
  position?: number;
}

export class ErasePersonCommand extends Command<ErasePersonResponse> {
  constructor(
    readonly caller: Principal,
    readonly personId: string,
    readonly reason: string,
    readonly requestId?: string,
  ) {
    super();
  }
}

/** The stored reason: a known code as given; any text is an erasure request (the text is not kept). */
export function erasureReasonCode(reason: string): ErasureReasonCode {
  const code = reason.trim().toUpperCase();
  return (ERASURE_REASON_CODES as readonly string[]).includes(code)
    ? (code as ErasureReasonCode)
    : 'ERASURE_REQUEST';
}

/**
 * Erasure by crypto-shredding (DOMAIN.md §10): the person's data key is destroyed first, so nothing
 * sealed for them can be read again whatever happens next; then each of their cases records
 * PersonalDataErased. Both steps are idempotent, so a retry after a failure completes the erasure.
 * An admin sees no case data, so the cases are not loaded through the access policy here.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
    private readonly personCases: PersonCases,
  ) {}

  async execute({ caller, personId, reason, requestId }: ErasePersonCommand): Promise<ErasePersonResponse> {
    const tenant = caller.tenant;
    if (!(await this.personCases.known(tenant, personId))) throw notFound('person');
    const code = erasureReasonCode(reason);
    notePerson(personId);
    // The cases first, so a read model still behind (503) stops the request before anything is destroyed.
    const before = await this.personCases.caseIds(tenant, personId);
    await this.personal.registry.erasePerson(tenant, personId, code);
    // A case initiated in between (sealed with the key just destroyed) is marked too.
    const after = await this.personCases.caseIds(tenant, personId, { wait: false });
    const results: ErasePersonResponse['cases'] = [];
    let position: number | undefined;
    for (const caseId of [...new Set([...before, ...after])]) {
      noteCase(caseId, personId);
      const result = await this.runner.execute(
        caseDecider,
        { type: 'EraseCasePersonalData', reason: code },
        {
          streamId: caseStream(caseId),
          principal: caller,
          context: (_state, _meta, reads) => this.cases.context(tenant, reads),
          correlationId: requestId,
        },
      );
      results.push({ id: caseId, version: result.version });
      if (result.position !== undefined) position = Math.max(position ?? 0, result.position);
    }
    return {
      personId,
      erased: true,
      reason: code,
      cases: results,
      ...(position !== undefined ? { position } : {}),
    };
  }
}
