/** A one-line progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  return {
    update(label: string, done: number, total: number) {
      if (!stream.isTTY || Date.now() - last < 100) return;
      last = Date.now();
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${done}/${total}`);
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
