import { Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { placeholderProblems } from '../../../../../shared/mail-template-text';
import { t } from '../../../i18n/translate';
import {
  placeholderFor,
  templateFieldMaxLength,
  type TemplateDraft,
  type TemplateField,
} from './mail-template-rendering';
import { MailTemplateVariableChips } from './MailTemplateVariableChips';

interface MailTemplateFieldsProps {
  draft: TemplateDraft;
  variables: readonly string[];
  errors: Partial<Record<TemplateField, string>>;
  onChange: (field: TemplateField, value: string) => void;
}

const monospace = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' },
};

/** Placeholders in one field that the server would not fill as meant, said in words under the field. */
function PlaceholderWarnings({ text, variables }: { text: string; variables: readonly string[] }) {
  const { unknown, malformed } = placeholderProblems(text, variables);
  const lines = [
    ...(unknown.length > 0 ? [t('admin.mailTemplates.unknownVariables', { names: unknown.join(', ') })] : []),
    ...(malformed.length > 0 ? [t('admin.mailTemplates.malformedVariables', { names: malformed.join(', ') })] : []),
  ];
  if (lines.length === 0) return null;
  return (
    <Stack gap={2} mt={-8}>
      {lines.map((line) => (
        <Group key={line} gap={6} wrap="nowrap" align="flex-start">
          <IconAlertTriangle
            size={16}
            color="var(--mantine-color-yellow-7)"
            style={{ flexShrink: 0, marginTop: 2 }}
            aria-hidden
          />
          <Text size="sm">{line}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Subject, text body and HTML body, with the variable chips that insert into whichever was used last. */
export function MailTemplateFields({ draft, variables, errors, onChange }: MailTemplateFieldsProps) {
  const subject = useRef<HTMLInputElement>(null);
  const bodyText = useRef<HTMLTextAreaElement>(null);
  const bodyHtml = useRef<HTMLTextAreaElement>(null);
  const elements = { subject, bodyText, bodyHtml };
  const [lastField, setLastField] = useState<TemplateField>('bodyText');
  // Fields the admin has been in: in one never touched, a variable goes at the end rather than before everything.
  const visited = useRef(new Set<TemplateField>());
  const caret = useRef<{ field: TemplateField; at: number } | null>(null);

  // After an insertion renders, the caret goes back into the field, just after what was inserted.
  useLayoutEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = null;
    const element = elements[pending.field].current;
    element?.focus();
    element?.setSelectionRange(pending.at, pending.at);
  });

  const insert = (name: string) => {
    const field = lastField;
    const value = draft[field];
    const element = elements[field].current;
    const touched = visited.current.has(field) && element !== null;
    const start = touched ? (element.selectionStart ?? value.length) : value.length;
    const end = touched ? (element.selectionEnd ?? start) : start;
    const token = placeholderFor(name, field);
    caret.current = { field, at: start + token.length };
    onChange(field, value.slice(0, start) + token + value.slice(end));
  };

  const track = (field: TemplateField) => () => {
    visited.current.add(field);
    setLastField(field);
  };

  return (
    <Stack gap="md">
      <MailTemplateVariableChips variables={variables} target={lastField} onInsert={insert} />
      <TextInput
        ref={subject}
        label={t('admin.mailTemplates.subject')}
        withAsterisk
        value={draft.subject}
        maxLength={templateFieldMaxLength.subject}
        onFocus={track('subject')}
        onChange={(event) => onChange('subject', event.currentTarget.value)}
        error={errors.subject}
      />
      <PlaceholderWarnings text={draft.subject} variables={variables} />
      <Textarea
        ref={bodyText}
        label={t('admin.mailTemplates.bodyText')}
        description={t('admin.mailTemplates.bodyTextHint')}
        withAsterisk
        autosize
        minRows={10}
        maxRows={22}
        spellCheck
        styles={monospace}
        value={draft.bodyText}
        onFocus={track('bodyText')}
        onChange={(event) => onChange('bodyText', event.currentTarget.value)}
        error={errors.bodyText}
      />
      <PlaceholderWarnings text={draft.bodyText} variables={variables} />
      <Textarea
        ref={bodyHtml}
        label={t('admin.mailTemplates.bodyHtml')}
        description={t('admin.mailTemplates.bodyHtmlHint')}
        autosize
        minRows={6}
        maxRows={18}
        spellCheck={false}
        styles={monospace}
        value={draft.bodyHtml}
        onFocus={track('bodyHtml')}
        onChange={(event) => onChange('bodyHtml', event.currentTarget.value)}
        error={errors.bodyHtml}
      />
      <PlaceholderWarnings text={draft.bodyHtml} variables={variables} />
    </Stack>
  );
}
