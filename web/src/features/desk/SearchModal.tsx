import { Group, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from '../../app/navigation';
import { ticketsApi } from '../../api/tickets';
import { t } from '../../i18n/translate';
import { ErrorState } from '../../ui/ErrorState';
import { HighlightedSnippet } from '../../ui/HighlightedSnippet';
import { StatusBadge } from '../tickets/StatusBadge';

export function SearchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const navigate = useNavigate();
  const results = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => ticketsApi.search(debounced, signal),
    enabled: opened && debounced.length >= 2,
  });
  const open = (id: number) => {
    onClose();
    setQ('');
    navigate(`/desk/tickets/${id}`);
  };
  const hits = results.data ?? [];
  return (
    <Modal opened={opened} onClose={onClose} title={t('desk.search')} size="lg" yOffset="8vh">
      <Stack gap="sm">
        <TextInput
          data-autofocus
          leftSection={<IconSearch size={16} />}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          placeholder={t('search.placeholder')}
          aria-label={t('desk.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = hits[0];
            if (e.key === 'Enter' && first) open(first.ticket.id);
          }}
        />
        {debounced.length < 2 && (
          <Text size="sm" c="dimmed">
            {t('search.hint')}
          </Text>
        )}
        {results.isError && <ErrorState error={results.error} />}
        {results.isSuccess && hits.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('search.empty', { q: debounced })}
          </Text>
        )}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {hits.map((hit) => (
            <li key={hit.ticket.id}>
              <UnstyledButton onClick={() => open(hit.ticket.id)} p="xs" w="100%" style={{ borderRadius: 'var(--mantine-radius-md)' }} className="search-hit">
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed" ff="monospace">
                    {hit.ticket.reference}
                  </Text>
                  <Text size="sm" fw={600} truncate style={{ flex: 1 }}>
                    {hit.ticket.subject}
                  </Text>
                  <StatusBadge status={hit.ticket.status} size="xs" />
                </Group>
                {(hit.snippet ?? hit.highlight) && (
                  <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
                    <HighlightedSnippet text={hit.snippet ?? hit.highlight ?? ''} />
                  </Text>
                )}
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      </Stack>
    </Modal>
  );
}
