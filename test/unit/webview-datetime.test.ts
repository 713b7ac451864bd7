/**
 * The form's date-time picker conversion (src/webview/datetime.ts): the local wall-clock value becomes
 * an ISO-8601 instant with the browser zone's offset *at that date* (DST included). Bundled for
 * Node by ./webview-bundle and run under chosen time zones (Node applies TZ changes at once).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateTime } from '../../src/core/time';
import { loadWebviewModule } from './webview-bundle';

type DateTimeModule = typeof import('../../src/webview/datetime');

const dt = loadWebviewModule<DateTimeModule>('src/webview/datetime.ts');

function inZone<T>(tz: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test('UTC: the value with +00:00', () => {
  inZone('UTC', () => {
    assert.deepEqual(dt.localToIso('2026-11-24T10:00'), { ok: true, iso: '2026-11-24T10:00:00+00:00', ms: Date.UTC(2026, 10, 24, 10) });
    assert.deepEqual(dt.localToIso('2026-11-24T10:00:05.250'), { ok: true, iso: '2026-11-24T10:00:05.250+00:00', ms: Date.UTC(2026, 10, 24, 10, 0, 5, 250) });
    assert.equal(dt.zoneLabel(), 'UTC, UTC+00:00');
  });
});

test('Europe/Berlin: winter +01:00, summer +02:00, the spring-forward gap is reported', () => {
  inZone('Europe/Berlin', () => {
    const winter = dt.localToIso('2026-01-15T09:30:00');
    assert.ok(winter.ok);
    assert.equal(winter.iso, '2026-01-15T09:30:00+01:00');
    assert.equal(winter.ms, Date.UTC(2026, 0, 15, 8, 30));
    const summer = dt.localToIso('2026-07-15T09:30:00');
    assert.ok(summer.ok);
    assert.equal(summer.iso, '2026-07-15T09:30:00+02:00');
    // 2026-03-29 02:30 does not exist in Berlin (02:00 → 03:00).
    const gap = dt.localToIso('2026-03-29T02:30');
    assert.ok(gap.ok);
    assert.equal(gap.shiftedTo, '03:30');
    assert.equal(gap.iso, '2026-03-29T03:30:00+02:00');
    assert.match(dt.zoneLabel(Date.UTC(2026, 6, 1)), /^Europe\/Berlin, UTC\+02:00$/);
  });
});

test('half-hour and negative offsets', () => {
  inZone('Asia/Kolkata', () => assert.equal((dt.localToIso('2026-05-01T12:00') as { iso: string }).iso, '2026-05-01T12:00:00+05:30'));
  inZone('America/New_York', () => assert.equal((dt.localToIso('2026-01-01T00:00') as { iso: string }).iso, '2026-01-01T00:00:00-05:00'));
});

test('what the core accepts: the result always parses to the same instant', () => {
  for (const tz of ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Adelaide']) {
    inZone(tz, () => {
      const r = dt.localToIso('2026-10-04T02:15:00');
      assert.ok(r.ok);
      const parsed = parseDateTime(r.iso);
      assert.ok(parsed.ok);
      assert.equal(parsed.value, r.ms, `${tz}: ${r.iso}`);
    });
  }
});

test('empty or impossible values are refused, not rolled over', () => {
  inZone('UTC', () => {
    for (const v of ['', '2026-11-24', '10:00', '2026-02-30T10:00', '2026-13-01T10:00', '2026-04-31T10:00', '2026-01-01T24:00', 'now']) assert.equal(dt.localToIso(v).ok, false, v);
  });
});

test('toLocalInput round-trips through localToIso', () => {
  inZone('Europe/Berlin', () => {
    const ms = Date.UTC(2026, 5, 1, 12, 34, 56);
    const local = dt.toLocalInput(ms);
    assert.equal(local, '2026-06-01T14:34:56');
    assert.equal((dt.localToIso(local) as { ms: number }).ms, ms);
  });
  assert.equal(dt.offsetText(-90), '-01:30');
  assert.equal(dt.offsetText(0), '+00:00');
});
