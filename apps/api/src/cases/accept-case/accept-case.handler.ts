import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRequest } from '../../common/write-request';
import { CaseService, type WriteResponse } from '@app/write';
import type { AcceptCaseDto } from './accept-case.dto';

export class AcceptCaseCommand extends CaseCommandRequest<AcceptCaseDto> {}

@CommandHandler(AcceptCaseCommand)
export class AcceptCaseHandler implements ICommandHandler<AcceptCaseCommand> {
  constructor(private readonly cases: CaseService) {}

  async execute({ req, body }: AcceptCaseCommand): Promise<WriteResponse> {
    const result = await this.cases.write(req, () => ({ type: 'AcceptCase', acceptedOn: body.acceptedOn }));
    return CaseService.response(req.caseId, result);
  }
}
