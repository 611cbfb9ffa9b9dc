import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateTicketBody } from '../../../../shared/schemas/tickets';
import { ApiError } from '../../api/api-error';
import { ticketKeys, ticketsApi, type Ticket } from '../../api/tickets';

export function useTicket(id: number) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => ticketsApi.get(id) });
}

export function useMessages(id: number) {
  return useQuery({ queryKey: ticketKeys.messages(id), queryFn: () => ticketsApi.messages(id) });
}

/**
 * Changes a ticket with the version last seen. On 409 stale_version the server sends the current
 * ticket; we adopt it so the person sees the other change before trying again.
 */
export function useUpdateTicket(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateTicketBody, 'version'>) => {
      const current = client.getQueryData<Ticket>(ticketKeys.detail(id));
      return ticketsApi.update(id, { ...changes, version: current?.version ?? 1 });
    },
    onSuccess: (ticket) => {
      client.setQueryData(ticketKeys.detail(id), ticket);
      void client.invalidateQueries({ queryKey: ticketKeys.history(id) });
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'stale_version') {
        const details = error.details as { ticket?: Ticket; current?: Ticket } | Ticket | undefined;
        const current = details && ('ticket' in details || 'current' in details) ? (details as { ticket?: Ticket; current?: Ticket }).ticket ?? (details as { current?: Ticket }).current : (details as Ticket | undefined);
        if (current && typeof current === 'object' && 'version' in current) client.setQueryData(ticketKeys.detail(id), current);
        else void client.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      }
    },
  });
}

export function usePostMessage(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; internal?: boolean; channel?: 'portal' | 'email' | 'phone' | 'api'; attachmentIds?: number[] }) => ticketsApi.postMessage(id, body),
    onSuccess: (result) => {
      // A reply to a closed ticket opens a follow-up: that one is cached under its own id, never this one's.
      if (result?.ticket) client.setQueryData(ticketKeys.detail(result.ticket.id), result.ticket);
      if (result?.ticket && result.ticket.id !== id) void client.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void client.invalidateQueries({ queryKey: ticketKeys.messages(id) });
      void client.invalidateQueries({ queryKey: ticketKeys.history(id) });
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}
