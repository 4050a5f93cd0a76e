/**
 * The local server's log writer: the lines of one turn of the event loop are written to stdout
 * together when the turn ends (setImmediate), as pino's sonic-boom does, instead of a write per line.
 * Every line is kept: what is still pending when the process exits is written then.
 */
export const bufferedStdout = (): ((line: string) => void) => {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
};
