import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PARTIES, ROLES } from '@app/security';

export class DevTokenRequestDto {
  @ApiProperty({
    description: 'The demo user to sign in as (an `id` from GET /api/v1/dev/users)',
    example: 'demo-processledare',
    maxLength: 64,
  })
  @IsString({ message: 'must be a string' })
  @MaxLength(64)
  @Matches(/^[a-z0-9-]+$/, { message: 'must be a demo user id (lower-case letters, digits and -)' })
  userId!: string;
}

export class DemoUserAnswer {
  @ApiProperty({ description: "The user's id: the token's `sub`", example: 'demo-processledare' })
  id!: string;

  @ApiProperty({ description: 'Display name (fictitious)', example: 'Maria Lindqvist' })
  name!: string;

  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'The roles the token carries',
    example: ['processledare'],
  })
  roles!: string[];

  @ApiPropertyOptional({
    enum: PARTIES,
    description: 'The party the user acts for (handläggare and beredningsgrupp members)',
    example: 'KOMMUN',
  })
  party?: string;

  @ApiProperty({ description: 'Who the user is at the torg, in Swedish' })
  description!: string;
}

export class DemoUsersAnswer {
  @ApiProperty({
    type: () => DemoUserAnswer,
    isArray: true,
    description: 'Every demo user of the tenant `demo`',
  })
  items!: DemoUserAnswer[];
}

export class DevTokenAnswer {
  @ApiProperty({
    description: 'A development bearer token for the tenant `demo`, signed with the development key',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  })
  token!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When the token expires (UTC)',
    example: '2026-12-02T23:00:00.000Z',
  })
  expiresAt!: string;
}
