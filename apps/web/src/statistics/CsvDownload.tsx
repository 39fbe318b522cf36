import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { sv } from '../i18n/sv';
import type { PeriodQuery } from './period';
import { saveFile } from './save-file';

/**
 * "Ladda ner CSV": the route asked for with `Accept: text/csv` through the client (the token stays in
 * memory, never in a URL), handed to the browser as a Blob.
 */
export function CsvDownload({ query, fileName }: { query: PeriodQuery; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const text = await unwrap(
        api.GET('/api/v1/statistics/participants', {
          params: { query },
          headers: { Accept: 'text/csv' },
          parseAs: 'text',
        }),
      );
      saveFile(new Blob([String(text)], { type: 'text/csv;charset=utf-8' }), fileName);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button variant="outline" onClick={() => void download()} loading={busy}>
        {sv.statistics.csv}
      </Button>
      {failed && (
        <Text c="red.9" size="sm" role="alert">
          {sv.statistics.csvFailed}
        </Text>
      )}
    </>
  );
}
