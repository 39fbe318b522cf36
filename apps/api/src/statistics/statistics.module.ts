import { Module } from '@nestjs/common';
import { CaseOutcomesHttpController } from './case-outcomes/case-outcomes.http.controller';
import { CaseloadHttpController } from './caseload/caseload.http.controller';
import { ClosingSurveyHttpController } from './closing-survey/closing-survey.http.controller';
import { DecisionsHttpController } from './decisions/decisions.http.controller';
import { FollowUpsHttpController } from './follow-ups/follow-ups.http.controller';
import { InitiatingPartiesHttpController } from './initiating-parties/initiating-parties.http.controller';
import { LeadTimesHttpController } from './lead-times/lead-times.http.controller';
import { OutcomeDetailsHttpController } from './outcome-details/outcome-details.http.controller';
import { ParticipantsHttpController } from './participants/participants.http.controller';
import { ProgressionHttpController } from './progression/progression.http.controller';
import { SipsHttpController } from './sips/sips.http.controller';
import { SurveyOfferHttpController } from './survey-offer/survey-offer.http.controller';
import { StatisticsReader } from './statistics.reader';
import { ReportsHttpController } from './reports/reports.http.controller';

/** Aggregate statistics (DOMAIN.md §9, docs/statistics.md) from the statistics read models; JSON or CSV. */
@Module({
  controllers: [
    ParticipantsHttpController,
    CaseOutcomesHttpController,
    SipsHttpController,
    LeadTimesHttpController,
    FollowUpsHttpController,
    InitiatingPartiesHttpController,
    ProgressionHttpController,
    ClosingSurveyHttpController,
    DecisionsHttpController,
    OutcomeDetailsHttpController,
    SurveyOfferHttpController,
    CaseloadHttpController,
    ReportsHttpController,
  ],
  providers: [StatisticsReader],
})
export class StatisticsModule {}
