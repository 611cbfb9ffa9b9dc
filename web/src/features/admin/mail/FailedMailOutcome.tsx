import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { MailFailure, ReprocessOutcome } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { failureReasonText } from './failed-mail-reasons';

export interface FailedMailResult {
  failure: MailFailure;
  outcome: ReprocessOutcome;
}

/** What a retried mail became: a ticket (with a link to it), nothing new, or another failure and why. */
export function FailedMailOutcome({ result, onClose }: { result: FailedMailResult; onClose: () => void }) {
  const { outcome } = result;
  const failed = outcome.status === 'failed';
  const common = {
    variant: 'light',
    withCloseButton: true,
    closeButtonLabel: t('common.close'),
    onClose,
    title: t('admin.failedMail.outcome.title', {
      sender: result.failure.envelopeFrom || t('admin.failedMail.unknownSender'),
    }),
  } as const;
  if (failed) {
    return (
      <Alert {...common} color="red" role="alert">
        <Text size="sm">
          {t('admin.failedMail.outcome.failed', { reason: failureReasonText(outcome.reason ?? '') })}
        </Text>
      </Alert>
    );
  }
  if (outcome.status === 'imported' && outcome.ticketRef != null) {
    return (
      <Alert {...common} color="teal" role="status">
        <Text size="sm">
          {t('admin.failedMail.outcome.imported', { ref: outcome.ticketRef })}{' '}
          {outcome.ticketId != null && (
            <Anchor component={Link} to={`/desk/tickets/${outcome.ticketId}`}>
              {t('admin.failedMail.outcome.open', { ref: outcome.ticketRef })}
            </Anchor>
          )}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert {...common} color="gray" role="status">
      <Text size="sm">
        {outcome.status === 'duplicate' ? t('admin.failedMail.outcome.duplicate') : t('admin.failedMail.outcome.noise')}
      </Text>
    </Alert>
  );
}
