import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/runtime';
import { Public } from '../public.decorator';

export class SignInConfig {
  @ApiProperty({ enum: ['dev', 'oidc'], description: 'dev: development tokens (GET /api/v1/dev/users); oidc: the identity provider' })
  mode!: 'dev' | 'oidc';

  @ApiPropertyOptional({ description: 'The OIDC issuer (oidc mode)', format: 'uri' })
  issuer?: string;

  @ApiPropertyOptional({ description: 'The web app’s public client id at the issuer (oidc mode)' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'The scopes the web app asks for (oidc mode)' })
  scope?: string;
}

@ApiTags('auth')
@Controller('api/v1/auth/config')
export class SignInConfigHttpController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getSignInConfig',
    summary: 'How the web app signs users in',
    description:
      'oidc when OIDC_ISSUER is set: authorization code flow with PKCE against the issuer, as the public client ' +
      'OIDC_CLIENT_ID with OIDC_SCOPE. dev otherwise (never in production): the development sign-in page.',
  })
  @ApiOkResponse({ type: SignInConfig })
  get(): SignInConfig {
    const { oidcIssuer, oidcClientId, oidcScope } = this.config;
    if (!oidcIssuer) return { mode: 'dev' };
    return { mode: 'oidc', issuer: oidcIssuer, clientId: oidcClientId ?? '', scope: oidcScope };
  }
}
