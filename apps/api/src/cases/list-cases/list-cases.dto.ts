import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CASE_STATUSES, GENDERS, PARTIES } from '@app/case-domain';
import { CodeField, DateField, StorableText, TextField } from '../../common/dto';
import { ListQueryDto } from '../../common/list-query.dto';
import { MinPositionField } from '../../common/read-query.dto';
import { NEXT_CURSOR_DOC, TOTAL_DOC } from '../../common/api-docs';

export const OWNER_FILTER_DESCRIPTION =
  'Whose cases: `me` — the caller’s own (“Mina ärenden”): cases where the caller is the named ärendebärare, or, ' +
  'when no person is named, a handläggare of the owning party; `none` — cases without an ärendebärare yet; a party ' +
  'code (`KOMMUN`, `REGION`, `ARBETSFORMEDLINGEN`, `FORSAKRINGSKASSAN`) — cases that party owns; anything else is a ' +
  'user id (a token’s `sub`): cases whose named ärendebärare is that user.';

/** `GET /api/v1/cases`: every filter is optional and they add up (AND). */
export class ListCasesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description:
      'The person’s personnummer or samordningsnummer (YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDD-NNNC, YYMMDD+NNNC); ' +
      'matched exactly through a keyed hash, never stored or logged. An invalid number is a 400 that names the ' +
      'field without repeating it.',
    example: '19900101-0017',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(20, { message: 'is not a valid personnummer or samordningsnummer' })
  @StorableText()
  personnummer?: string;

  @CodeField(CASE_STATUSES, { optional: true, description: 'Cases in this status' })
  status?: string;

  @CodeField(PARTIES, {
    optional: true,
    description: 'Cases that name this party: as initiating party, other party or ärendebärare',
  })
  party?: string;

  @TextField(255, { optional: true, description: OWNER_FILTER_DESCRIPTION, example: 'me' })
  @Matches(/\S/, { message: 'must not be blank' })
  owner?: string;

  @ApiPropertyOptional({
    description: 'Cases that have (or had) an insats with this catalogue code',
    example: 'AMT_AF',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @Matches(/^[A-Z0-9_-]{1,64}$/, { message: 'must be a catalogue code (A–Z, 0–9, _ and -, at most 64)' })
  insatsCode?: string;

  @DateField({ optional: true, description: 'Cases initiated on or after this day', example: '2026-01-01' })
  initiatedFrom?: string;

  @DateField({
    optional: true,
    description: 'Cases initiated on or before this day; not before initiatedFrom',
    example: '2026-06-30',
  })
  initiatedTo?: string;

  @MinPositionField()
  minPosition?: number;
}

export class CaseListOwnerDto {
  @ApiProperty({ enum: PARTIES, description: 'The ärendebärare’s party' })
  party!: string;

  @ApiPropertyOptional({ description: 'The named ärendebärare (a user id), when one is named' })
  user?: string;
}

export class CaseListPersonDto {
  @ApiProperty({ format: 'uuid', description: 'The person (the same for every case of theirs)' })
  personId!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The name, decrypted for the caller; null once the person’s personal data is erased',
  })
  name?: string | null;

  @ApiProperty({ enum: GENDERS })
  gender!: string;

  @ApiProperty({ description: 'The person’s personal data has been erased (crypto-shredded)' })
  erased!: boolean;
}

export class CaseListItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The case’s version (its ETag for If-Match)' })
  version!: number;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: PARTIES })
  initiatingParty!: string;

  @ApiProperty({
    enum: PARTIES,
    isArray: true,
    description: 'Initiating party, other parties and ärendebärare',
  })
  parties!: string[];

  @ApiProperty({ type: () => CaseListOwnerDto, nullable: true, description: 'The ärendebärare, once named' })
  owner!: CaseListOwnerDto | null;

  @ApiProperty({ format: 'date', example: '2026-06-02' })
  initiatedOn!: string;

  @ApiProperty({ type: () => CaseListPersonDto })
  person!: CaseListPersonDto;
}

export class CaseListPageDto {
  @ApiProperty({ type: () => CaseListItemDto, isArray: true })
  items!: CaseListItemDto[];

  @ApiProperty({
    ...TOTAL_DOC,
    description: 'Every case that matches and the caller may see, not only this page',
  })
  total!: number;

  @ApiProperty(NEXT_CURSOR_DOC)
  nextCursor!: string | null;
}
