import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../../i18n/translate';

interface RowActionsProps {
  /** The buttons' names for screen readers, with the record in them ("Edit Office hours"): a list has many Edits. */
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  /** A phone card's Edit is outlined, as its main button; a table row's stays quiet. */
  editVariant?: 'subtle' | 'default';
  /** Actions of the record's own kind, shown before Edit and Delete. */
  children?: ReactNode;
}

/** Edit and Delete for one record, in a table row or on a phone card. */
export function RowActions({
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
  editVariant = 'subtle',
  children,
}: RowActionsProps) {
  return (
    <Group gap={4} wrap="nowrap">
      {children}
      <Button size="xs" variant={editVariant} aria-label={editLabel} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button size="xs" variant="subtle" color="red" aria-label={deleteLabel} onClick={onDelete}>
        {t('common.delete')}
      </Button>
    </Group>
  );
}
