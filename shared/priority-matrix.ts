/**
 * Impact × urgency → priority (ITIL). The admin edits the matrix; an agent may override the result
 * on a ticket. Pure rules shared by the server and the browser (which previews the priority).
 */
export const impacts = ['low', 'medium', 'high'] as const;
export type Impact = (typeof impacts)[number];
export const urgencies = ['low', 'medium', 'high'] as const;
export type Urgency = (typeof urgencies)[number];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** matrix[impact][urgency] = priority. */
export type PriorityMatrix = Record<Impact, Record<Urgency, Priority>>;

export const defaultPriorityMatrix: PriorityMatrix = {
  high: { high: 'urgent', medium: 'high', low: 'normal' },
  medium: { high: 'high', medium: 'normal', low: 'low' },
  low: { high: 'normal', medium: 'low', low: 'low' },
};

export const defaultImpact: Impact = 'medium';
export const defaultUrgency: Urgency = 'medium';

export function priorityFor(matrix: PriorityMatrix, impact: Impact, urgency: Urgency): Priority {
  return matrix[impact][urgency];
}

/** 1 = most urgent; lists sort ascending by rank to put urgent work first. */
const ranks: Record<Priority, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

export function priorityRank(priority: Priority): number {
  return ranks[priority];
}

export function priorityFromRank(rank: number): Priority {
  const found = priorities.find((p) => ranks[p] === rank);
  if (!found) throw new RangeError(`No priority has rank ${rank}`);
  return found;
}

/**
 * The priority a ticket ends up with after a change: an explicit override wins and sticks; otherwise
 * a change of impact or urgency recomputes it, unless an earlier override is still in force.
 */
export function resolvePriority(
  matrix: PriorityMatrix,
  current: { impact: Impact; urgency: Urgency; priority: Priority; overridden: boolean },
  change: { impact?: Impact; urgency?: Urgency; priority?: Priority | null },
): { impact: Impact; urgency: Urgency; priority: Priority; overridden: boolean } {
  const impact = change.impact ?? current.impact;
  const urgency = change.urgency ?? current.urgency;
  if (change.priority) return { impact, urgency, priority: change.priority, overridden: true };
  // priority: null clears an override and goes back to the matrix.
  if (change.priority === null || !current.overridden) {
    return { impact, urgency, priority: priorityFor(matrix, impact, urgency), overridden: false };
  }
  return { impact, urgency, priority: current.priority, overridden: true };
}
