import { type DynamicModule, Logger, Module } from '@nestjs/common';
import type { AppConfig } from '@app/runtime';
import { APP_CONFIG } from '@app/runtime';
import { loadDevJwtKey } from '@app/security';
import { DevSignInHttpController } from './dev-sign-in.http.controller';
import { DEV_SIGNING_KEY, DevSignInThrottlerGuard } from './dev-sign-in.throttler.guard';

/** Development sign-in exists outside production and only while development tokens are verified (no OIDC_ISSUER). */
export function devSignInEnabled(config: Pick<AppConfig, 'nodeEnv' | 'oidcIssuer'>): boolean {
  return config.nodeEnv !== 'production' && !config.oidcIssuer;
}

@Module({})
export class DevSignInModule {
  /** The module when development sign-in is enabled, else nothing (its routes are then 404). */
  static when(config: AppConfig): DynamicModule[] {
    if (!devSignInEnabled(config)) return [];
    return [
      {
        module: DevSignInModule,
        controllers: [DevSignInHttpController],
        providers: [
          DevSignInThrottlerGuard,
          {
            // The key the app's verifier checks development tokens with (JWT_DEV_SECRET or DATA_DIR/dev-jwt.key).
            provide: DEV_SIGNING_KEY,
            inject: [APP_CONFIG],
            useFactory: (c: AppConfig) =>
              loadDevJwtKey({
                env: { JWT_DEV_SECRET: c.jwtDevSecret },
                dataDir: c.dataDir,
                warn: (m) => new Logger('DevSignIn').warn(m),
              }),
          },
        ],
      },
    ];
  }
}
