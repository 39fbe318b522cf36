import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { SURVEY_QUESTIONS, type SurveyAnswers, surveyDecider, surveyStream } from '@app/case-domain';
import { CaseService, type WriteResponse, CommandRunner, writeResponse } from '@app/write';
import type { CreateRequest } from '../../common/write-request';
import type { SubmitClosingSurveyDto } from './submit-closing-survey.dto';

export class SubmitClosingSurveyCommand extends Command<WriteResponse> {
  constructor(
    readonly req: CreateRequest,
    readonly body: SubmitClosingSurveyDto,
  ) {
    super();
  }
}

@CommandHandler(SubmitClosingSurveyCommand)
export class SubmitClosingSurveyHandler implements ICommandHandler<SubmitClosingSurveyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly cases: CaseService,
  ) {}

  async execute({ req, body }: SubmitClosingSurveyCommand): Promise<WriteResponse> {
    const surveyId = randomUUID();
    // A skipped question is left out; null counts as skipped.
    const answers: Record<string, string> = {};
    for (const q of SURVEY_QUESTIONS) {
      const answer = body.answers[q];
      if (answer !== undefined && answer !== null) answers[q] = answer;
    }
    const result = await this.runner.execute(
      surveyDecider,
      {
        type: 'SubmitClosingSurvey',
        surveyId,
        insatsCode: body.insatsCode,
        ...(body.answeredOn !== undefined ? { answeredOn: body.answeredOn } : {}),
        answers: answers as SurveyAnswers,
      },
      {
        streamId: surveyStream(surveyId),
        principal: req.caller,
        create: true,
        context: async (_state, _meta, reads) => ({
          catalogue: (await this.cases.tenantState(req.caller.tenant, reads)).catalogue,
        }),
        correlationId: req.requestId,
        causationId: req.idempotencyKey,
      },
    );
    return writeResponse(surveyId, result);
  }
}
