import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { CaseView } from './case-types';
import { Facts } from './Facts';

const parties = (codes: readonly string[]) =>
  codes.length ? codes.map((p) => label(sv.codes.party, p)).join(', ') : '–';

/** YYYYMMDDNNNN as people write it: YYYYMMDD-NNNN. */
function formatPersonnummer(value: string | null): string {
  if (!value) return '–';
  return /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : value;
}

export function ownerText(owner: CaseView['owner']): string {
  if (!owner) return sv.cases.noOwner;
  return owner.user
    ? `${label(sv.codes.party, owner.party)} (${owner.user})`
    : label(sv.codes.party, owner.party);
}

export function StatusBadge({ status }: { status: string }) {
  const color = status === 'WITHDRAWN' ? 'red.9' : status === 'CLOSED' ? 'gray.8' : 'blue.9';
  return (
    <Badge color={color} variant="filled" size="lg">
      {label(sv.codes.status, status)}
    </Badge>
  );
}

/** Who the case is about; protected identity and erasure said in words, not only colour. */
export function PersonCard({ view }: { view: CaseView }) {
  const { person } = view;
  return (
    <Card withBorder component="section" aria-labelledby="case-person">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="case-person">
            {sv.cases.personTitle}
          </Title>
          {person.protectedIdentity && (
            <Badge color="red.9" variant="filled">
              {sv.cases.protected}
            </Badge>
          )}
        </Group>
        {person.erased && (
          <Alert color="gray" role="note">
            <Text size="sm">{sv.cases.erasedNotice}</Text>
          </Alert>
        )}
        {person.protectedIdentity && !person.erased && (
          <Alert color="red" role="note">
            <Text size="sm">{sv.cases.protectedNotice}</Text>
          </Alert>
        )}
        <Facts
          items={[
            [sv.cases.name, person.erased ? sv.cases.erased : (person.name ?? sv.cases.unknownName)],
            [sv.cases.personnummer, person.erased ? '–' : formatPersonnummer(person.personnummer)],
            [sv.cases.gender, label(sv.codes.gender, person.gender)],
            [sv.cases.birthDate, formatDate(person.birthDate)],
            [sv.cases.ageAtInitiation, sv.cases.years(person.ageAtInitiation)],
          ]}
        />
        {view.flags.ageLimits.length > 0 && (
          <Group gap="xs">
            {view.flags.ageLimits.map((f) => (
              <Badge key={f} color="red.9" variant="filled">
                {label(sv.cases.ageFlag, f)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function CaseSummary({ view }: { view: CaseView }) {
  const ended = Object.entries(view.endedParties);
  return (
    <Card withBorder component="section" aria-labelledby="case-summary">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-summary">
          {sv.cases.caseTitleSection}
        </Title>
        <Facts
          items={[
            [sv.cases.status, label(sv.codes.status, view.status)],
            [sv.cases.initiatingParty, label(sv.codes.party, view.initiatingParty)],
            [sv.cases.initiatingUnit, view.initiatingUnit ?? '–'],
            [sv.cases.otherParties, parties(view.otherParties)],
            ...(ended.length
              ? ([
                  [
                    sv.cases.endedParties,
                    ended
                      .map(([p, d]) => sv.cases.endedPartyOn(label(sv.codes.party, p), formatShortDate(d)))
                      .join(', '),
                  ],
                ] as [string, string][])
              : []),
            [sv.cases.owner, ownerText(view.owner)],
            [sv.cases.initiatedOn, formatDate(view.initiatedOn)],
            [sv.cases.acceptedOn, formatDate(view.acceptedOn)],
            [
              sv.cases.decision,
              view.decision
                ? `${label(sv.codes.decision, view.decision.decision)}, ${formatDate(view.decision.decidedOn)}`
                : '–',
            ],
            ...(view.closure
              ? ([
                  [
                    sv.cases.closure,
                    sv.cases.closureText(
                      label(sv.codes.outcome, view.closure.outcome),
                      formatDate(view.closure.closedOn),
                    ),
                  ],
                ] as [string, string][])
              : []),
            [sv.cases.incomeSourceAtEntry, label(sv.codes.incomeSource, view.incomeSourceAtEntry)],
            [sv.cases.currentIncomeSource, label(sv.codes.incomeSource, view.currentIncomeSource)],
            [
              sv.cases.targetGroups,
              view.targetGroups.length
                ? view.targetGroups.map((t) => label(sv.codes.targetGroup, t)).join(', ')
                : '–',
            ],
            [sv.cases.question, view.question ?? '–'],
            [sv.cases.needs, view.needs ?? '–'],
          ]}
        />
      </Stack>
    </Card>
  );
}

export function ConsentCard({ view }: { view: CaseView }) {
  const { consent } = view;
  return (
    <Card withBorder component="section" aria-labelledby="case-consent">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-consent">
          {sv.cases.consentTitle}
        </Title>
        <Facts
          items={[
            [sv.cases.consentGivenBy, label(sv.codes.consentGiver, consent.givenBy)],
            [sv.cases.consentGivenOn, formatDate(consent.givenOn)],
            [sv.cases.consentForm, label(sv.codes.consentForm, consent.form)],
            [sv.cases.consentDocumentRef, consent.documentRef ?? '–'],
            [sv.cases.consentScope, parties(consent.scopeParties)],
            [
              sv.cases.consentValidUntil,
              consent.validUntil ? formatDate(consent.validUntil) : sv.cases.consentNoEnd,
            ],
          ]}
        />
      </Stack>
    </Card>
  );
}

export function DaysLeftText({ days }: { days: number }) {
  return days < 0 ? (
    <Text span size="sm" c="red.9" fw={700}>
      {sv.cases.daysLeftText(days)}
    </Text>
  ) : (
    <Text span size="sm">
      {sv.cases.daysLeftText(days)}
    </Text>
  );
}

/** The 90-day rule (R7), the follow-ups due and other dates that matter, with the days left. */
export function DeadlinesCard({ view }: { view: CaseView }) {
  const { deadlines } = view;
  return (
    <Card withBorder component="section" aria-labelledby="case-deadlines">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-deadlines">
          {sv.cases.deadlinesTitle}
        </Title>
        <Text size="sm">
          {sv.cases.insatsDeadline}: {formatDate(deadlines.insatsDeadline)} ·{' '}
          {deadlines.insatsDaysLeft !== null ? (
            <DaysLeftText days={deadlines.insatsDaysLeft} />
          ) : (
            `(${sv.cases.insatsStarted})`
          )}
        </Text>
        {deadlines.insatsDeadlineMissed && (
          <Badge color="red.9" variant="filled">
            {sv.cases.insatsDeadlineMissed}
          </Badge>
        )}
        {view.flags.stagnant && (
          <Badge color="red.9" variant="filled">
            {sv.cases.stagnant}
          </Badge>
        )}
        {deadlines.upcoming.length === 0 ? (
          <Text size="sm">{sv.cases.noDeadlines}</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{sv.cases.deadline}</Table.Th>
                <Table.Th scope="col">{sv.cases.dueOn}</Table.Th>
                <Table.Th scope="col">{sv.cases.daysLeft}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deadlines.upcoming.map((d) => (
                <Table.Tr key={`${d.kind}-${d.dueOn}`}>
                  <Table.Td>{label(sv.cases.deadlineKind, d.kind)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDate(d.dueOn)}</Table.Td>
                  <Table.Td>
                    <DaysLeftText days={d.daysLeft} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
