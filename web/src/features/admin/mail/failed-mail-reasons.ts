import type { MailFailureReason } from '../../../api/mail';
import { t, type MessageKey } from '../../../i18n/translate';

const reasonKeys: Record<MailFailureReason, MessageKey> = {
  unparseable: 'admin.failedMail.reason.unparseable',
  no_sender: 'admin.failedMail.reason.no_sender',
  unknown_recipient: 'admin.failedMail.reason.unknown_recipient',
  rate_limited: 'admin.failedMail.reason.rate_limited',
  import_error: 'admin.failedMail.reason.import_error',
};

const isReason = (reason: string): reason is MailFailureReason => Object.hasOwn(reasonKeys, reason);

/** Why a mail could not become a ticket, in plain words (a reason this screen does not know is shown as sent). */
export function failureReasonText(reason: string): string {
  return isReason(reason) ? t(reasonKeys[reason]) : reason;
}
