import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  autoCloseThreshold,
  canTransition,
  isAtOrBeyond,
  requesterReplyOutcome,
  statusAfterAgentReply,
  statusChangeEffects,
} from '../../../shared/ticket-status.js';

describe('the ticket status machine', () => {
  it('lets agents move forward and sideways, and never out of closed', () => {
    expect(allowedTransitions('new')).toEqual(['open', 'pending', 'on_hold', 'resolved']);
    expect(allowedTransitions('open')).toEqual(['pending', 'on_hold', 'resolved']);
    expect(allowedTransitions('pending')).toEqual(['open', 'on_hold', 'resolved']);
    expect(allowedTransitions('on_hold')).toEqual(['open', 'pending', 'resolved']);
    expect(allowedTransitions('resolved')).toEqual(['open', 'closed']);
    expect(allowedTransitions('closed')).toEqual([]);
    expect(canTransition('new', 'closed')).toBe(false);
    expect(canTransition('open', 'new')).toBe(false);
    expect(canTransition('resolved', 'closed')).toBe(true);
  });

  it('lets a requester only confirm a solution or reopen', () => {
    expect(allowedTransitions('open', 'requester')).toEqual(['resolved']);
    expect(allowedTransitions('resolved', 'requester')).toEqual(['open']);
    expect(canTransition('pending', 'on_hold', 'requester')).toBe(false);
    expect(canTransition('resolved', 'closed', 'requester')).toBe(false);
    expect(allowedTransitions('closed', 'requester')).toEqual([]);
  });

  it('stamps resolution and closing, and counts a reopen', () => {
    const at = '2026-11-22T12:00:00.000Z';
    expect(statusChangeEffects('open', 'resolved', at)).toEqual({ resolvedAt: at, reopened: false });
    expect(statusChangeEffects('resolved', 'closed', at)).toEqual({ closedAt: at, reopened: false });
    expect(statusChangeEffects('resolved', 'open', at)).toEqual({ resolvedAt: null, reopened: true });
    expect(statusChangeEffects('new', 'open', at)).toEqual({ reopened: false });
  });

  it('opens a new ticket on the first agent reply and leaves other statuses alone', () => {
    expect(statusAfterAgentReply('new')).toBe('open');
    expect(statusAfterAgentReply('pending')).toBe('pending');
    expect(statusAfterAgentReply('resolved')).toBe('resolved');
  });

  it('decides what a requester reply does, with the reopen window counted to the millisecond', () => {
    const resolvedAt = '2026-11-01T10:00:00.000Z';
    // 7 days after 1 Nov 10:00 is 8 Nov 10:00: inside up to and including that instant.
    expect(requesterReplyOutcome({ status: 'resolved', resolvedAt }, '2026-11-08T10:00:00.000Z', 7)).toEqual({ kind: 'transition', to: 'open', reopen: true });
    expect(requesterReplyOutcome({ status: 'resolved', resolvedAt }, '2026-11-08T10:00:00.001Z', 7)).toEqual({ kind: 'new_ticket' });
    expect(requesterReplyOutcome({ status: 'pending', resolvedAt: null }, resolvedAt, 7)).toEqual({ kind: 'transition', to: 'open', reopen: false });
    expect(requesterReplyOutcome({ status: 'closed', resolvedAt }, resolvedAt, 7)).toEqual({ kind: 'new_ticket' });
    expect(requesterReplyOutcome({ status: 'open', resolvedAt: null }, resolvedAt, 7)).toEqual({ kind: 'append' });
    expect(requesterReplyOutcome({ status: 'on_hold', resolvedAt: null }, resolvedAt, 7)).toEqual({ kind: 'append' });
  });

  it('orders statuses for "required from" with pending and on hold side by side', () => {
    expect(isAtOrBeyond('on_hold', 'pending')).toBe(true);
    expect(isAtOrBeyond('pending', 'on_hold')).toBe(true);
    expect(isAtOrBeyond('open', 'pending')).toBe(false);
    expect(isAtOrBeyond('closed', 'resolved')).toBe(true);
    expect(isAtOrBeyond('new', 'new')).toBe(true);
  });

  it('closes automatically what was resolved autoCloseDays ago or earlier', () => {
    expect(autoCloseThreshold('2026-11-22T12:00:00.000Z', 7)).toBe('2026-11-15T12:00:00.000Z');
  });
});
