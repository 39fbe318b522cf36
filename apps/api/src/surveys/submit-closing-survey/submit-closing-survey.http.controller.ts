import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { CreateWrite, type CreateRequest } from '../../common/write-request';
import { SubmitClosingSurveyDto } from './submit-closing-survey.dto';
import { SubmitClosingSurveyCommand } from './submit-closing-survey.handler';
import { ApiAuthenticated, ApiCreateWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('volume')
@ApiAuthenticated()
@Controller('api/v1/surveys/closing')
export class SubmitClosingSurveyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreateWrite()
  @ApiCreatedResponse({ type: WriteAnswer, description: 'Recorded: the survey’s id and version' })
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    operationId: 'submitClosingSurvey',
    summary: 'Submit an anonymous NNS avslutsenkät (DOMAIN.md §8)',
    description:
      'Kept apart from the case: no person and no case id, linked only to an insats and the date answered.',
  })
  submit(@CreateWrite() req: CreateRequest, @Body() body: SubmitClosingSurveyDto): Promise<WriteResponse> {
    return this.commands.execute(new SubmitClosingSurveyCommand(req, body));
  }
}
