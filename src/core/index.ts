/** The engine's public surface, for the CLI and the extension. Plain Node: never imports vscode. */
export * from './types';
export * from './errors';
export * from './validate';
export * from './plan';
export * from './csv';
export * from './snapshot';
export * from './lag';
export * from './reset';
export * from './numbers';
export * from './time';
export * from './tp';
export { withDeadline, sleep, mapLimit } from './deadline';
export { KafkaClient } from './kafka/client';
export type { ClientOptions, CallOptions, LogSink } from './kafka/client';
export { kafkaConsumerGroupsCommand } from './equivalent';
export { withGroupLock, isLockBusy } from './lock';
export type { LockBusy } from './lock';
