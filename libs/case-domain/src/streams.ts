import { type CaseCommand, decideCase } from './case/decide';
import { type CaseContext } from './case/context';
import { type CaseEvent } from './case/events';
import { evolveCase } from './case/evolve';
import { type CaseState, initialCaseState } from './case/state';
import { type ConsultationCommand, type ConsultationContext, decideConsultation } from './consultation/decide';
import { type ConsultationEvent } from './consultation/events';
import { evolveConsultation } from './consultation/evolve';
import { type ConsultationState, initialConsultationState } from './consultation/state';
import { type MeetingCommand, type MeetingContext, decideMeeting } from './meeting/decide';
import { type MeetingEvent } from './meeting/events';
import { type MeetingState, initialMeetingState } from './meeting/state';
import { type SurveyCommand, type SurveyContext, decideSurvey } from './survey/decide';
import { type SurveyEvent } from './survey/events';
import { evolveSurvey } from './survey/evolve';
import { type SurveyState, initialSurveyState } from './survey/state';
import { type TenantCommand, decideTenant } from './tenant/decide';
import { type TenantEvent } from './tenant/events';
import { type TenantState, initialTenantState } from './tenant/state';
import { evolveMeeting } from './meeting/evolve';
import { evolveTenant } from './tenant/evolve';
import type { Decider } from './decider';

// The streams of the service and their ids. A tenant's configuration is one stream per tenant;
// every case, meeting, consultation and closing survey is a stream of its own.
export const caseStream = (caseId: string) => `case-${caseId}`;
export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;
export const tenantStream = (tenant: string) => `tenant-${tenant}`;
export const consultationStream = (id: string) => `consultation-${id}`;
export const surveyStream = (id: string) => `survey-${id}`;

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent, CaseContext> = {
  streamType: 'case',
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};

export const meetingDecider: Decider<MeetingCommand, MeetingState, MeetingEvent, MeetingContext> = {
  streamType: 'meeting',
  initialState: initialMeetingState,
  evolve: evolveMeeting,
  decide: decideMeeting,
};

export const tenantDecider: Decider<TenantCommand, TenantState, TenantEvent, void> = {
  streamType: 'tenant',
  initialState: initialTenantState,
  evolve: evolveTenant,
  decide: (command, state, _ctx, meta) => decideTenant(command, state, meta),
};

export const consultationDecider: Decider<
  ConsultationCommand,
  ConsultationState,
  ConsultationEvent,
  ConsultationContext
> = {
  streamType: 'consultation',
  initialState: initialConsultationState,
  evolve: evolveConsultation,
  decide: decideConsultation,
};

export const surveyDecider: Decider<SurveyCommand, SurveyState, SurveyEvent, SurveyContext> = {
  streamType: 'survey',
  initialState: initialSurveyState,
  evolve: evolveSurvey,
  decide: decideSurvey,
};
