import { Group, Text } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import type { Presence } from '../../../../../shared/schemas/ticket-extras';
import { t } from '../../../i18n/translate';

/** "Dana is replying": said in words (and politely announced to screen readers), with an icon beside. */
export function PresenceBar({ others }: { others: Presence[] }) {
  return (
    <div role="status" aria-live="polite" aria-label={t('presence.label')}>
      {others.length > 0 && (
        <Group gap="md" mt={6}>
          {others.map((person) => {
            const replying = person.state === 'replying';
            const Icon = replying ? IconPencil : IconEye;
            return (
              <Group key={person.userId} gap={4} wrap="nowrap" data-presence={person.state}>
                <Icon size={14} stroke={1.8} aria-hidden color={replying ? 'var(--mantine-color-orange-filled)' : undefined} />
                <Text size="sm" fw={replying ? 600 : 400}>
                  {t(replying ? 'presence.replying' : 'presence.viewing', { name: person.name })}
                </Text>
              </Group>
            );
          })}
        </Group>
      )}
    </div>
  );
}
