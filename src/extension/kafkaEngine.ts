/**
 * The kafkajs-backed half of the engine. Never import this module statically: go through
 * loadEngine() in ./engine, which imports it on first use (see there for why).
 */
export { KafkaClient } from '../core';
export { groupLag, allGroupsLag, readPartitionOffsets } from '../core/lag';
export {
  planFromCluster,
  applyPlan,
  undoSnapshot,
  waitUntilEmpty,
  assertResettable,
  describeSpec,
  RESETTABLE_STATES,
} from '../core/reset';
export { planForGroup, watchesCommits, currentOffsets } from '../core/groupReset';
export { planShareDelete, applyShareDelete } from '../core/shareDelete';
export { planDeleteOffsets, applyDeleteOffsets } from '../core/deleteOffsets';
export { planDeleteGroup, applyDeleteGroup } from '../core/deleteGroup';
export { deleteRefusal } from '../core/deletePlan';
export { runResetSession } from '../core/resetSession';
export { resetOperation, undoOperation, shareDeleteOperation } from '../core/sessionOperations';
