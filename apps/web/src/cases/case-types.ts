import type { ResponseOf } from '../api/client';

/** The case view as GET /api/v1/cases/{id} answers it. */
export type CaseView = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type SipView = CaseView['sips'][number];
export type InsatsView = CaseView['insatser'][number];
export type FollowUpView = CaseView['followUps'][number];
export type CaseEvent = ResponseOf<'/api/v1/cases/{id}/history', 'get'>['events'][number];
export type CaseListItem = ResponseOf<'/api/v1/cases', 'get'>['items'][number];
export type CatalogueInsats = ResponseOf<'/api/v1/admin/insatser', 'get'>['items'][number];

/** What every action form gets: the case as shown, and whether its dialog is open. */
export interface ActionProps {
  view: CaseView;
  opened: boolean;
  onClose: () => void;
}
