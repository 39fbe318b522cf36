import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { CaseWrite, requireUuidParam } from '../../common/write-request';
import type { CaseWriteRequest, WriteResponse } from '@app/write';
import { BookSipDto } from './book-sip.dto';
import { BookSipCommand } from './book-sip.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class BookSipHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/sips/:sipId/booking')
  @HttpCode(200)
  @Allow('handlaggare', 'processledare', 'system')
  @ApiOperation({
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
