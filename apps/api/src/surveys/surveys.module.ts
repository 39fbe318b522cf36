import { Module } from '@nestjs/common';
import { SubmitClosingSurveyHandler } from './submit-closing-survey/submit-closing-survey.handler';
import { SubmitClosingSurveyHttpController } from './submit-closing-survey/submit-closing-survey.http.controller';

/** The anonymous closing survey (avslutsenkät), recorded without a person. */
@Module({
  controllers: [SubmitClosingSurveyHttpController],
  providers: [SubmitClosingSurveyHandler],
})
export class SurveysModule {}
