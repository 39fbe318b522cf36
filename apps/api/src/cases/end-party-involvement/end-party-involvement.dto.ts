import { DateField } from '../../common/dto';

export class EndPartyInvolvementDto {
  @DateField({
    optional: true,
    description: 'Business date the party’s involvement ended; default today, never in the future',
  })
  endedOn?: string;
}
