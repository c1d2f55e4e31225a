import type { ProgressEvent } from '@tidal-remedy/pipeline';
import { terminalSafe } from './terminal-text.js';

/**
 * Progress on stderr while a remedy runs: one line per step; on a terminal the match count updates in
 * place. stdout is left to the report, so `--json` output stays pure.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: ProgressEvent) => void {
  const live = stream.isTTY === true;
  return (event) => {
    switch (event.step) {
      case 'fetch':
        if (event.status === 'started') stream.write('Reading the playlist…\n');
        else
          stream.write(
            `"${terminalSafe(event.playlistName)}": ${event.items} items, ${event.unavailable} unavailable${event.cached ? ' (from cache)' : ''}\n`,
          );
        return;
      case 'match': {
        if (event.total === 0) return;
        const line = `Matching unavailable tracks: ${event.done}/${event.total}`;
        if (live) stream.write(`\r${line}${event.done === event.total ? '\n' : ''}`);
        else if (event.done === event.total || event.done === 0) stream.write(`${line}\n`);
        return;
      }
      case 'publish':
        if (event.status === 'started') stream.write('Publishing…\n');
        return;
    }
  };
}
