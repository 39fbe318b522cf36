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
import { APP_CONFIG, type AppConfig } from '@app/runtime';

export const DEV_SIGNING_KEY = Symbol('DEV_SIGNING_KEY');

/**
 * The app's rate limit skips public routes (health probes); the sign-in routes are public but
 * limited all the same. Their callers have no token yet, so they are counted by address, in the
 * same budget and under the same key as the app's guard counts an anonymous caller.
 */
@Injectable()
export class DevSignInThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(): Promise<boolean> {
    return this.config.rateLimitPerMinute === 0;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `ip:${await super.getTracker(req)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return createHash('sha256').update(`${throttler}:${tracker}`).digest('hex');
  }
}
