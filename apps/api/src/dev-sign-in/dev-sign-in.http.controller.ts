import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { KeyObject } from 'node:crypto';
import { CLOCK, type Clock, notFound } from '@app/runtime';
import {
  DEMO_TENANT,
  DEMO_USERS,
  findDemoUser,
  parseDuration,
  signDevToken,
  DEV_TOKEN_DEFAULT_LIFETIME,
} from '@app/security';
import { Public } from '../auth/public.decorator';
import { DemoUsersAnswer, DevTokenAnswer, DevTokenRequestDto } from './dev-sign-in.dto';
import { DEV_SIGNING_KEY, DevSignInThrottlerGuard } from './dev-sign-in.throttler.guard';

const NOT_PRODUCTION =
  'Development only: the route exists outside production and only while the service verifies development tokens ' +
  '(no OIDC_ISSUER); otherwise it is a 404. Public (no bearer), rate-limited per address like every route.';

/** Sign-in for the web app during development: pick a demo user, get a development token for the demo torg. */
@ApiTags('dev')
@Public()
@UseGuards(DevSignInThrottlerGuard)
@Controller('api/v1/dev')
export class DevSignInHttpController {
  constructor(
    @Inject(DEV_SIGNING_KEY) private readonly key: KeyObject,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'The demo users one may sign in as', description: NOT_PRODUCTION })
  @ApiOkResponse({ type: DemoUsersAnswer, description: 'The demo torg’s users (fictitious persons)' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited (problem+json, Retry-After)' })
  users(): DemoUsersAnswer {
    return {
      items: DEMO_USERS.map((u) => ({
        id: u.id,
        name: u.name,
        roles: [...u.roles],
        ...(u.party ? { party: u.party } : {}),
        description: u.description,
      })),
    };
  }

  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A development token for a demo user of the tenant `demo`',
    description: NOT_PRODUCTION,
  })
  @ApiOkResponse({ type: DevTokenAnswer, description: 'Send it as `Authorization: Bearer <token>`' })
  @ApiBadRequestResponse({ description: 'userId is missing or malformed (problem+json)' })
  @ApiNotFoundResponse({ description: 'No demo user has that id (problem+json)' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited (problem+json, Retry-After)' })
  async token(@Body() body: DevTokenRequestDto): Promise<DevTokenAnswer> {
    const user = findDemoUser(body.userId);
    if (!user) throw notFound('demo user');
    const now = this.clock.now();
    const token = await signDevToken(
      { tenant: DEMO_TENANT, roles: user.roles, party: user.party, sub: user.id },
      this.key,
      now,
    );
    const lifetime = parseDuration(DEV_TOKEN_DEFAULT_LIFETIME)!;
    return { token, expiresAt: new Date((Math.floor(now.getTime() / 1000) + lifetime) * 1000).toISOString() };
  }
}
