import { Module } from '@nestjs/common';
import { AddCaseToAgendaHandler } from './add-case-to-agenda/add-case-to-agenda.handler';
import { AddCaseToAgendaHttpController } from './add-case-to-agenda/add-case-to-agenda.http.controller';
import { GetMeetingHttpController } from './get-meeting/get-meeting.http.controller';
import { ListMeetingsHttpController } from './list-meetings/list-meetings.http.controller';
import { MoveAgendaItemHandler } from './move-agenda-item/move-agenda-item.handler';
import { MoveAgendaItemHttpController } from './move-agenda-item/move-agenda-item.http.controller';
import { RecordAttendanceHandler } from './record-attendance/record-attendance.handler';
import { RecordAttendanceHttpController } from './record-attendance/record-attendance.http.controller';
import { RecordDecisionHandler } from './record-decision/record-decision.handler';
import { RecordDecisionHttpController } from './record-decision/record-decision.http.controller';
import { RemoveCaseFromAgendaHandler } from './remove-case-from-agenda/remove-case-from-agenda.handler';
import { RemoveCaseFromAgendaHttpController } from './remove-case-from-agenda/remove-case-from-agenda.http.controller';
import { ReorderAgendaHandler } from './reorder-agenda/reorder-agenda.handler';
import { ReorderAgendaHttpController } from './reorder-agenda/reorder-agenda.http.controller';
import { ScheduleMeetingHandler } from './schedule-meeting/schedule-meeting.handler';
import { ScheduleMeetingHttpController } from './schedule-meeting/schedule-meeting.http.controller';

/** Beredningsgrupp meetings: schedule, list, agenda (and its order), attendance, decisions and the protocol. */
@Module({
  controllers: [
    ScheduleMeetingHttpController,
    ListMeetingsHttpController,
    GetMeetingHttpController,
    AddCaseToAgendaHttpController,
    MoveAgendaItemHttpController,
    RemoveCaseFromAgendaHttpController,
    ReorderAgendaHttpController,
    RecordAttendanceHttpController,
    RecordDecisionHttpController,
  ],
  providers: [
    ScheduleMeetingHandler,
    AddCaseToAgendaHandler,
    MoveAgendaItemHandler,
    RemoveCaseFromAgendaHandler,
    ReorderAgendaHandler,
    RecordAttendanceHandler,
    RecordDecisionHandler,
  ],
})
export class MeetingsModule {}
