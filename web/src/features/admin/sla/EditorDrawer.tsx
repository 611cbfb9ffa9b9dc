import { Drawer } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { t } from '../../../i18n/translate';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';

interface EditorDrawerProps<Edited extends { id: number; name: string }> {
  /** The record being edited, "new" for a new one, or null when closed. */
  editing: Edited | 'new' | null;
  onClose: () => void;
  newTitle: string;
  editTitle: (edited: Edited) => string;
  /** How wide on a wide screen; a phone gets all of it. */
  width: number;
  /** While the server is saving the drawer stays: no close button, Escape or click outside. */
  locked?: boolean;
  /** The form, given the record (null for a new one). */
  children: (edited: Edited | null) => ReactNode;
}

/** The side panel an SLA record is made or changed in. */
export function EditorDrawer<Edited extends { id: number; name: string }>({
  editing,
  onClose,
  newTitle,
  editTitle,
  width,
  locked = false,
  children,
}: EditorDrawerProps<Edited>) {
  const phone = useScreenAtMost('xs');
  return (
    <Drawer
      opened={editing !== null}
      onClose={onClose}
      position="right"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size={phone ? '100%' : width}
      closeOnEscape={!locked}
      closeOnClickOutside={!locked}
      withCloseButton={!locked}
      title={editing === 'new' ? newTitle : editing ? editTitle(editing) : ''}
    >
      {/* Keyed by what is edited, so every opening starts from that record's saved state. */}
      {editing !== null && (
        <Fragment key={editing === 'new' ? 'new' : editing.id}>{children(editing === 'new' ? null : editing)}</Fragment>
      )}
    </Drawer>
  );
}
