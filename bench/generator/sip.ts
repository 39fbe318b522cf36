// SIP: requested, booked (now and then rebooked or cancelled) and held, with a follow-up SIP at times.
import type { Actor, Party, SipInitiatorRole } from '@app/case-domain';
import { CaseRun } from './case-run';
import { Rng } from './rng';
import { type TenantSim, Generator, sealed, consentEnded, nextWeekday } from './sim';

export function planSip(
  run: CaseRun,
  g: Generator,
  r: Rng,
  t: TenantSim,
  at: (day: number, fn: () => void) => void,
  requestDay: number,
  kind: 'FORSTA' | 'UPPFOLJNING',
  sipParties: Party[],
  closeDay: number,
): void {
  if (requestDay >= closeDay) return;
  const sipId = r.uuid();
  const party = r.pick(sipParties);
  const actor: Actor = r.chance(0.85) ? r.pick(t.caseworkers[party]) : r.pick(t.processledare);
  const role: SipInitiatorRole =
    actor.party === 'REGION'
      ? r.weighted([
          ['VARDEN', 80],
          ['ARBETSKONSULENT', 10],
          ['ANNAN', 10],
        ] as const)
      : actor.party === 'KOMMUN'
        ? r.weighted([
            ['SOCIALSEKRETERARE', 60],
            ['VUXENSTOD', 15],
            ['ARBETSKONSULENT', 15],
            ['ARBETSCOACH', 10],
          ] as const)
        : r.weighted([
            ['PROCESSLEDARE', 60],
            ['SOCIALSEKRETERARE', 40],
          ] as const);
  at(requestDay, () => {
    run.exec(
      (s) =>
        s.status === 'NONE' || (s.consent.validUntil && g.date(requestDay) > s.consent.validUntil)
          ? undefined
          : {
              type: 'RequestSip',
              sipId,
              initiatorRole: role,
              kind,
              formote: r.chance(0.35),
              requestedOn: g.date(requestDay),
            },
      requestDay,
      actor,
    );
  });
  let bookDay = nextWeekday(requestDay + r.int(1, 14));
  let sipDay = nextWeekday(bookDay + r.int(7, 35));
  const book = (day: number, date: number) =>
    at(day, () => {
      run.exec(
        (s) => {
          if (s.status === 'NONE' || !s.sips[sipId]) return undefined;
          // R8: the consent covers the booking and the SIP's own date.
          if (consentEnded(s, g.date(Math.max(day, date)))) return undefined;
          const invited = s.consent.scopeParties.filter(
            (p) => s.endedParties[p] === undefined && (p === party || r.chance(0.7)),
          );
          if (!invited.includes(party)) return undefined;
          return {
            type: 'BookSip',
            sipId,
            date: g.date(date),
            parties: invited,
            leader: party,
            documenter: r.pick(invited),
            ...(r.chance(0.3) ? { externalRef: `BOK-${r.int(100000, 999999)}` } : {}),
          };
        },
        day,
        actor,
      );
    });
  if (bookDay >= closeDay) return;
  book(bookDay, sipDay);
  if (r.chance(0.08)) {
    const cancelDay = nextWeekday(bookDay + r.int(1, Math.max(1, sipDay - bookDay)));
    if (cancelDay < closeDay) {
      at(cancelDay, () => {
        run.exec(
          (s) =>
            s.status !== 'NONE' && s.sips[sipId]?.status === 'BOOKED'
              ? { type: 'CancelSip', sipId, cancelledOn: g.date(cancelDay) }
              : undefined,
          cancelDay,
          actor,
        );
      });
    }
    return;
  }
  if (r.chance(0.1)) {
    bookDay = Math.max(bookDay + 1, sipDay - r.int(1, 5));
    sipDay = nextWeekday(sipDay + r.int(7, 21));
    if (bookDay >= closeDay) return;
    book(bookDay, sipDay);
  }
  if (sipDay >= closeDay) return;
  at(sipDay, () => {
    const held = run.exec(
      (s) => {
        if (s.status === 'NONE') return undefined;
        const sip = s.sips[sipId];
        if (!sip || sip.status !== 'BOOKED') return undefined;
        if (s.consent.validUntil && g.date(sipDay) > s.consent.validUntil) return undefined;
        const invited = sip.booking.parties.filter((p) => s.consent.scopeParties.includes(p));
        const attendees = invited.filter((p) => p === party || r.chance(0.85));
        const items = r.int(1, 3);
        return {
          type: 'RecordSipHeld',
          sipId,
          heldOn: g.date(sipDay),
          attendees,
          plan: Array.from({ length: items }, () => ({
            goal: sealed(s.person.personId),
            action: sealed(s.person.personId),
            responsibleParty: r.pick(attendees),
          })),
          ...(r.chance(0.07) ? { personAttended: false } : {}),
        };
      },
      sipDay,
      actor,
    );
    if (held && kind === 'FORSTA' && r.chance(0.35)) {
      planSip(run, g, r, t, at, nextWeekday(sipDay + r.int(60, 150)), 'UPPFOLJNING', sipParties, closeDay);
    }
  });
}
