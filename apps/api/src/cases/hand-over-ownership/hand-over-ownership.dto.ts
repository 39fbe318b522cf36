import { Matches } from 'class-validator';
import { PARTIES, type Party } from '@app/case-domain';
import { CodeField, DateField, TextField } from '../../common/dto';

export class HandOverOwnershipDto {
  @CodeField(PARTIES, { description: 'The new ärendebärare party, within the consent’s scope' })
  toParty!: Party;

  @TextField(128, { optional: true, description: 'The new ärendebärare’s user id at that party' })
  toUser?: string;

  @TextField(2000, { optional: true, description: 'Why the case changes hands; stored only encrypted' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string;

  @DateField({
    optional: true,
    description: 'Business date of the handover; default today, never in the future',
  })
  handedOverOn?: string;
}
