/** C0 controls but tab and newline, DEL, and C1 controls (0x9b is a CSI on some terminals). */
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/**
 * Text headed for a terminal with every control character but tab and newline replaced by U+FFFD: names and
 * titles come from TIDAL, where anyone can name a playlist `\u001b[2J…`, which would otherwise clear the
 * screen, retitle the window or hide what follows.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}
