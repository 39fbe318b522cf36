import { SIP_INITIATOR_ROLES, SIP_KINDS, type SipInitiatorRole, type SipKind } from '@app/case-domain';
import { BooleanField, CodeField, DateField } from '../../common/dto';

export class RequestSipDto {
  @CodeField(SIP_INITIATOR_ROLES, { description: 'The role of the one initiating the SIP (R8)' })
  initiatorRole!: SipInitiatorRole;

  @CodeField(SIP_KINDS, { description: 'A first SIP or a follow-up SIP on an existing plan' })
  kind!: SipKind;

  @BooleanField({ description: 'Whether a förmöte was held with the person' })
  formote!: boolean;

  @DateField({
    optional: true,
    description: 'Business date of the request; default today, never in the future',
  })
  requestedOn?: string;
}
