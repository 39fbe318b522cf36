import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../common/http';
import {
  AuthenticationError,
  type Principal,
  type TokenVerifier,
  createTokenVerifier,
  tokenVerifierConfigFromEnv,
} from '@app/security';
import { type Role } from '@app/case-domain';
import type { Clock, AppConfig } from '@app/runtime';
import { unauthenticated, forbidden } from '@app/runtime';
import { IS_PUBLIC } from './public.decorator';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const ALLOWED_ROLES = 'allowedRoles';

/** The roles that may call a route (API.md's "who" column); any one of them suffices. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest extends HttpRequest {
  principal?: Principal;
}

/** The verified caller of the request. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw unauthenticated();
  return principal;
});

export function createVerifierFromConfig(config: AppConfig, clock: Clock): TokenVerifier {
  const logger = new Logger('Auth');
  return createTokenVerifier({
    ...tokenVerifierConfigFromEnv({
      env: {
        NODE_ENV: config.nodeEnv,
        OIDC_ISSUER: config.oidcIssuer,
        OIDC_AUDIENCE: config.oidcAudience,
        OIDC_JWKS_URI: config.oidcJwksUri,
        JWT_DEV_SECRET: config.jwtDevSecret,
      },
      dataDir: config.dataDir,
      warn: (m) => logger.warn(m),
    }),
    now: () => clock.now(),
  });
}

/** Every route needs a verified bearer token unless marked @Public; @Allow narrows the roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (!header || !/^Bearer\s+\S+$/i.test(header)) throw unauthenticated();
    try {
      req.principal = await this.verifier.verify(header.replace(/^Bearer\s+/i, ''));
    } catch (err) {
      if (err instanceof AuthenticationError) throw unauthenticated(err.message);
      throw err;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !req.principal.roles.some((r) => allowed.includes(r))) {
      throw forbidden(`this action needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}
