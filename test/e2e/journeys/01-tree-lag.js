#!/usr/bin/env node
'use strict';
// Journey 1: open the Kafka view, expand the cluster, see the groups with state and lag, expand a
// group down to its partitions (committed / log end · lag per partition).
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('01-tree-lag', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: true });
  j.onCleanup(() => demo.stop());
  const { billing, shipping, audit, reporting } = demo.groups;
  j.log('demo data ready', Object.values(demo.groups).join(', '));

  await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);

  // Every demo group with its state and lag, as the engine computes it.
  const lagOf = async (g) => {
    const client = new j.engine.KafkaClient({ brokers: [j.bootstrap] });
    try { return (await j.engine.groupLag(client, g)).lag; } finally { await client.close(); }
  };
  const billingLag = await lagOf(billing);
  if (!(billingLag > 0n)) throw new Error(`billing should have lag on the broker, has ${billingLag}`);
  const expected = {
    [billing]: new RegExp(`lag ${j.fmt(billingLag)} · (.* · )?empty`),
    [shipping]: /lag \d+ · (.* · )?1 member/, // time lag and status may follow the lag (issue 13)
    [audit]: /lag \d+ · (.* · )?1 without commit · empty/, // p1 of payments has no commit
    [reporting]: /lag 0 · empty/,
  };
  for (const [g, re] of Object.entries(expected)) {
    const text = await j.poll(`the tree row of ${g} to show ${re}`, async () => {
      const t = await j.rowText(g).catch(() => '');
      return re.test(t) && t;
    });
    j.log(`row: ${text}`);
  }

  // billing → orders → partitions with committed / log end · lag.
  await j.expand(billing);
  await j.expand(demo.topics.orders);
  const ends = await j.logEnds(demo.topics.orders, 6);
  const committed = await j.committed(billing, null);
  for (let p = 0; p < 6; p++) {
    const c = BigInt(committed[`${demo.topics.orders}:${p}`]);
    const e = BigInt(ends[`${demo.topics.orders}:${p}`]);
    const want = `p${p} ${j.fmt(c)} / ${j.fmt(e)} · lag ${j.fmt(e - c)}`;
    // The lag leads; the time behind (the demo's records are hours old) may follow it.
    await j.poll(`partition row "${want}"`, async () => {
      const t = await j.rowText(new RegExp(`^p${p}\\d`)).catch(() => '');
      return t === want || (t.startsWith(`${want} · `) && / behind/.test(t));
    });
  }
  await j.shot('tree');
});
