import './meetings.css';
import type { AreaRoute } from '../common/area-route';
import { MeetingMode } from './MeetingMode';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';
import { ProtocolPage } from './ProtocolPage';

export const meetingsRoutes: AreaRoute[] = [
  { path: '/moten', element: <MeetingsPage /> },
  { path: '/moten/:meetingId', element: <MeetingPage /> },
  { path: '/moten/:meetingId/motelage', element: <MeetingMode /> },
  { path: '/moten/:meetingId/protokoll', element: <ProtocolPage /> },
];
