import { Alert, Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconRestore } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { MailTemplate } from '../../../../../shared/schemas/mail';
import { errorMessage } from '../../../api/api-error';
import { mailTemplatesApi, mailTemplatesQueryKey } from '../../../api/mail-templates';
import { t } from '../../../i18n/translate';
import { notify } from '../../../ui/notify';
import { MailTemplateBadges } from './MailTemplateBadges';
import { MailTemplateChangedAt } from './MailTemplateChangedAt';
import { sameDraft } from './mail-template-drafts';
import { MailTemplateFields } from './MailTemplateFields';
import { MailTemplatePreview } from './MailTemplatePreview';
import { templateName, templateWhen, type TemplateDraft, type TemplateField } from './mail-template-rendering';
import { MailTemplateResetModal } from './MailTemplateResetModal';
import { describeSaveError, noSaveErrors, type SaveErrors } from './mail-template-save-errors';

export const savedDraftOf = (template: MailTemplate): TemplateDraft => ({
  subject: template.subject,
  bodyText: template.bodyText,
  bodyHtml: template.bodyHtml,
});

interface MailTemplateEditorProps {
  template: MailTemplate;
  /** The admin's unsaved edit, if any. */
  draft: TemplateDraft | undefined;
  onDraft: (draft: TemplateDraft) => void;
  onDiscard: () => void;
  /** Called with what was sent once the server took it. */
  onSaved: (sent: TemplateDraft) => void;
}

/** One template: its fields and variables beside a live preview, with Save, Discard and Reset to default. */
export function MailTemplateEditor({ template, draft, onDraft, onDiscard, onSaved }: MailTemplateEditorProps) {
  const client = useQueryClient();
  const saved = savedDraftOf(template);
  const current = draft ?? saved;
  const dirty = !sameDraft(current, saved);
  const name = templateName(template.key);
  const [errors, setErrors] = useState<SaveErrors>(noSaveErrors);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening a template is like opening a page: start at its top, and tell screen readers where they are.
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, []);

  const save = useMutation({
    mutationFn: (sent: TemplateDraft) => mailTemplatesApi.save(template.key, sent),
    onSuccess: (result, sent) => {
      client.setQueryData<MailTemplate[]>(mailTemplatesQueryKey, (list) =>
        list?.map((item) => (item.key === result.key ? result : item)),
      );
      onSaved(sent);
      setErrors(noSaveErrors);
      notify({ color: 'teal', message: t('admin.mailTemplates.saved', { name }) });
    },
    onError: (error, sent) => setErrors(describeSaveError(error, sent)),
  });

  const reset = useMutation({
    mutationFn: async () => {
      await mailTemplatesApi.reset(template.key);
      // The built-in wording comes from the server: wait for it, so the fields never show the deleted version.
      await client.invalidateQueries({ queryKey: mailTemplatesQueryKey });
    },
    onSuccess: () => {
      onDiscard();
      setErrors(noSaveErrors);
      setConfirmingReset(false);
      notify({ color: 'teal', message: t('admin.mailTemplates.resetDone', { name }) });
    },
  });

  const change = (field: TemplateField, value: string) => {
    onDraft({ ...current, [field]: value });
    if (errors.fields[field]) setErrors((before) => ({ ...before, fields: { ...before.fields, [field]: undefined } }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty && !save.isPending) save.mutate(current);
  };

  const discard = () => {
    onDiscard();
    setErrors(noSaveErrors);
    notify({ color: 'gray', message: t('admin.mailTemplates.discarded', { name }) });
  };

  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <Anchor component={Link} href="/admin/mail-templates" size="sm" w="fit-content">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('admin.mailTemplates.back')}
        </Group>
      </Anchor>
      <div>
        <Group gap="sm" align="center">
          <Title order={1} size="h2" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            {name}
          </Title>
          <MailTemplateBadges isCustomised={template.isCustomised} hasDraft={dirty} />
        </Group>
        <Text c="dimmed" size="sm" maw={720}>
          {templateWhen(template.key)}
        </Text>
        <Text c="dimmed" size="xs">
          <MailTemplateChangedAt updatedAt={template.updatedAt} />
        </Text>
      </div>
      {errors.general && (
        <Alert color="red" variant="light" role="alert" title={t('admin.mailTemplates.saveFailed')}>
          {errors.general}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={name}>
            <Stack gap="md">
              <MailTemplateFields
                draft={current}
                variables={template.variables}
                errors={errors.fields}
                onChange={change}
              />
              {Object.values(errors.fields).some(Boolean) && (
                <Text size="sm" c="red.8" role="alert">
                  {t('admin.mailTemplates.saveRefused')}
                </Text>
              )}
              <Group justify="space-between" gap="sm">
                {template.isCustomised ? (
                  <Button
                    variant="default"
                    leftSection={<IconRestore size={16} aria-hidden />}
                    onClick={() => setConfirmingReset(true)}
                  >
                    {t('admin.mailTemplates.reset')}
                  </Button>
                ) : (
                  <span />
                )}
                <Group gap="sm">
                  {dirty && (
                    <Button variant="default" onClick={discard}>
                      {t('admin.mailTemplates.discard')}
                    </Button>
                  )}
                  <Button type="submit" loading={save.isPending} disabled={!dirty}>
                    {t('admin.mailTemplates.save')}
                  </Button>
                </Group>
              </Group>
              {dirty && (
                <Text size="xs" c="dimmed">
                  {t('admin.mailTemplates.draftKept')}
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <div style={{ position: 'sticky', top: 72 }}>
            <MailTemplatePreview templateKey={template.key} draft={current} />
          </div>
        </Grid.Col>
      </Grid>
      <MailTemplateResetModal
        opened={confirmingReset}
        name={name}
        hasDraft={dirty}
        busy={reset.isPending}
        error={reset.isError ? errorMessage(reset.error) : null}
        onConfirm={() => reset.mutate()}
        onClose={() => {
          setConfirmingReset(false);
          reset.reset();
        }}
      />
    </Stack>
  );
}
