import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type InitiateCase, decideCase, caseDecider, caseStream } from '@app/case-domain';
import {
  tryParsePersonnummer,
  type Principal,
  PersonalDataService,
  CaseAccess,
  noteCase,
} from '@app/security';
import { validationError } from '@app/runtime';
import { CommandRunner, CaseService, type WriteResponse } from '@app/write';
import { ReadModelSync } from '@app/read-models';
import type { InitiateCaseDto } from './initiate-case.dto';

export class InitiateCaseCommand extends Command<WriteResponse> {
  constructor(
    readonly caller: Principal,
    readonly body: InitiateCaseDto,
    readonly requestId?: string,
  ) {
    super();
  }
}

const PLACEHOLDER = 'sealed';

@CommandHandler(InitiateCaseCommand)
export class InitiateCaseHandler implements ICommandHandler<InitiateCaseCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly cases: CaseService,
    private readonly personal: PersonalDataService,
    private readonly access: CaseAccess,
    private readonly sync: ReadModelSync,
  ) {}

  async execute({ caller, body, requestId }: InitiateCaseCommand): Promise<WriteResponse> {
    const caseId = randomUUID();
    const tenant = caller.tenant;
    const result = await this.runner.execute(
      caseDecider,
      async (state, ctx, meta) => {
        const pnr = tryParsePersonnummer(body.person.personnummer, meta.today);
        if (!pnr.valid) {
          throw validationError([
            {
              field: 'person.personnummer',
              message: `is not a valid personnummer or samordningsnummer (${pnr.reason.toLowerCase().replace('_', ' ')})`,
            },
          ]);
        }
        if (body.person.birthDate && body.person.birthDate !== pnr.value.birthDate) {
          throw validationError([{ field: 'person.birthDate', message: 'does not match the personnummer' }]);
        }
        const command = (person: InitiateCase['person'], sealed: (text: string) => Promise<string>) =>
          this.command(caseId, body, person, sealed);
        // Decide once on placeholders first: a refused initiation must not register the person.
        decideCase(
          await command(
            {
              personId: randomUUID(),
              name: PLACEHOLDER,
              personnummer: PLACEHOLDER,
              gender: body.person.gender as InitiateCase['person']['gender'],
              birthDate: pnr.value.birthDate,
              protectedIdentity: body.person.protectedIdentity,
            },
            async () => PLACEHOLDER,
          ),
          state,
          ctx,
          meta,
        );
        const { personId, created } = await this.personal.registry.findOrCreatePerson(
          tenant,
          pnr.value.normalized,
          randomUUID,
        );
        noteCase(caseId, personId);
        // Skyddade personuppgifter belong to the person (DOMAIN.md §10): a new case of a person
        // already protected through another case is recorded protected from its first event.
        const protectedIdentity =
          (body.person.protectedIdentity ?? false) ||
          (!created && (await this.access.personProtected(tenant, personId)));
        const seal = (text: string) => this.personal.seal(tenant, personId, text);
        return command(
          {
            personId,
            name: await seal(body.person.name.trim()),
            personnummer: await seal(pnr.value.normalized),
            gender: body.person.gender as InitiateCase['person']['gender'],
            birthDate: pnr.value.birthDate,
            protectedIdentity,
          },
          seal,
        );
      },
      {
        streamId: caseStream(caseId),
        principal: caller,
        create: true,
        context: (_state, _meta, reads) => this.cases.context(tenant, reads),
        correlationId: requestId,
      },
    );
    // Skyddade personuppgifter take effect for the person's other cases through the cases read
    // model: the initiation is answered once it holds them (bounded by READ_WAIT_MS: the case is
    // recorded either way), so from then on no read sees them open.
    if (result.state.status !== 'NONE' && result.state.person.protectedIdentity) {
      await this.sync.waitFor('cases', result.position);
    }
    return CaseService.response(caseId, result);
  }

  private async command(
    caseId: string,
    body: InitiateCaseDto,
    person: InitiateCase['person'],
    seal: (text: string) => Promise<string>,
  ): Promise<InitiateCase> {
    return {
      type: 'InitiateCase',
      caseId,
      person,
      consent: {
        givenBy: body.consent.givenBy as InitiateCase['consent']['givenBy'],
        givenOn: body.consent.givenOn,
        form: body.consent.form as InitiateCase['consent']['form'],
        ...(body.consent.documentRef ? { documentRef: await seal(body.consent.documentRef) } : {}),
        scopeParties: body.consent.scopeParties as InitiateCase['consent']['scopeParties'],
        ...(body.consent.validUntil ? { validUntil: body.consent.validUntil } : {}),
      },
      initiatingParty: body.initiatingParty as InitiateCase['initiatingParty'],
      ...(body.initiatingUnit ? { initiatingUnit: body.initiatingUnit } : {}),
      otherParties: body.otherParties as InitiateCase['otherParties'],
      question: await seal(body.question),
      needs: await seal(body.needs),
      incomeSource: body.incomeSource as InitiateCase['incomeSource'],
      targetGroups: body.targetGroups as InitiateCase['targetGroups'],
      ...(body.initiatedOn ? { initiatedOn: body.initiatedOn } : {}),
    };
  }
}
