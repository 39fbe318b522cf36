import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthenticationError, type Principal, type TokenVerifier } from '@app/security';
import { forbidden, notFound, unauthenticated } from '@app/runtime';
import { type AuthenticatedRequest, TOKEN_VERIFIER } from '../auth/auth.guard';
import { CALENDAR_ROLES, CalendarFeeds } from './calendar-feeds';

export interface CalendarRequest extends AuthenticatedRequest {
  /** Read through a personal feed (`?feed=`): the feed and the user it reads as. */
  calendarFeed?: { id: string; principal: Principal };
}

/**
 * GET /api/v1/meetings.ics answers a bearer token as every route does (AuthGuard's rules), or a
 * feed secret without any header: Outlook cannot send one. An unknown or revoked secret is a 404,
 * the same for both, and the secret is in no log (the request log drops query strings) and no error.
 */
@Injectable()
export class MeetingsIcsGuard implements CanActivate {
  constructor(
    private readonly feeds: CalendarFeeds,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<CalendarRequest>();
    const secret = (req.query as Record<string, unknown> | undefined)?.feed;
    if (secret !== undefined) {
      const feed = await this.feeds.resolve(secret);
      if (!feed) throw notFound('calendar feed');
      req.calendarFeed = feed;
      return true;
    }
    const header = req.headers.authorization;
    if (!header || !/^Bearer\s+\S+$/i.test(header)) throw unauthenticated();
    try {
      req.principal = await this.verifier.verify(header.replace(/^Bearer\s+/i, ''));
    } catch (err) {
      if (err instanceof AuthenticationError) throw unauthenticated(err.message);
      throw err;
    }
    if (!req.principal.roles.some((r) => (CALENDAR_ROLES as readonly string[]).includes(r)))
      throw forbidden(`this action needs one of the roles: ${CALENDAR_ROLES.join(', ')}`);
    return true;
  }
}
