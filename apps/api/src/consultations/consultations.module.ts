import { Module } from '@nestjs/common';
import { RecordConsultationHandler } from './record-consultation/record-consultation.handler';
import { RecordConsultationHttpController } from './record-consultation/record-consultation.http.controller';

/** Consultations (volyminsatser): recorded without a person, counted in the volume statistics. */
@Module({
  controllers: [RecordConsultationHttpController],
  providers: [RecordConsultationHandler],
})
export class ConsultationsModule {}
