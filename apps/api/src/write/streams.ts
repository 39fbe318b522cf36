import {
  type CaseCommand,
  type CaseContext,
  type CaseEvent,
  type CaseState,
  type ConsultationCommand,
  type ConsultationContext,
  type ConsultationEvent,
  type ConsultationState,
  type MeetingCommand,
  type MeetingContext,
  type MeetingEvent,
  type MeetingState,
  type SurveyCommand,
  type SurveyContext,
  type SurveyEvent,
  type SurveyState,
  type TenantCommand,
  type TenantEvent,
  type TenantState,
  decideCase,
  decideConsultation,
  decideMeeting,
  decideSurvey,
  decideTenant,
  evolveCase,
  evolveConsultation,
  evolveMeeting,
  evolveSurvey,
  evolveTenant,
  initialCaseState,
  initialConsultationState,
  initialMeetingState,
  initialSurveyState,
  initialTenantState,
} from '@app/case-domain';
import type { Decider } from './command-runner';

// The streams of the service and their ids. A tenant's configuration is one stream per tenant;
// every case, meeting, consultation and closing survey is a stream of its own.
export const caseStream = (caseId: string) => `case-${caseId}`;
export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;
export const tenantStream = (tenant: string) => `tenant-${tenant}`;
export const consultationStream = (id: string) => `consultation-${id}`;
export const surveyStream = (id: string) => `survey-${id}`;

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent, CaseContext> = {
  streamType: 'case',
  initial: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};

export const meetingDecider: Decider<MeetingCommand, MeetingState, MeetingEvent, MeetingContext> = {
  streamType: 'meeting',
  initial: initialMeetingState,
  evolve: evolveMeeting,
  decide: decideMeeting,
};

export const tenantDecider: Decider<TenantCommand, TenantState, TenantEvent, void> = {
  streamType: 'tenant',
  initial: initialTenantState,
  evolve: evolveTenant,
  decide: (command, state, _ctx, meta) => decideTenant(command, state, meta),
};

export const consultationDecider: Decider<ConsultationCommand, ConsultationState, ConsultationEvent, ConsultationContext> = {
  streamType: 'consultation',
  initial: initialConsultationState,
  evolve: evolveConsultation,
  decide: decideConsultation,
};

export const surveyDecider: Decider<SurveyCommand, SurveyState, SurveyEvent, SurveyContext> = {
  streamType: 'survey',
  initial: initialSurveyState,
  evolve: evolveSurvey,
  decide: decideSurvey,
};
