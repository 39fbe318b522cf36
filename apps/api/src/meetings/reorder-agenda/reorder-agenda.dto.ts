import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';

export class ReorderAgendaDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    maxItems: 500,
    description:
      'Every case on the agenda, first to last, each once: a list naming a case not on it, or missing one, is refused (R5)',
  })
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(500, { message: 'must name at most 500 cases' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    each: true,
    message: 'must contain only uuids',
  })
  caseIds!: string[];
}
