import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { CreateWrite, type CreateRequest } from '../../common/write-request';
import { RecordConsultationDto } from './record-consultation.dto';
import { RecordConsultationCommand } from './record-consultation.handler';
import { ApiAuthenticated, ApiCreateWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('volume')
@ApiAuthenticated()
@Controller('api/v1/consultations')
export class RecordConsultationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreateWrite()
  @ApiCreatedResponse({ type: WriteAnswer, description: 'Recorded: the consultation’s id and version' })
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    operationId: 'recordConsultation',
    summary: 'Record a volyminsats: a consultation about a case without registering the person',
    description: 'Counted as volume per insats and period (DOMAIN.md §9); no person, no case.',
  })
  record(@CreateWrite() req: CreateRequest, @Body() body: RecordConsultationDto): Promise<WriteResponse> {
    return this.commands.execute(new RecordConsultationCommand(req, body));
  }
}
