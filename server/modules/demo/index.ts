/** The demo module's public face: the demo desk and the large-desk generator. */
export { seedDemoDesk, DeskNotEmptyError, demoDeskSize } from './seed-demo.js';
export { generateTickets, type GenerateOptions, type GenerateResult } from './generate-tickets.js';
export type { StaffAccount } from './demo-desk.js';
