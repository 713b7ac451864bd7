/** The plan as the equivalent Apache kafka-consumer-groups command line, to run or review elsewhere. */
import type { Plan } from './types';

function quote(s: string): string {
  return /^[A-Za-z0-9._:,\/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function kafkaConsumerGroupsCommand(brokers: string[], plan: Plan): string {
  const r = plan.request;
  const s = r.spec;
  const base = ['kafka-consumer-groups.sh', '--bootstrap-server', brokers.join(','), '--group', quote(r.group), '--reset-offsets'];
  if (s.kind !== 'csv') base.push('--topic', r.partition === -1 ? r.topic : `${r.topic}:${r.partition}`);
  const mode = (() => {
    switch (s.kind) {
      case 'offset':
        return ['--to-offset', s.offset.toString()];
      case 'earliest':
        return ['--to-earliest'];
      case 'latest':
        return ['--to-latest'];
      case 'shiftBy':
        return ['--shift-by', s.by.toString()];
      case 'timestamp':
        return ['--to-datetime', new Date(s.timestamp).toISOString().replace('Z', '+00:00').replace(/(\.\d{3})/, '$1')];
      case 'datetime':
        return ['--to-datetime', new Date(s.timestamp).toISOString().replace('Z', '+00:00')];
      case 'duration':
        return ['--by-duration', s.iso];
      case 'csv':
        return ['--from-file', 'PLAN.csv'];
    }
  })();
  return [...base, ...mode, '--dry-run'].join(' ');
}
