/** `serve`: the HTTP API (its own options and --help: serve/command.ts). */
import type { RawCommand } from '../command';
import { runServe } from '../serve/command';

export const serve: RawCommand = {
  name: 'serve',
  usage: '  kafka-offsets serve --instances FILE [--listen 127.0.0.1:8080]   (HTTP API; serve --help)\n',
  raw: runServe,
};
