import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { SipView } from './case-types';
import { Facts } from './Facts';

export type SipAction = 'bookSip' | 'sipHeld' | 'cancelSip';

const parties = (codes: readonly string[] | undefined) =>
  codes?.length ? codes.map((p) => label(sv.codes.party, p)).join(', ') : '–';

/** The case's SIPs with their booking and plan; actions on the open ones when the caller may act. */
export function SipList({
  sips,
  mayAct,
  onAction,
}: {
  sips: SipView[];
  mayAct: boolean;
  onAction: (action: SipAction, sip: SipView) => void;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-sips">
      <Title order={2} size="h3" id="case-sips">
        {sv.cases.sipsTitle}
      </Title>
      {sips.length === 0 && <Text>{sv.cases.noSips}</Text>}
      {sips.map((sip) => (
        <SipCard key={sip.sipId} sip={sip} mayAct={mayAct} onAction={onAction} />
      ))}
    </Stack>
  );
}

function SipCard({
  sip,
  mayAct,
  onAction,
}: {
  sip: SipView;
  mayAct: boolean;
  onAction: (action: SipAction, sip: SipView) => void;
}) {
  const open = sip.status === 'REQUESTED' || sip.status === 'BOOKED';
  const heading = sv.cases.sipHeading(label(sv.codes.sipKind, sip.kind), formatDate(sip.requestedOn));
  const headingId = `sip-${sip.sipId}`;
  const facts: [string, string][] = [
    [sv.cases.sipInitiatorRole, label(sv.codes.sipInitiatorRole, sip.initiatorRole)],
    [sv.cases.sipFormote, sip.formote ? sv.cases.yes : sv.cases.no],
  ];
  if (sip.booking)
    facts.push(
      [sv.cases.sipBooking, formatDate(sip.booking.date)],
      [sv.cases.sipInvited, parties(sip.booking.parties)],
      [sv.cases.sipLeader, label(sv.codes.party, sip.booking.leader)],
      [sv.cases.sipDocumenter, label(sv.codes.party, sip.booking.documenter)],
      [sv.cases.sipExternalRef, sip.booking.externalRef ?? '–'],
    );
  if (sip.status === 'HELD')
    facts.push(
      [sv.cases.sipHeldOn, formatDate(sip.heldOn)],
      [sv.cases.sipAttendees, parties(sip.attendees)],
      [sv.cases.sipPersonAttended, sip.personAttended === false ? sv.cases.no : sv.cases.yes],
    );
  if (sip.status === 'CANCELLED') facts.push([sv.cases.sipCancelledOn, formatDate(sip.cancelledOn)]);
  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            {heading}
          </Title>
          <Badge color={sip.status === 'CANCELLED' ? 'gray.8' : 'blue.9'} variant="filled">
            {label(sv.cases.sipStatus, sip.status)}
          </Badge>
        </Group>
        <Facts items={facts} />
        {sip.plan && sip.plan.length > 0 && (
          <Table verticalSpacing={4} fz="sm" captionSide="top">
            <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{sv.cases.sipPlan}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{sv.cases.planGoal}</Table.Th>
                <Table.Th scope="col">{sv.cases.planAction}</Table.Th>
                <Table.Th scope="col">{sv.cases.planResponsible}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sip.plan.map((row, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{row.goal ?? '–'}</Table.Td>
                  <Table.Td>{row.action ?? '–'}</Table.Td>
                  <Table.Td>{label(sv.codes.party, row.responsibleParty)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {mayAct && open && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => onAction('bookSip', sip)}
              aria-label={`${sv.cases.bookSip}: ${heading}`}
            >
              {sv.cases.bookSip}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => onAction('sipHeld', sip)}
              aria-label={`${sv.cases.recordSipHeld}: ${heading}`}
            >
              {sv.cases.recordSipHeld}
            </Button>
            <Button
              size="xs"
              variant="outline"
              color="red.9"
              onClick={() => onAction('cancelSip', sip)}
              aria-label={`${sv.cases.cancelSip}: ${heading}`}
            >
              {sv.cases.cancelSip}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
