export const ROLES = ['processledare', 'handlaggare', 'beredning', 'manager', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const PARTIES = ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'] as const;
export type Party = (typeof PARTIES)[number];

/** Roles that act on behalf of one party, so their tokens must name it. */
export const ROLES_REQUIRING_PARTY: readonly Role[] = ['handlaggare', 'beredning', 'system'];

/** The authenticated caller, from a verified token's claims. */
export interface Principal {
  sub: string;
  tenant: string;
  roles: Role[];
  party?: Party;
}

export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'unknown-key'
  | 'algorithm'
  | 'issuer'
  | 'audience'
  | 'invalid-claims'
  | 'keys-unavailable'
  | 'invalid';

/** The token is absent, unverifiable or carries unusable claims (401). Messages never quote the token. */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

// Tenants become part of keys, table rows and associated data: keep them plain.
const TENANT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_SUB_LENGTH = 255;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isParty(value: unknown): value is Party {
  return typeof value === 'string' && (PARTIES as readonly string[]).includes(value);
}

export type PrincipalValidation = { ok: true; principal: Principal } | { ok: false; problems: string[] };

/** Checks `sub`, `tenant`, `roles` and `party` as API.md defines them; problems name claims, never values. */
export function validatePrincipalClaims(claims: Record<string, unknown>): PrincipalValidation {
  const problems: string[] = [];
  const { sub, tenant, roles, party } = claims;

  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_LENGTH) {
    problems.push(`"sub" must be a non-empty string of at most ${MAX_SUB_LENGTH} characters`);
  }
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) {
    problems.push('"tenant" must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  let validRoles: Role[] = [];
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    problems.push(`"roles" must be a non-empty array of: ${ROLES.join(', ')}`);
  } else {
    validRoles = [...new Set(roles)];
  }
  if (party !== undefined && party !== null && !isParty(party)) {
    problems.push(`"party" must be one of: ${PARTIES.join(', ')}`);
  }
  const needsParty = validRoles.filter((r) => ROLES_REQUIRING_PARTY.includes(r));
  if (needsParty.length > 0 && (party === undefined || party === null)) {
    problems.push(`"party" is required for the role(s) ${needsParty.join(', ')}`);
  }

  if (problems.length > 0) return { ok: false, problems };
  const principal: Principal = { sub: sub as string, tenant: tenant as string, roles: validRoles };
  if (isParty(party)) principal.party = party;
  return { ok: true, principal };
}
