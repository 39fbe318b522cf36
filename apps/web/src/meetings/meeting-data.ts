import { PARTIES as SHARED_PARTIES } from '../common/codes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, api, idempotencyKey, ifMatch, unwrap, type ResponseOf } from '../api/client';
import { addDays } from './cadence';
import { todayIso } from '../i18n/format';

export type Meeting = ResponseOf<'/api/v1/meetings/{id}', 'get'>;
export type MeetingListItem = ResponseOf<'/api/v1/meetings', 'get'>['items'][number];
export type AgendaItem = Meeting['agenda'][number];
export type CaseView = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type Party = CaseView['initiatingParty'];
export type Decision = NonNullable<CaseView['decision']>['decision'];

// The generated schema's party codes are the shared list's: the type check fails if they part.
export const PARTIES: readonly Party[] = SHARED_PARTIES;
export const DECISIONS: Decision[] = [
  'FORDJUPAD_SAMORDNING',
  'EJ_FORDJUPAD_SAMORDNING',
  'BORDLAGD',
  'KOMPLETTERING',
];

// The global position of this tab's latest meeting write: list reads wait for it (?minPosition=).
let lastPosition: number | undefined;
/** `minPosition` for a read that must show this tab's writes (read-your-writes); undefined before any. */
export function readAfterOwnWrites(): number | undefined {
  return lastPosition;
}
function noteWrite(answer: unknown): void {
  const position = (answer as { position?: number } | undefined)?.position;
  if (typeof position === 'number') lastPosition = Math.max(lastPosition ?? 0, position);
}

export function useMeeting(meetingId: string) {
  return useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id: meetingId } } })),
  });
}

/** Meetings from today on, in date order. */
export function useUpcomingMeetings() {
  return useQuery({
    queryKey: ['meetings', 'upcoming'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings', {
          params: { query: { limit: 100, minPosition: lastPosition } },
        }),
      ),
  });
}

/** The last twelve months' meetings before today, the latest first. */
export function usePastMeetings() {
  return useQuery({
    queryKey: ['meetings', 'past'],
    queryFn: async () => {
      const today = todayIso();
      const answer = await unwrap(
        api.GET('/api/v1/meetings', {
          params: {
            query: {
              from: addDays(today, -365),
              to: addDays(today, -1),
              limit: 200,
              minPosition: lastPosition,
            },
          },
        }),
      );
      return { ...answer, items: [...answer.items].reverse() };
    },
  });
}

/** The case as the viewer may see it (the API decides what that is). */
export function useCaseView(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
  });
}

export interface DecisionDetails {
  decision: Decision;
  decidedOn: string;
  owner?: { party: Party; user?: string };
  recommendedInsatser: string[];
  recommendation?: string | null;
  notParticipating: { party: Party; user?: string }[];
}

/**
 * The decision recorded for the case at this meeting, as its DecisionRecorded event has it: the
 * meeting's protocol names only the kind and date, the event also the owner, insatser and jäv.
 */
export function useDecisionDetails(caseId: string, meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'history'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: caseId } } })),
    select: (history): DecisionDetails | undefined => {
      const recorded = history.events.filter(
        (e) => e.type === 'DecisionRecorded' && e.data.meetingId === meetingId,
      );
      const last = recorded[recorded.length - 1];
      if (!last) return undefined;
      const data = last.data as {
        decision: Decision;
        occurredOn: string;
        owner?: { party: Party; user?: string };
        recommendedInsatser?: string[];
        recommendation?: string | null;
        notParticipating?: { party: Party; user?: string }[];
      };
      return {
        decision: data.decision,
        decidedOn: data.occurredOn,
        owner: data.owner,
        recommendedInsatser: data.recommendedInsatser ?? [],
        recommendation: data.recommendation,
        notParticipating: data.notParticipating ?? [],
      };
    },
  });
}

/** The tenant's insats catalogue (processledare and handläggare may read it); names by code. */
export function useCatalogue(enabled: boolean) {
  return useQuery({
    queryKey: ['catalogue'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/admin/insatser', { params: { query: { limit: 500 } } })),
  });
}

/** The tenant's settings: the meeting cadence, when set. */
export function useTenantSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['tenant-settings'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/admin/settings')),
  });
}

export type WriteHeaders = { 'If-Match'?: string; 'Idempotency-Key': string };

/**
 * One form's write: If-Match with the version the screen shows, an Idempotency-Key that stays
 * the same while the body does (a retried click writes once), and the meetings, the case and the
 * queue read again after success.
 */
export function useMeetingWrite<V, R>(
  version: number | undefined,
  write: (vars: V, headers: WriteHeaders) => Promise<R>,
  caseIds: (vars: V) => string[] = () => [],
) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ body: string; key: string } | undefined>(undefined);
  return useMutation({
    mutationFn: (vars: V) => {
      const body = JSON.stringify(vars);
      if (attempt.current?.body !== body)
        attempt.current = { body, key: idempotencyKey()['Idempotency-Key'] };
      return write(vars, { ...ifMatch(version), 'Idempotency-Key': attempt.current.key });
    },
    onSuccess: async (answer, vars) => {
      attempt.current = undefined;
      noteWrite(answer);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['meeting'] }),
        queryClient.invalidateQueries({ queryKey: ['meetings'] }),
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
        ...caseIds(vars).map((id) => queryClient.invalidateQueries({ queryKey: ['case', id] })),
      ]);
    },
  });
}

/** Several meetings scheduled from one form: one key per date, kept for a retry of the same dates. */
export function useScheduleMeetings() {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (meetings: { date: string; time?: string; place?: string }[]) => {
      const done: string[] = [];
      for (const m of meetings) {
        const id = JSON.stringify(m);
        if (!keys.current.has(id)) keys.current.set(id, idempotencyKey()['Idempotency-Key']);
        const answer = await unwrap(
          api.POST('/api/v1/meetings', {
            body: m,
            params: { header: { 'Idempotency-Key': keys.current.get(id)! } },
          }),
        );
        noteWrite(answer);
        done.push(answer.id);
      }
      return done;
    },
    onSuccess: () => {
      keys.current.clear();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

/** The API refused because the meeting or case changed since the screen read it (a stale If-Match). */
export function isStaleConflict(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 412 || (error.status === 409 && (error.problem.type ?? '').endsWith('/concurrency')))
  );
}

/** The API's message for a field (`members`, `members[0].user`), if it named it. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find(
    (e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
  )?.message;
}
