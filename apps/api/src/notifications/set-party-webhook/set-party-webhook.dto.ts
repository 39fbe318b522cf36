import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export class SetPartyWebhookDto {
  @ApiProperty({ description: 'Where notices are POSTed (http or https)', example: 'https://kommun.example/amt-notices', maxLength: 2000 })
  @IsString({ message: 'must be text' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http or https URL' })
  url!: string;

  @ApiProperty({
    description:
      'The shared secret: each delivery carries `X-Amt-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with it. ' +
      'Stored sealed; never returned or logged.',
    minLength: 16,
    maxLength: 256,
    writeOnly: true,
  })
  @IsString({ message: 'must be text' })
  @MinLength(16, { message: 'must be at least 16 characters' })
  @MaxLength(256, { message: 'must be at most 256 characters' })
  secret!: string;
}
