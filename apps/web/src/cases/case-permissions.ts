import { hasRole, type Principal } from '../auth/principal';
import type { CaseView } from './case-types';
import type { Party } from './form-checks';

// Which actions the screen offers: the API's rules (role, party, the case's state) mirrored for
// convenience. The API stays the judge; an action not offered here would be refused there too.

export type CaseAction =
  | 'accept'
  | 'return'
  | 'resubmit'
  | 'requestSip'
  | 'startInsats'
  | 'followUp'
  | 'handOver'
  | 'endParty'
  | 'close'
  | 'reopen'
  | 'withdrawConsent';

const OPEN_ACCEPTED = ['ACCEPTED', 'DECIDED', 'IN_COORDINATION'];

function isPl(p: Principal): boolean {
  return hasRole(p, 'processledare');
}

/** A caseworker of a party within the consent's scope, or a processledare. */
function caseWorker(view: CaseView, p: Principal): boolean {
  return (
    isPl(p) ||
    (hasRole(p, 'handlaggare') && !!p.party && view.consent.scopeParties.includes(p.party as Party))
  );
}

/** R8: SIPs are for the processledare and the kommun's or region's caseworkers. */
export function mayActOnSip(view: CaseView, p: Principal): boolean {
  if (view.person.erased || !OPEN_ACCEPTED.includes(view.status)) return false;
  return isPl(p) || (hasRole(p, 'handlaggare') && (p.party === 'KOMMUN' || p.party === 'REGION'));
}

export function mayEndInsats(view: CaseView, p: Principal): boolean {
  return (
    !view.person.erased && view.status !== 'CLOSED' && view.status !== 'WITHDRAWN' && caseWorker(view, p)
  );
}

/** The parties this caller may end the involvement of (R12): a processledare any, others their own. */
export function partiesToEnd(view: CaseView, p: Principal): Party[] {
  if (view.person.erased || view.status === 'CLOSED' || view.status === 'WITHDRAWN') return [];
  const involved = [...new Set([...view.parties, ...view.insatser.map((i) => i.party)])] as Party[];
  const open = involved.filter(
    (party) =>
      view.endedParties[party] === undefined &&
      view.owner?.party !== party &&
      !view.insatser.some((i) => i.party === party && !i.ended),
  );
  if (isPl(p)) return open;
  if (hasRole(p, 'handlaggare') && p.party) return open.filter((party) => party === p.party);
  return [];
}

export function allowedActions(view: CaseView, p: Principal): Set<CaseAction> {
  const out = new Set<CaseAction>();
  if (view.person.erased || view.status === 'WITHDRAWN') return out;
  const pl = isPl(p);
  const worker = caseWorker(view, p);
  if (view.status === 'SUBMITTED' && pl) out.add('accept').add('return');
  if (view.status === 'RETURNED' && (pl || (hasRole(p, 'handlaggare') && p.party === view.initiatingParty)))
    out.add('resubmit');
  if (mayActOnSip(view, p)) out.add('requestSip');
  if (OPEN_ACCEPTED.includes(view.status) && worker) out.add('startInsats');
  const followUpsLeft =
    view.status === 'CLOSED'
      ? !view.followUps.some((f) => f.month === 'POST_CLOSURE')
      : view.followUpSchedule !== null && view.followUps.filter((f) => f.month !== 'POST_CLOSURE').length < 4;
  if (worker && followUpsLeft && view.insatser.length > 0) out.add('followUp');
  if (pl && view.owner && view.status !== 'CLOSED') out.add('handOver');
  if (partiesToEnd(view, p).length > 0) out.add('endParty');
  if (view.status !== 'CLOSED') {
    const ownerParty = view.owner?.party ?? view.initiatingParty;
    const mayClose =
      pl ||
      (hasRole(p, 'handlaggare') &&
        p.party === ownerParty &&
        (view.owner?.user === undefined || view.owner.user === p.sub));
    if (mayClose) out.add('close');
  }
  if (view.status === 'CLOSED' && pl) out.add('reopen');
  if (pl || (hasRole(p, 'handlaggare') && worker)) out.add('withdrawConsent');
  return out;
}
