import { Alert, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'wouter';
import type { MailTemplateKey } from '../../../../../shared/schemas/mail';
import { mailTemplatesApi, mailTemplatesQueryKey } from '../../../api/mail-templates';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { PageHeading } from '../../../ui/PageHeading';
import { sameDraft, useMailTemplateDrafts } from './mail-template-drafts';
import { MailTemplateEditor, savedDraftOf } from './MailTemplateEditor';
import { MailTemplateList } from './MailTemplateList';

/**
 * Notification mail: the list of templates, or one template's editor when the address names it
 * (`?template=agent_reply`), so a reload or a shared link opens the same template.
 */
export function MailTemplatesPage() {
  const templates = useQuery({ queryKey: mailTemplatesQueryKey, queryFn: mailTemplatesApi.list });
  const [params] = useSearchParams();
  const selectedKey = params.get('template');
  const { drafts, keep, discard, settle } = useMailTemplateDrafts();
  const selected = selectedKey ? templates.data?.find((template) => template.key === selectedKey) : undefined;

  if (selected) {
    return (
      <MailTemplateEditor
        key={selected.key}
        template={selected}
        draft={drafts[selected.key]}
        onDraft={(draft) => keep(selected.key, draft, savedDraftOf(selected))}
        onDiscard={() => discard(selected.key)}
        onSaved={(sent) => settle(selected.key, sent)}
      />
    );
  }

  // A named template is still loading: show where the editor will be, not the list for a moment.
  if (selectedKey && templates.isPending) return <Skeleton m={{ base: 'md', sm: 'lg' }} height={520} />;

  const hasDraft = (key: MailTemplateKey) => {
    const draft = drafts[key];
    const template = templates.data?.find((candidate) => candidate.key === key);
    return draft !== undefined && template !== undefined && !sameDraft(draft, savedDraftOf(template));
  };

  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <PageHeading
        title={t('admin.mailTemplates')}
        description={t('admin.mailTemplates.hint')}
        descriptionWidth={640}
      />
      {selectedKey && templates.data && (
        <Alert color="yellow" variant="light">
          {t('admin.mailTemplates.notFound', { key: selectedKey })}
        </Alert>
      )}
      {templates.isError && (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} retryLabel={t('common.retry')} />
      )}
      {templates.isPending && <Skeleton height={420} />}
      {templates.data && <MailTemplateList templates={templates.data} hasDraft={hasDraft} />}
    </Stack>
  );
}
