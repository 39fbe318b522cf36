import { PARTIES } from '@app/case-domain';
import { BooleanField, CodeField, TextField } from '../../common/dto';

export class UpsertCatalogueInsatsDto {
  @TextField(200, { description: 'The insats as users know it', example: 'Arbetsförmedlare på AMT' })
  name!: string;

  @CodeField(PARTIES, { description: 'The party that provides the insats' })
  party!: string;

  @BooleanField({
    optional: true,
    description: 'false retires the insats: no new starts, history kept; default true',
  })
  active?: boolean;
}
