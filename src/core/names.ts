/** Names Kafka accepts for groups and topics, checked before anything is sent. */

export function validateGroupId(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return 'Consumer group id is required.';
  if (v.trim().length === 0) return 'Consumer group id cannot be only whitespace.';
  if (v.trim() !== v) return `Consumer group id "${v}" starts or ends with whitespace; Kafka would treat that as a different group. Remove it if it was pasted by accident.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return 'Consumer group id contains control characters.';
  return undefined;
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
export function validateTopicName(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return 'Topic is required.';
  if (!TOPIC.test(v)) return `"${v}" is not a valid Kafka topic name (letters, digits, '.', '_' and '-', at most 249).`;
  if (v === '.' || v === '..') return `"${v}" is not a valid Kafka topic name.`;
  return undefined;
}

