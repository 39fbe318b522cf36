import { ApiProperty } from '@nestjs/swagger';
import { CaseEventView, CasePersonView, CaseView } from '../../cases/get-case/case-view.response';

/** A case of the person in the registerutdrag: the case view and its history. */
export class ExtractCaseView extends CaseView {
  @ApiProperty({ type: () => CaseEventView, isArray: true, description: 'Every event of the case in order' })
  history!: CaseEventView[];
}

/** GET /api/v1/persons/{personId}/extract as JSON (ExtractDocument). */
export class PersonExtract {
  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ description: 'The person’s data was erased: personal fields read null' })
  erased!: boolean;

  @ApiProperty({
    type: () => CasePersonView,
    nullable: true,
    description: 'As the latest case records the person',
  })
  person!: CasePersonView | null;

  @ApiProperty({ type: () => ExtractCaseView, isArray: true })
  cases!: ExtractCaseView[];
}
