import type { Command } from './command.js';
import { createTokenCommand } from './create-token.js';
import { generateCommand } from './generate.js';
import { reindexSearchCommand } from './reindex-search.js';
import { seedDemoCommand } from './seed-demo.js';

/** Commands that modules add (create-token, seed-demo, generate …); one import line each. */
export const extraCommands: Command[] = [seedDemoCommand, generateCommand, createTokenCommand, reindexSearchCommand];
