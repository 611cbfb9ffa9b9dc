import type { z } from 'zod';
import type {
  BusinessCalendarDto,
  BusinessCalendarInputSchema,
  SlaPolicyDto,
  SlaPolicyInputSchema,
  SlaPreviewInputSchema,
  SlaPreviewSchema,
} from '../../../shared/schemas/sla';
import { api } from './client';

/** Business calendars and SLA policies, as the admin console edits them. Durations travel as whole minutes. */
export type { BusinessCalendarDto, SlaPolicyDto, SlaTarget, SlaConditions } from '../../../shared/schemas/sla';
/** What the browser sends: the schema's input side, where defaulted fields may be left out. */
export type BusinessCalendarBody = z.input<typeof BusinessCalendarInputSchema>;
export type SlaPolicyBody = z.input<typeof SlaPolicyInputSchema>;
export type SlaPreviewBody = z.input<typeof SlaPreviewInputSchema>;
export type SlaPreview = z.infer<typeof SlaPreviewSchema>;

export const slaKeys = {
  calendars: ['admin', 'business-calendars'] as const,
  policies: ['admin', 'sla-policies'] as const,
};

export const slaApi = {
  calendars: () => api.get<BusinessCalendarDto[]>('/api/v1/business-calendars'),
  createCalendar: (body: BusinessCalendarBody) => api.post<BusinessCalendarDto>('/api/v1/business-calendars', body),
  /** Replaces the calendar; the server recomputes the due times of open tickets that count with it. */
  updateCalendar: (id: number, body: BusinessCalendarBody) =>
    api.put<BusinessCalendarDto>(`/api/v1/business-calendars/${id}`, body),
  /** Refused (409 conflict) while a policy or a ticket's clock uses the calendar. */
  deleteCalendar: (id: number) => api.delete<undefined>(`/api/v1/business-calendars/${id}`),
  /** In evaluation order: the first active policy whose conditions hold is the ticket's. */
  policies: () => api.get<SlaPolicyDto[]>('/api/v1/sla-policies'),
  createPolicy: (body: SlaPolicyBody) => api.post<SlaPolicyDto>('/api/v1/sla-policies', body),
  /** Replaces the whole policy (fields left out fall back to their defaults); open tickets get new due times. */
  updatePolicy: (id: number, body: SlaPolicyBody) => api.put<SlaPolicyDto>(`/api/v1/sla-policies/${id}`, body),
  deletePolicy: (id: number) => api.delete<undefined>(`/api/v1/sla-policies/${id}`),
  /** Every policy, each exactly once, in the new order; answers the list in that order. */
  reorderPolicies: (policyIds: number[]) => api.put<SlaPolicyDto[]>('/api/v1/sla-policies/order', { policyIds }),
  /** Which saved policy a ticket with these attributes would get, and when it would be due. */
  preview: (body: SlaPreviewBody) => api.post<SlaPreview>('/api/v1/sla-policies/preview', body),
};
