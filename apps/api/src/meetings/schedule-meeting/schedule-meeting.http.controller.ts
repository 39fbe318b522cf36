import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { ScheduleMeetingDto } from './schedule-meeting.dto';
import { ScheduleMeetingCommand } from './schedule-meeting.handler';
import { ApiAuthenticated, ApiCreateWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('meetings')
@ApiAuthenticated()
@Controller('api/v1/meetings')
export class ScheduleMeetingHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreateWrite()
  @ApiCreatedResponse({ type: WriteAnswer, description: 'The meeting is scheduled: its id and version' })
  @Allow('processledare')
  @ApiOperation({
    operationId: 'scheduleMeeting',
    summary: 'Schedule a beredningsgrupp meeting (DOMAIN.md §4)',
    description:
      'A date, an optional time and place or digital link, and optionally the members and adjungerade guests.',
  })
  schedule(
    @Caller() caller: Principal,
    @Body() body: ScheduleMeetingDto,
    @Req() req: { id?: string; headers: Record<string, string | string[] | undefined> },
  ): Promise<WriteResponse> {
    const key = req.headers['idempotency-key'];
    return this.commands.execute(
      new ScheduleMeetingCommand(
        caller,
        body,
        req.id ? String(req.id) : undefined,
        typeof key === 'string' ? key : undefined,
      ),
    );
  }
}
