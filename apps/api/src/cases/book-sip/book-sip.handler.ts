import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type CaseWriteRequest, type WriteResponse } from '@app/write';
import type { BookSipDto } from './book-sip.dto';

export class BookSipCommand extends CaseCommandRequest<BookSipDto> {
  constructor(
    req: CaseWriteRequest,
    body: BookSipDto,
    readonly sipId: string,
  ) {
    super(req, body);
  }
}

@CommandHandler(BookSipCommand)
export class BookSipHandler implements ICommandHandler<BookSipCommand> {
  constructor(private readonly cases: CaseService) {}

  async execute({ req, body, sipId }: BookSipCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, () => ({
      type: 'BookSip',
      sipId,
      date: body.date,
      parties: body.parties,
      leader: body.leader,
      documenter: body.documenter,
      externalRef: body.externalRef ?? undefined,
      bookedOn: body.bookedOn ?? undefined,
    }));
    return CaseService.response(req.caseId, result);
  }
}
