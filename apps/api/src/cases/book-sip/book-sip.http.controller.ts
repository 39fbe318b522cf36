import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { BookSipDto } from './book-sip.dto';
import { BookSipCommand } from './book-sip.handler';
import {
  ApiAuthenticated,
  ApiCaseIdParam,
  ApiStreamWrite,
  ApiUuidParam,
  WriteAnswer,
} from '../../common/api-docs';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('api/v1/cases')
export class BookSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/booking')
  @HttpCode(200)
  @ApiCaseIdParam()
  @ApiStreamWrite()
  @ApiUuidParam('sipId', 'The SIP id (the sipId its request answered)')
  @ApiOkResponse({ type: WriteAnswer, description: 'Written: the case’s new version (also the ETag)' })
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
    operationId: 'bookSip',
    summary:
      'Book or rebook a requested SIP (R8): date, invited parties, who leads and who documents, and when the booking was made (bookedOn)',
  })
  book(
    @CaseWrite() req: CaseWriteRequest,
    @Param('sipId') sipId: string,
    @Body() body: BookSipDto,
  ): Promise<WriteResponse> {
    return this.commands.execute(new BookSipCommand(req, body, requireUuidParam(sipId, 'sip')));
  }
}
