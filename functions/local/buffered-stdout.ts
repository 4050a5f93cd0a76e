/**
 * The local server's log writer: lines are gathered and written to stdout together at most
 * FLUSH_MS after the first of them, or as soon as MAX_PENDING_CHARS are waiting, instead of a write
 * per line (or per turn of the event loop, which under load is a write per request). Every line is
 * kept, in order: what is still pending when the process exits is written then.
 */
const FLUSH_MS = 25;
const MAX_PENDING_CHARS = 64 * 1024;

export const bufferedStdout = (): ((line: string) => void) => {
  let pending: string[] = [];
  let pendingChars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    pendingChars = 0;
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending.push(line);
    pendingChars += line.length;
    if (pendingChars >= MAX_PENDING_CHARS) flush();
    else timer ??= setTimeout(flush, FLUSH_MS).unref();
  };
};
