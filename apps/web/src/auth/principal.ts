/** Who is signed in, read from the token's claims (the API verifies them; the screen only adapts). */
export interface Principal {
  sub: string;
  tenant: string;
  roles: string[];
  party?: string;
}

export function principalFromToken(token: string): Principal | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.tenant !== 'string' || !Array.isArray(claims.roles))
      return undefined;
    return {
      sub: claims.sub,
      tenant: claims.tenant,
      roles: claims.roles.filter((r): r is string => typeof r === 'string'),
      party: typeof claims.party === 'string' ? claims.party : undefined,
    };
  } catch {
    return undefined;
  }
}

export function hasRole(principal: Principal | undefined, ...roles: string[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}
