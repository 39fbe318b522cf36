import { Module } from '@nestjs/common';
import { RecordConsultationHandler } from './record-consultation/record-consultation.handler';
import { RecordConsultationHttpController } from './record-consultation/record-consultation.http.controller';
import { SubmitClosingSurveyHandler } from './submit-closing-survey/submit-closing-survey.handler';
import { SubmitClosingSurveyHttpController } from './submit-closing-survey/submit-closing-survey.http.controller';

/** What is recorded without a person: consultations (volyminsatser) and anonymous closing surveys. */
@Module({
  controllers: [RecordConsultationHttpController, SubmitClosingSurveyHttpController],
  providers: [RecordConsultationHandler, SubmitClosingSurveyHandler],
})
export class VolumeModule {}
