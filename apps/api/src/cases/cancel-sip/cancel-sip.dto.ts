import { Matches } from 'class-validator';
import { DateField, TextField } from '../../common/dto';

export class CancelSipDto {
  @TextField(2000, { optional: true, description: 'Why the SIP was cancelled; stored only encrypted' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string;

  @DateField({
    optional: true,
    description: 'Business date of the cancellation; default today, never in the future',
  })
  cancelledOn?: string;
}
