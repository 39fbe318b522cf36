import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { CreateWrite, type CreateRequest } from '../../common/write-request';
import { RecordConsultationDto } from './record-consultation.dto';
import { RecordConsultationCommand } from './record-consultation.handler';

@ApiTags('volume')
@ApiBearerAuth()
@Controller('api/v1/consultations')
export class RecordConsultationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    summary: 'Record a volyminsats: a consultation about a case without registering the person',
    description: 'Counted as volume per insats and period (DOMAIN.md §9); no person, no case.',
  })
  @ApiCreatedResponse({ description: '{ id, version, position }' })
  record(@CreateWrite() req: CreateRequest, @Body() body: RecordConsultationDto): Promise<WriteResponse> {
    return this.commands.execute(new RecordConsultationCommand(req, body));
  }
}
