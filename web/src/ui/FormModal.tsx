import { Alert, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

export interface FormField {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'multiselect' | 'checkbox' | 'textarea';
  required?: boolean;
  description?: string;
  options?: { value: string; label: string }[];
  initial?: string | number | boolean | string[] | null;
}

export type FormValues = Record<string, string | number | boolean | string[] | null>;

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  fields: FormField[];
  submitLabel: string;
  cancelLabel: string;
  /** Throw to keep the dialog open; the returned message (from the thrown value) is shown inside it. */
  onSubmit: (values: FormValues) => Promise<void>;
  describeError: (error: unknown) => string;
}

const initialValues = (fields: FormField[]): FormValues =>
  Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'checkbox' ? false : f.kind === 'multiselect' ? [] : f.kind === 'number' ? 1 : '')]));

/** A small create/edit dialog described by its fields, for settings screens. */
export function FormModal({ opened, onClose, title, fields, submitLabel, cancelLabel, onSubmit, describeError }: FormModalProps) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (name: string, value: FormValues[string]) => setValues((v) => ({ ...v, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      setValues(initialValues(fields));
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          {fields.map((field, index) => {
            const common = { label: field.label, description: field.description, required: field.required, 'data-autofocus': index === 0 ? true : undefined };
            const value = values[field.name];
            switch (field.kind) {
              case 'number':
                return <NumberInput key={field.name} {...common} value={value as number} onChange={(v) => set(field.name, Number(v))} min={0} />;
              case 'select':
                return <Select key={field.name} {...common} data={field.options ?? []} value={(value as string) || null} onChange={(v) => set(field.name, v)} clearable={!field.required} />;
              case 'multiselect':
                return <MultiSelect key={field.name} {...common} data={field.options ?? []} value={value as string[]} onChange={(v) => set(field.name, v)} searchable />;
              case 'checkbox':
                return <Checkbox key={field.name} label={field.label} description={field.description} checked={Boolean(value)} onChange={(e) => set(field.name, e.currentTarget.checked)} />;
              case 'textarea':
                return <Textarea key={field.name} {...common} autosize minRows={2} value={value as string} onChange={(e) => set(field.name, e.currentTarget.value)} />;
              default:
                return <TextInput key={field.name} {...common} value={value as string} onChange={(e) => set(field.name, e.currentTarget.value)} />;
            }
          })}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {cancelLabel}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
