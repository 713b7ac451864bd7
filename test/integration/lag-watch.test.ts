/**
 * `kafka-offsets lag --watch` on the real broker, as a user runs it (dist/cli.js in a child process):
 * a real kafkajs consumer consumes slowly, then stops with lag left → the NDJSON stream says
 * "catching-up" (with a consume rate and an ETA), then "stalled"; Ctrl-C (SIGINT) ends it with exit 0.
 * Also the table form's columns, and the flags' validation. Lean: one topic, one partition, 1 s samples.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Fixtures, bootstrap, unique } from '../support/fixtures';
import { runCli, CLI_PATH } from '../support/run';

let fx: Fixtures;
let topic: string;

before(async () => {
  fx = new Fixtures();
  topic = unique('watch');
  await fx.createTopic(topic, 1);
  await fx.produce(topic, 0, 600);
});
after(async () => {
  await fx.close();
});

/** The CLI as a child whose stdout lines arrive one by one; killed after `timeoutMs` whatever happens. */
function watch(args: string[], timeoutMs: number) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI_PATH, 'lag', '--bootstrap', bootstrap(), '--watch', ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  let wake: () => void = () => undefined;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    const parts = stdout.split('\n');
    stdout = parts.pop()!;
    lines.push(...parts);
    wake();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      wake();
      resolve({ code, signal });
    }),
  );
  /** Wait for the first line from `from` on that satisfies `pred` (fails when the child exits first). */
  async function until<T>(what: string, pick: (line: string) => T | undefined, from = 0): Promise<{ value: T; index: number }> {
    for (let i = from; ; ) {
      for (; i < lines.length; i++) {
        const v = pick(lines[i]);
        if (v !== undefined) return { value: v, index: i };
      }
      if (child.exitCode !== null || child.signalCode !== null) assert.fail(`the watch ended before ${what}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`);
      await new Promise<void>((r) => (wake = r));
    }
  }
  return { child, lines, until, exited, stderr: () => stderr };
}

test('a consumer that consumes, then stops: --json says catching-up with a rate and ETA, then stalled; Ctrl-C exits 0', async () => {
  const group = unique('watchg');
  await fx.commit(group, [{ topic, partition: 0, offset: 0 }]);
  const w = watch(['--group', group, '--json', '--interval', '1', '--window', '4'], 90_000);
  const consumer = fx.kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 500, maxBytesPerPartition: 2_000 });
  try {
    const firstLine = await w.until('a first sample', (l) => JSON.parse(l) as Record<string, any>);
    assert.equal(firstLine.value.group, group);
    assert.equal(firstLine.value.lag, 600);
    assert.equal(firstLine.value.consumeRate, null, 'one sample: no rate yet');
    assert.equal(firstLine.value.status, 'measuring');

    // A slow consumer: ~50 records/s, committing every 200 ms, so the 600 records take seconds.
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: true, autoCommitInterval: 200, eachMessage: () => new Promise((r) => setTimeout(r, 20)) });
    const catching = await w.until('status catching-up', (l) => {
      const d = JSON.parse(l);
      return d.status === 'catching-up' ? d : undefined;
    });
    const d = catching.value;
    assert.ok(d.consumeRate > 0, `a consume rate: ${JSON.stringify(d)}`);
    assert.ok(d.lag > 0 && d.lag < 600, `lag went down but not to 0: ${d.lag}`);
    assert.ok(Number.isInteger(d.etaMs) && d.etaMs > 0, `an ETA: ${d.etaMs}`);
    assert.equal(d.topics[0].partitions[0].status, 'catching-up', 'the partition says it too');

    // The consumer stops with lag left: no commit moves any more.
    await consumer.disconnect();
    const stalled = await w.until('status stalled', (l) => {
      const x = JSON.parse(l);
      return x.status === 'stalled' ? x : undefined;
    }, catching.index + 1);
    assert.ok(stalled.value.lag > 0, 'stalled with lag left');
    assert.equal(stalled.value.consumeRate, 0);
    assert.equal(stalled.value.etaMs, null);

    w.child.kill('SIGINT');
    const end = await w.exited;
    assert.deepEqual(end, { code: 0, signal: null }, `Ctrl-C is the normal end of a watch; stderr: ${w.stderr()}`);
    for (const line of w.lines) assert.doesNotThrow(() => JSON.parse(line), `one JSON document per line: ${line}`);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    w.child.kill('SIGKILL');
  }
});

test('without --json: the table with RATE, ETA and STATUS columns and a summary line, once per sample', async () => {
  const group = unique('watcht');
  await fx.commit(group, [{ topic, partition: 0, offset: 100 }]);
  const w = watch(['--group', group, '--interval', '1'], 60_000);
  try {
    const header = await w.until('the table header', (l) => (/^TOPIC\s+PARTITION\s+COMMITTED\s+LOG-END\s+LAG\s+RATE\s+ETA\s+STATUS$/.test(l) ? l : undefined));
    await w.until('the first summary', (l) => (l.includes(`group ${group} (Empty)`) && l.includes('total lag 500') && l.includes('Ctrl-C to stop') ? l : undefined), header.index);
    // A second sample: the table again (a pipe gets one per sample, a terminal a redraw).
    const second = await w.until('a second table', (l) => (l.startsWith('TOPIC') ? l : undefined), header.index + 1);
    assert.match(w.lines[second.index + 1], new RegExp(`^${topic}\\s+0\\s+100\\s+600\\s+500\\s+0/s\\s+-\\s+(measuring…|stalled)$`));
    w.child.kill('SIGINT');
    assert.deepEqual(await w.exited, { code: 0, signal: null });
  } finally {
    w.child.kill('SIGKILL');
  }
});

test('--interval and --window are checked; they need --watch; --watch needs one --group', async () => {
  const B = ['--bootstrap', bootstrap()];
  for (const [args, message] of [
    [['lag', ...B, '--group', 'g', '--watch', '--interval', '0'], /--interval must be a number of seconds of at least 1, got "0"/],
    [['lag', ...B, '--group', 'g', '--watch', '--window', 'abc'], /--window must be a number of seconds/],
    [['lag', ...B, '--group', 'g', '--interval', '5'], /--interval and --window go with --watch/],
    [['lag', ...B, '--all-groups', '--watch'], /--watch follows one group/],
  ] as const) {
    const r = await runCli([...args], { timeoutMs: 30_000 });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
