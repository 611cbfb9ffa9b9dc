import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue, useId, useMemo, type ReactNode } from 'react';
import type { MailTemplateKey } from '../../../../../shared/schemas/mail';
import { useDeskBrand } from '../../../app/use-desk-brand';
import { currentLocale, t } from '../../../i18n/translate';
import { renderTemplate } from '../../../../../shared/mail-template-text';
import { previewDocument, sampleValues, type TemplateDraft } from './mail-template-rendering';

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

const boxStyle = {
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 'var(--mantine-radius-sm)',
} as const;

/**
 * The mail as a recipient would get it, with sample values in place of the variables. The HTML body is
 * shown in a sandboxed frame (`sandbox=""`: no scripts, no forms, no access to this page), never in
 * this page's own document.
 */
export function MailTemplatePreview({ templateKey, draft }: { templateKey: MailTemplateKey; draft: TemplateDraft }) {
  const headingId = useId();
  const { deskName } = useDeskBrand();
  // Typing stays quick in a long body: the preview follows a moment later.
  const deferred = useDeferredValue(draft);
  const filled = useMemo(
    () => renderTemplate(deferred, sampleValues(templateKey, { origin: window.location.origin, deskName })),
    [deferred, templateKey, deskName],
  );
  const empty = (
    <Text size="sm" c="dimmed" fs="italic">
      {t('admin.mailTemplates.previewEmpty')}
    </Text>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {t('admin.mailTemplates.preview')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('admin.mailTemplates.previewHint')}
          </Text>
        </div>
        <Part label={t('admin.mailTemplates.previewSubject')}>
          {filled.subject ? (
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-preview="subject">
              {filled.subject}
            </Text>
          ) : (
            empty
          )}
        </Part>
        <Part label={t('admin.mailTemplates.previewText')}>
          {filled.bodyText ? (
            <Box
              component="pre"
              tabIndex={0}
              aria-label={t('admin.mailTemplates.previewText')}
              data-preview="text"
              m={0}
              p="sm"
              ff="monospace"
              fz="sm"
              // Beside the fields (wide screens) the preview stays in view, so a long text scrolls inside it.
              mah={{ base: 'none', lg: 280 }}
              bg="var(--mantine-color-default-hover)"
              style={{ ...boxStyle, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', overflowY: 'auto' }}
            >
              {filled.bodyText}
            </Box>
          ) : (
            empty
          )}
        </Part>
        <Part label={t('admin.mailTemplates.previewHtml')}>
          {/* Like the outbox: any HTML body at all is sent as the HTML part. */}
          {filled.bodyHtml ? (
            <iframe
              sandbox=""
              srcDoc={previewDocument(filled.bodyHtml, currentLocale())}
              title={t('admin.mailTemplates.previewHtmlFrame')}
              style={{ ...boxStyle, display: 'block', width: '100%', height: 300, background: '#fff' }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('admin.mailTemplates.previewNoHtml')}
            </Text>
          )}
        </Part>
      </Stack>
    </Paper>
  );
}
