import type { z } from 'zod';
import type { MailTemplate, MailTemplateInputSchema, MailTemplateKey } from '../../../shared/schemas/mail';
import { api } from './client';

/** What an admin saves: the subject, the text body and the (optional) HTML body. */
export type MailTemplateInput = z.input<typeof MailTemplateInputSchema>;

export const mailTemplatesQueryKey = ['admin', 'mail-templates'] as const;

/** The notification templates: the built-in wording, or what an admin saved instead. */
export const mailTemplatesApi = {
  list: async () => (await api.get<{ items: MailTemplate[] }>('/api/v1/mail/templates')).items,
  save: (key: MailTemplateKey, input: MailTemplateInput) =>
    api.put<MailTemplate>(`/api/v1/mail/templates/${key}`, input),
  /** Deletes the customised version: the desk sends the built-in wording again. */
  reset: (key: MailTemplateKey) => api.delete<undefined>(`/api/v1/mail/templates/${key}`),
};
