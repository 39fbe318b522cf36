import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { ScheduleMeetingDto } from './schedule-meeting.dto';
import { ScheduleMeetingCommand } from './schedule-meeting.handler';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class ScheduleMeetingHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('processledare')
  @ApiOperation({
    summary: 'Schedule a beredningsgrupp meeting (DOMAIN.md §4)',
    description:
      'A date, an optional time and place or digital link, and optionally the members and adjungerade guests.',
  })
  @ApiCreatedResponse({ description: '{ id, version, position }' })
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
