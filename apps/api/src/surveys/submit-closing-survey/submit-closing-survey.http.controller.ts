import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { CreateWrite, type CreateRequest } from '../../common/write-request';
import { SubmitClosingSurveyDto } from './submit-closing-survey.dto';
import { SubmitClosingSurveyCommand } from './submit-closing-survey.handler';

@ApiTags('volume')
@ApiBearerAuth()
@Controller('api/v1/surveys/closing')
export class SubmitClosingSurveyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('handlaggare', 'processledare')
  @ApiOperation({
    summary: 'Submit an anonymous NNS avslutsenkät (DOMAIN.md §8)',
    description:
      'Kept apart from the case: no person and no case id, linked only to an insats and the date answered.',
  })
  @ApiCreatedResponse({ description: '{ id, version, position }' })
  submit(@CreateWrite() req: CreateRequest, @Body() body: SubmitClosingSurveyDto): Promise<WriteResponse> {
    return this.commands.execute(new SubmitClosingSurveyCommand(req, body));
  }
}
