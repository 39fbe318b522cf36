import { Type } from 'class-transformer';
import { IntField, TextField } from '../../common/dto';

export class ListCatalogueQuery {
  @Type(() => Number)
  @IntField(1, 500, { optional: true, description: 'Page size; default 50', example: 50 })
  limit?: number;

  @TextField(64, { optional: true, description: 'The nextCursor of the previous page' })
  cursor?: string;
}
