import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SIP_INITIATOR_ROLES, SIP_KINDS } from '@app/case-domain';
import {
  DaysView,
  DerivedProperty,
  GenderSplitView,
  SHARE_DOC,
  StatisticsPeriodView,
} from '../statistics.response';

// The answer of GET /api/v1/statistics/sips (docs/statistics.md §7, §14).

export class SipKindsView {
  @ApiProperty({ type: () => GenderSplitView, description: 'First SIPs held' })
  FORSTA!: GenderSplitView;

  @ApiProperty({ type: () => GenderSplitView, description: 'Follow-up SIPs held' })
  UPPFOLJNING!: GenderSplitView;
}
// Keeps the document in step with the codes: a new kind must be declared above.
SIP_KINDS satisfies readonly (keyof SipKindsView)[];

/** One gender split per SIP initiating role. */
export class SipInitiatorRolesView {}
for (const role of SIP_INITIATOR_ROLES) {
  ApiProperty({ type: () => GenderSplitView, description: `SIPs held that ${role} initiated` })(
    SipInitiatorRolesView.prototype,
    role,
  );
}

export class SipsPeriodView extends StatisticsPeriodView {
  @ApiProperty({
    type: () => GenderSplitView,
    description: 'SIPs held in the period, by the gender of the person the case concerns (§7)',
  })
  held!: GenderSplitView;

  @ApiProperty({ type: () => SipKindsView, description: 'Held SIPs by kind; they add up to held' })
  byKind!: SipKindsView;

  @ApiProperty({
    type: () => SipInitiatorRolesView,
    description: 'Held SIPs by the role that initiated them; they add up to held',
  })
  byInitiatorRole!: Record<(typeof SIP_INITIATOR_ROLES)[number], GenderSplitView>;

  @ApiProperty({ type: () => GenderSplitView, description: 'Held SIPs with a förmöte' })
  withFormote!: GenderSplitView;

  @DerivedProperty(`withFormote.total / held.total. ${SHARE_DOC}`)
  formoteShare!: number | null;

  @ApiProperty({
    type: () => DaysView,
    description: 'Days from the request to the held SIP, over the SIPs held (§7, §8)',
  })
  daysRequestToHeld!: DaysView;
}

export class SipsStatistics extends SipsPeriodView {
  @ApiPropertyOptional({
    type: () => SipsPeriodView,
    description:
      'With compareFrom and compareTo: the same figures for that period, masked with the first as one report ' +
      '(docs/statistics.md §17)',
  })
  compare?: SipsPeriodView;
}
