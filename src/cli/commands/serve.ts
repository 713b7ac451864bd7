/** `serve`: the HTTP API (its own options and --help: serve/command.ts). */
import type { RawRun } from '../command';
import { runServe } from '../serve/command';

export const serve: RawRun = { raw: runServe };
