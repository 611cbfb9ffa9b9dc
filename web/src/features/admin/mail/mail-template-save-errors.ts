import { ApiError, errorMessage } from '../../../api/api-error';
import { t } from '../../../i18n/translate';
import {
  templateFieldMaxLength,
  templateFields,
  type TemplateDraft,
  type TemplateField,
} from './mail-template-rendering';

export interface SaveErrors {
  /** A sentence under each field the server refused. */
  fields: Partial<Record<TemplateField, string>>;
  /** What to say when the refusal names no field (no connection, no permission, a server fault). */
  general: string | null;
}

export const noSaveErrors: SaveErrors = { fields: {}, general: null };

interface Issue {
  field?: unknown;
  message?: unknown;
}

function sentenceFor(field: TemplateField, value: string, rule: string): string {
  const name = t(`admin.mailTemplates.field.${field}`);
  const max = templateFieldMaxLength[field];
  // The server trims the subject before it checks it: spaces alone are empty.
  const length = field === 'subject' ? value.trim().length : value.length;
  if (length === 0 || /too small/i.test(rule)) return t('admin.mailTemplates.error.empty', { field: name });
  if (length > max || /too big/i.test(rule))
    return t('admin.mailTemplates.error.tooLong', { field: name, max: max.toLocaleString() });
  return t('admin.mailTemplates.error.other', { field: name, reason: rule });
}

/**
 * Turns a refused save into words beside the fields it names. The server answers a body that breaks its
 * schema with `validation_failed` and one issue per field ("body.subject"); anything else is general.
 */
export function describeSaveError(error: unknown, sent: TemplateDraft): SaveErrors {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed')
    return { fields: {}, general: errorMessage(error) };
  const issues = ((error.details as { issues?: Issue[] } | undefined)?.issues ?? []).filter(
    (issue) => typeof issue.field === 'string',
  );
  const fields: SaveErrors['fields'] = {};
  for (const issue of issues) {
    const field = templateFields.find((name) => issue.field === `body.${name}`);
    if (field && !fields[field])
      fields[field] = sentenceFor(field, sent[field], typeof issue.message === 'string' ? issue.message : '');
  }
  return Object.keys(fields).length > 0 ? { fields, general: null } : { fields: {}, general: errorMessage(error) };
}
