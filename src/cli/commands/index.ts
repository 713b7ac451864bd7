/**
 * Every command of kafka-offsets, in the order --help lists them. A new command: a file in this
 * folder exporting a Command (../command.ts), and one line here.
 */
import type { Command } from '../command';
import { groups } from './groups';
import { describe } from './describe';
import { lag } from './lag';
import { peekCommand } from './peek';
import { reset } from './reset';
import { undo } from './undo';
import { deleteOffsets } from './deleteOffsets';
import { deleteGroup } from './deleteGroup';
import { exportOffsets } from './export';
import { serve } from './serve';

export const COMMANDS: readonly Command[] = [
  groups,
  describe,
  lag,
  peekCommand,
  reset,
  undo,
  deleteOffsets,
  deleteGroup,
  exportOffsets,
  serve,
];
