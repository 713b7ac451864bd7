/**
 * What a real shell makes of a printed command line: the line's words as bash parses them, given to
 * printf as arguments (so a mis-quoted `$(…)` would run here, which the hostile tests check for).
 * The oracle for our shell quoting, independent of the code that quotes.
 */
import { execFileSync } from 'node:child_process';

export function shellWords(line: string, cwd?: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', cwd, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return out.split('\0').slice(0, -1);
}
