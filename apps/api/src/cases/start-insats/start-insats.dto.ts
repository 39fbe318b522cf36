import { DateField, IntField, TextField } from '../../common/dto';

export class StartInsatsDto {
  @TextField(64, { description: 'A code of the tenant’s insats catalogue', example: 'AMT_AF' })
  insatsCode!: string;

  @DateField({ description: 'Business date the insats started; never in the future' })
  startedOn!: string;

  @IntField(1, 6, { optional: true, description: 'Progression step at start (stegförflyttning, 1–6)' })
  step?: number;

  @IntField(0, 100, { optional: true, description: 'Self-rated health at start (VAS, 0–100)' })
  vas?: number;
}
