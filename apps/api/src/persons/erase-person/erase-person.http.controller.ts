import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/security';
import { Allow, Caller } from '../../auth/auth.guard';
import { requireUuidParam } from '../../common/write-request';
import { ErasePersonDto } from './erase-person.dto';
import { ErasePersonCommand, type ErasePersonResponse } from './erase-person.handler';
import { ApiAuthenticated, ApiProblems, ApiUuidParam } from '../../common/api-docs';
import { ErasePersonAnswer } from './erase-person.response';

@ApiTags('persons')
@ApiAuthenticated()
@Controller('api/v1/persons')
export class ErasePersonHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':personId/erasure')
  @HttpCode(200)
  @ApiUuidParam('personId', 'The case view’s person.personId')
  @ApiProblems(400, 404, 409, 413, 415)
  @ApiOkResponse({ type: ErasePersonAnswer, description: 'Erased; idempotent' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'erasePerson',
    summary: 'Erase a person’s personal data now (crypto-shredding)',
    description:
      'Destroys the person’s data key, so nothing recorded about them can be decrypted again, and records ' +
      'PersonalDataErased on each of their cases. The history keeps its non-identifying facts and the statistics are ' +
      'unchanged. Idempotent. The person is named by the case view’s `person.personId`.',
  })
  erase(
    @Caller() caller: Principal,
    @Param('personId') personId: string,
    @Body() body: ErasePersonDto,
    @Req() req: { id?: unknown },
  ): Promise<ErasePersonResponse> {
    return this.commands.execute(
      new ErasePersonCommand(
        caller,
        requireUuidParam(personId, 'person'),
        body.reason,
        req.id !== undefined ? String(req.id) : undefined,
      ),
    );
  }
}
