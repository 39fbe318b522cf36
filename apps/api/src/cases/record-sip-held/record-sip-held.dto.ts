import { PARTIES, type Party } from '@app/case-domain';
import { BooleanField, CodeField, CodesField, DateField, NestedListField, TextField } from '../../common/dto';

export class SipPlanItemDto {
  @TextField(2000, { description: 'A goal of the plan; stored only encrypted' })
  goal!: string;

  @TextField(2000, { description: 'The action toward the goal; stored only encrypted' })
  action!: string;

  @CodeField(PARTIES, { description: 'The party responsible for the action, within the consent’s scope' })
  responsibleParty!: Party;
}

export class RecordSipHeldDto {
  @DateField({ description: 'Business date the SIP was held; never in the future' })
  heldOn!: string;

  @CodesField(PARTIES, { description: 'The parties that attended' })
  attendees!: Party[];

  @NestedListField(() => SipPlanItemDto, {
    description: 'The plan: goals and actions, each with a responsible party',
    maxItems: 50,
  })
  plan!: SipPlanItemDto[];

  @BooleanField({
    optional: true,
    description: 'Whether the person attended; default true. The SIP is registered on the person (R8)',
  })
  personAttended?: boolean;
}
