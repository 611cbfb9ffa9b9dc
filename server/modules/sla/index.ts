/** The SLA module's public face: other modules import from here only. */
export { registerSlaModule, slaCheckIntervalMs } from './sla.module.js';
export type { SlaService } from './sla.service.js';
export { presentTicketSla } from './sla.presenter.js';
export { loadTicketSlaSummaries } from './sla-summary.js';
export { noRunningSlaClock } from './sla.repository.js';
export { backfillSlaClocks } from './sla-backfill.js';
