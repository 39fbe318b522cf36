import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DECISIONS, PARTIES } from '@app/case-domain';
import { CodeField, DateField, NestedListField, TextField, UuidField } from '../../common/dto';

/** A member with a conflict of interest (jäv), recorded as not taking part. */
export class NotParticipatingDto {
  @CodeField(PARTIES)
  party!: string;

  @TextField(128, { optional: true, description: 'The member’s user id' })
  user?: string;
}

export class RecordDecisionDto {
  @UuidField({ description: 'The meeting whose agenda the case is on' })
  meetingId!: string;

  @CodeField(DECISIONS, { description: 'The beredning decision (R6)' })
  decision!: string;

  @CodeField(PARTIES, {
    optional: true,
    description: 'The ärendebärare party; required for FORDJUPAD_SAMORDNING only',
  })
  ownerParty?: string;

  @TextField(128, { optional: true, description: 'The ärendebärare’s user id; FORDJUPAD_SAMORDNING only' })
  ownerUser?: string;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    maxItems: 50,
    maxLength: 64,
    description: 'Recommended insatser: catalogue codes',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'must contain only insats codes' })
  @MaxLength(64, { each: true, message: 'must contain codes of at most 64 characters' })
  recommendedInsatser?: string[];

  @TextField(10_000, {
    optional: true,
    description: 'Free-text recommendation, e.g. to the initiator; stored only encrypted',
  })
  @Matches(/\S/, { message: 'must not be blank' })
  recommendation?: string;

  @NestedListField(() => NotParticipatingDto, {
    optional: true,
    maxItems: 50,
    description: 'Members with a conflict of interest (jäv)',
  })
  notParticipating?: NotParticipatingDto[];

  @DateField({
    optional: true,
    description: 'Business date of the decision; default today, not before the meeting',
  })
  decidedOn?: string;
}
