import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { demoCommand } from './demo.js';
import { esdCommand } from './esd.js';
import { fitCommand } from './fit.js';
import { generateCommand } from './generate.js';
import { landscapeCommand } from './landscape.js';
import { mergeCommand } from './merge.js';
import { notebookCommand } from './notebook.js';
import { sweepCommand } from './sweep.js';
import { theoryCommand } from './theory.js';
import { trainCommand } from './train.js';
import { trainGridCommand } from './trainGrid.js';
import { validateCommand } from './validate.js';

export const COMMANDS: Command[] = [generateCommand, esdCommand, fitCommand, analyzeCommand, validateCommand, theoryCommand, sweepCommand, mergeCommand, landscapeCommand, trainCommand, trainGridCommand, notebookCommand, demoCommand];
