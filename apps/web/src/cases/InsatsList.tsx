import { Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { InsatsView } from './case-types';

/** The case's insatser, running and ended, with the end reason. */
export function InsatsList({
  insatser,
  nameOf,
  mayEnd,
  onEnd,
}: {
  insatser: InsatsView[];
  nameOf: (code: string) => string;
  mayEnd: boolean;
  onEnd: (insats: InsatsView) => void;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-insatser">
      <Title order={2} size="h3" id="case-insatser">
        {sv.cases.insatserTitle}
      </Title>
      {insatser.length === 0 ? (
        <Text>{sv.cases.noInsatser}</Text>
      ) : (
        <Table verticalSpacing="xs" fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{sv.cases.insatsName}</Table.Th>
              <Table.Th scope="col">{sv.cases.insatsParty}</Table.Th>
              <Table.Th scope="col">{sv.cases.startedOn}</Table.Th>
              <Table.Th scope="col">{sv.cases.endedOn}</Table.Th>
              <Table.Th scope="col">{sv.cases.endReason}</Table.Th>
              {mayEnd && (
                <Table.Th scope="col">
                  <VisuallyHidden>{sv.cases.actionsTitle}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {insatser.map((i) => (
              <Table.Tr key={i.insatsId}>
                <Table.Th scope="row" fw={400}>
                  {nameOf(i.insatsCode)}
                </Table.Th>
                <Table.Td>{label(sv.codes.party, i.party)}</Table.Td>
                <Table.Td>{formatShortDate(i.startedOn)}</Table.Td>
                <Table.Td>{i.ended ? formatShortDate(i.ended.endedOn) : sv.cases.ongoing}</Table.Td>
                <Table.Td>
                  {i.ended
                    ? [
                        label(sv.codes.outcome, i.ended.reason),
                        i.ended.subtype ? label(sv.codes.workSubtype, i.ended.subtype) : '',
                        i.ended.extentPercent ? `${i.ended.extentPercent} %` : '',
                        label(sv.cases.endedBy, i.ended.endedBy),
                      ]
                        .filter(Boolean)
                        .join(', ')
                    : '–'}
                </Table.Td>
                {mayEnd && (
                  <Table.Td>
                    {!i.ended && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onEnd(i)}
                        aria-label={`${sv.cases.endInsats}: ${nameOf(i.insatsCode)}`}
                      >
                        {sv.cases.endInsats}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
