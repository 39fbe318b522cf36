import type { Party, Role } from './codes';

export interface Actor {
  sub: string;
  roles: Role[];
  party?: Party;
}

export interface CommandMeta {
  tenant: string;
  actor: Actor;
  /** ISO instant of the request. */
  now: string;
  /** YYYY-MM-DD, the tenant's local date: the upper bound of every business date (R9b). */
  today: string;
}

/** A personal-data value encrypted by the caller before it reaches the decider. The decider never reads inside it. */
export type Sealed = string;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

/** A caseworker or partner system acting for one party. */
export function isPartyActor(actor: Actor): actor is Actor & { party: Party } {
  return actor.party !== undefined && hasRole(actor, 'handlaggare', 'system');
}
