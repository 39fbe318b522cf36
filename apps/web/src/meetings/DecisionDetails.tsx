import { Text } from '@mantine/core';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { type DecisionDetails as Details, useCatalogue, useDecisionDetails } from './meeting-data';
import { Loading } from '../common/states';

/** A recorded decision as the protocol has it: kind, date, ärendebärare, recommended insatser and jäv. */
export function DecisionDetails({
  caseId,
  meetingId,
  size = 'md',
  catalogueReadable,
}: {
  caseId: string;
  meetingId: string;
  size?: 'md' | 'xl';
  catalogueReadable: boolean;
}) {
  const details = useDecisionDetails(caseId, meetingId, true);
  const catalogue = useCatalogue(catalogueReadable);
  if (details.isPending) return <Loading />;
  if (details.isError || !details.data) return <Text size={size}>{sv.meetings.protocol.noDecision}</Text>;
  const names = new Map((catalogue.data?.items ?? []).map((i) => [i.code, i.name]));
  return <DecisionFacts details={details.data} size={size} insatsName={(c) => names.get(c) ?? c} />;
}

function DecisionFacts({
  details,
  size,
  insatsName,
}: {
  details: Details;
  size: 'md' | 'xl';
  insatsName: (code: string) => string;
}) {
  const t = sv.meetings.decision;
  const who = (p: { party: string; user?: string }) =>
    `${label(sv.codes.party, p.party)}${p.user ? ` (${p.user})` : ''}`;
  return (
    <dl className="meeting-facts">
      <dt>{t.kind}</dt>
      <dd>
        <Text size={size} fw={700} span>
          {label(sv.codes.decision, details.decision)}
        </Text>
      </dd>
      <dt>{sv.meetings.protocol.decidedOn}</dt>
      <dd>
        <Text size={size} span>
          {formatShortDate(details.decidedOn)}
        </Text>
      </dd>
      {details.owner && (
        <>
          <dt>{t.owner}</dt>
          <dd>
            <Text size={size} span>
              {who(details.owner)}
            </Text>
          </dd>
        </>
      )}
      {details.decision === 'FORDJUPAD_SAMORDNING' && (
        <>
          <dt>{t.recommendedInsatser}</dt>
          <dd>
            <Text size={size} span>
              {details.recommendedInsatser.length
                ? details.recommendedInsatser.map(insatsName).join(', ')
                : t.none}
            </Text>
          </dd>
        </>
      )}
      {details.recommendation && (
        <>
          <dt>{t.recommendation}</dt>
          <dd>
            <Text size={size} span style={{ whiteSpace: 'pre-wrap' }}>
              {details.recommendation}
            </Text>
          </dd>
        </>
      )}
      <dt>{t.notParticipating}</dt>
      <dd>
        <Text size={size} span>
          {details.notParticipating.length ? details.notParticipating.map(who).join(', ') : t.none}
        </Text>
      </dd>
    </dl>
  );
}
