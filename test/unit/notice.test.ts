/**
 * Notifications render `[label](target)` as a link (command: targets run commands): a hostile group
 * id or client id in a message must show as text and link nothing. The link pattern below is the shape
 * VS Code's notifications recognise (a bracketed label directly followed by a parenthesised target).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notice, noticeDetail } from '../../src/extension/notice';

const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)\3)?\)/i;

const hostile = [
  'billing [Re-authenticate](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%22%7D)',
  '[x](https://evil.example/login "title")',
  '[a] (file:///etc/passwd)',
  'line\n[b](command:x)',
];

test('notice: a message with link syntax links nothing and reads the same', () => {
  for (const id of hostile) {
    const m = notice(`Reset 3 partitions of group "${id}".`);
    assert.doesNotMatch(m, LINK, m);
    assert.doesNotMatch(m, /\]\(/, m);
    assert.equal(m.replace(/\u200b/g, '').replace(/\] \(/g, '] (').includes('Reset 3 partitions'), true);
  }
  const m = notice('group [Re-authenticate](command:evil)');
  assert.equal(m.replace(/\u200b/g, ''), 'group [Re-authenticate](command:evil)');
});

test('notice: control bytes and line breaks show as escapes; ordinary text is unchanged', () => {
  assert.equal(notice('a\u001b]0;t\u0007b\r\nc'), 'a\\x1b]0;t\\x07b\\r\\nc');
  assert.equal(notice('Group "orders-consumer" was reset.'), 'Group "orders-consumer" was reset.');
  assert.equal(notice(notice('x\ny')), notice('x\ny'), 'applying it twice changes nothing more');
});

test('noticeDetail: keeps its line breaks, escapes the rest, links nothing', () => {
  const d = noticeDetail('members:\n  client [a](command:x) on host\u202eevil');
  assert.equal(d.split('\n').length, 2);
  assert.doesNotMatch(d, LINK);
  assert.match(d, /\\u202e/);
});
