import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import type { WriteResponse } from '@app/write';
import { InitiateCaseDto } from './initiate-case.dto';
import { InitiateCaseCommand } from './initiate-case.handler';
import { ApiAuthenticated, ApiCreateWrite, WriteAnswer } from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class InitiateCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreateWrite()
  @ApiCreatedResponse({
    type: WriteAnswer,
    description: 'The case is initiated (SUBMITTED): its id and version 1',
  })
  @Allow('handlaggare', 'system')
  @ApiOperation({
    operationId: 'initiateCase',
    summary: 'Initiate a case (R1–R4, R7, R17)',
    description:
      'A cooperating party raises a case for a person it is in contact with, with the person’s consent. ' +
      'Personal data is encrypted with a key of the person’s own before it is stored.',
  })
  initiate(
    @Caller() caller: Principal,
    @Body() body: InitiateCaseDto,
    @Req() req: { id?: string },
  ): Promise<WriteResponse> {
    return this.commands.execute(new InitiateCaseCommand(caller, body, req.id ? String(req.id) : undefined));
  }
}
