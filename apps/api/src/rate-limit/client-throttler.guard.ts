import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { TokenVerifier } from '@app/security';
import { TOKEN_VERIFIER } from '../auth/auth.guard';
import { IS_PUBLIC } from '../auth/public.decorator';

/**
 * Rate limits per client (API.md: `RATE_LIMIT_PER_MINUTE`, 429 with Retry-After): a caller with a
 * valid token is counted by tenant and `sub` wherever it calls from; anyone else by IP address.
 * One budget per client across all routes. It runs before authentication, so a flood of bad
 * tokens is limited too; the token is verified here only to name the client (the auth guard
 * still decides access). Counts are kept in this process's memory: with several API instances
 * each counts on its own.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  /** Health probes (the only public routes) are never limited. */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ===
      true
    );
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const header = (req.headers as Record<string, unknown> | undefined)?.authorization;
    if (typeof header === 'string' && /^Bearer\s+\S+$/i.test(header)) {
      try {
        const principal = await this.verifier.verify(header.replace(/^Bearer\s+/i, ''));
        return `client:${JSON.stringify([principal.tenant, principal.sub])}`;
      } catch {
        // Not a valid token: counted by address like any anonymous caller.
      }
    }
    return `ip:${await super.getTracker(req)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return createHash('sha256').update(`${throttler}:${tracker}`).digest('hex');
  }
}
