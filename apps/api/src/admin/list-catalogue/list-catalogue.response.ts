import { ApiProperty } from '@nestjs/swagger';
import { PARTIES } from '@app/case-domain';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

export class CatalogueInsatsView {
  @ApiProperty({ example: 'AMT_AF' })
  code!: string;

  @ApiProperty({ example: 'Arbetsförmedlare på AMT' })
  name!: string;

  @ApiProperty({ enum: PARTIES, description: 'The party that provides it' })
  party!: string;

  @ApiProperty({ description: 'false: retired, no new starts' })
  active!: boolean;
}

/** GET /api/v1/admin/insatser. */
export class ListCatalogueAnswer {
  @ApiProperty({ type: () => CatalogueInsatsView, isArray: true })
  items!: CatalogueInsatsView[];

  @ApiProperty(TOTAL_DOC)
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
