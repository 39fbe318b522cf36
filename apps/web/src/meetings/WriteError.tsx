import { Alert, Button, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../common/states';
import { sv } from '../i18n/sv';
import { isStaleConflict } from './meeting-data';

/** A refused write: a stale version offers to read the meeting and its cases again; anything else says what happened. */
export function WriteError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const queryClient = useQueryClient();
  if (!error) return null;
  if (isStaleConflict(error))
    return (
      <Alert color="red.9" role="alert" title={sv.state.error}>
        <Text>{sv.state.conflict}</Text>
        <Button
          mt="sm"
          variant="outline"
          color="red.9"
          onClick={() => {
            onReload();
            void queryClient.invalidateQueries({ queryKey: ['meeting'] });
            void queryClient.invalidateQueries({ queryKey: ['case'] });
          }}
        >
          {sv.state.reload}
        </Button>
      </Alert>
    );
  return (
    <Alert color="red.9" role="alert" title={sv.state.error}>
      <Text>{errorText(error)}</Text>
    </Alert>
  );
}
