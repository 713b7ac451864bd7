/**
 * FindCoordinator v4+ (KIP-699, Kafka 3.0): the coordinators of many groups in one request, instead
 * of one request per group. kafkajs 2.2.4 speaks only v0–v2 (one key), so this flexible version is
 * encoded here. Older brokers: null, and the caller asks group by group.
 */
import type { KjsBroker } from './internals';
import { agreedVersion, get, put, sendFlexible } from './flexible';

const FIND_COORDINATOR = 10;
/** key_type GROUP (1 would be a transactional id). */
const GROUP_KEY = 0;

export interface WireCoordinator {
  key: string;
  nodeId: number;
  errorCode: number;
}

export async function findCoordinators(broker: KjsBroker, groupIds: string[]): Promise<WireCoordinator[] | null> {
  const version = await agreedVersion(broker, FIND_COORDINATOR, 4, 6);
  if (version === null) return null;
  return sendFlexible(broker, {
    apiKey: FIND_COORDINATOR,
    apiName: 'FindCoordinator',
    version,
    body: (e) => put.strings(e.writeInt8(GROUP_KEY), groupIds),
    read: (d) => {
      d.readInt32(); // throttle time
      return get.array(d, (x) => {
        const key = get.string(x);
        const nodeId = x.readInt32();
        get.string(x); // host
        x.readInt32(); // port
        const errorCode = x.readInt16();
        x.readUVarIntString(); // error message
        x.readTaggedFields();
        return { key, nodeId, errorCode };
      });
    },
  });
}
