import { BooleanField, UuidField } from '../../common/dto';

export class AddCaseToAgendaDto {
  @UuidField({ description: 'An accepted case awaiting a beredning decision (R5)' })
  caseId!: string;

  @BooleanField({ optional: true, description: 'Priority cases come first on the agenda; default false' })
  priority?: boolean;
}
