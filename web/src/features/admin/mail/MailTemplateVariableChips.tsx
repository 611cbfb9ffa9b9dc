import { Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useId } from 'react';
import { t } from '../../../i18n/translate';
import { placeholderFor, variableMeaning, type TemplateField } from './mail-template-rendering';

interface MailTemplateVariableChipsProps {
  variables: readonly string[];
  /** Where a chip inserts: the field the admin used last. */
  target: TemplateField;
  onInsert: (name: string) => void;
}

/** The variables a template may use, as buttons that insert `{{name}}` where the admin was typing. */
export function MailTemplateVariableChips({ variables, target, onInsert }: MailTemplateVariableChipsProps) {
  const labelId = useId();
  const field = t(`admin.mailTemplates.field.${target}`);
  const rawHtml =
    target === 'bodyHtml' ? variables.find((name) => placeholderFor(name, target) !== `{{${name}}}`) : undefined;
  return (
    <Stack gap={6} role="group" aria-labelledby={labelId}>
      <div>
        <Text id={labelId} size="sm" fw={500}>
          {t('admin.mailTemplates.variables')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('admin.mailTemplates.variablesHint', { field })}
          {rawHtml && ` ${t('admin.mailTemplates.rawHtmlHint', { token: placeholderFor(rawHtml, target) })}`}
        </Text>
      </div>
      <Group gap={6}>
        {variables.map((name) => {
          const token = placeholderFor(name, target);
          const meaning = variableMeaning(name);
          return (
            <Tooltip key={name} label={meaning} disabled={!meaning} withArrow openDelay={300} multiline maw={280}>
              <Button
                size="compact-sm"
                radius="xl"
                variant="light"
                ff="monospace"
                fw={500}
                aria-label={
                  meaning
                    ? t('admin.mailTemplates.insertVariable', { token, field, meaning })
                    : t('admin.mailTemplates.insertVariableBare', { token, field })
                }
                // Keeps the caret where it is in the field being edited; the keyboard path keeps it too.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onInsert(name)}
              >
                {token}
              </Button>
            </Tooltip>
          );
        })}
      </Group>
    </Stack>
  );
}
