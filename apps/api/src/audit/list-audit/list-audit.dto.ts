import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator } from 'class-validator';
import { isCivilDate } from '@app/case-domain';
import { StorableText } from '../../common/dto';
import { ListQueryDto } from '../../common/list-query.dto';
import { isInstant } from '@app/security';

/** A date YYYY-MM-DD that exists, or an ISO-8601 instant with a time zone (years 0001–9999). */
function DateOrInstant() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        // PostgreSQL has no year 0 (JS Date has): checked like every other date, not by Date.
        validate: (value: unknown) => isCivilDate(value) || isInstant(value),
        defaultMessage: () => 'must be a date YYYY-MM-DD or an ISO-8601 instant with a time zone',
      },
    });
}

export class ListAuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Entries about this case', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a case id (uuid)' })
  caseId?: string;

  @ApiPropertyOptional({ description: 'Entries by this user or client (the token’s `sub`)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/\S/, { message: 'must not be blank' })
  @StorableText()
  actor?: string;

  @ApiPropertyOptional({
    description: 'From this date (the tenant’s local day, inclusive) or instant',
    example: '2026-06-01',
  })
  @IsOptional()
  @DateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'To this date (inclusive) or instant', example: '2026-06-30' })
  @IsOptional()
  @DateOrInstant()
  to?: string;
}
