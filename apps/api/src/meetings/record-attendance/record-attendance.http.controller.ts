import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { MeetingWrite, type MeetingWriteRequest } from '../../common/write-request';
import { RecordAttendanceDto } from './record-attendance.dto';
import { RecordAttendanceCommand } from './record-attendance.handler';
import { ApiAuthenticated, ApiMeetingIdParam, ApiStreamWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class RecordAttendanceHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/attendance')
  @HttpCode(200)
  @ApiMeetingIdParam()
  @ApiStreamWrite()
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the meeting’s new version (also the ETag)' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'recordAttendance',
    summary: 'Record who attended: members per party and adjungerade guests (replaces earlier attendance)',
  })
  record(
    @MeetingWrite() req: MeetingWriteRequest,
    @Body() body: RecordAttendanceDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new RecordAttendanceCommand(req, body));
  }
}
