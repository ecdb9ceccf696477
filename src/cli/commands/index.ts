import type { Command } from '../command.js';
import { demoCommand } from './demo.js';
import { esdCommand } from './esd.js';
import { generateCommand } from './generate.js';
import { theoryCommand } from './theory.js';

export const COMMANDS: Command[] = [generateCommand, esdCommand, theoryCommand, demoCommand];
