/**
 * Progress on stderr: an updating bar on a terminal, one line per finished stage otherwise. Silent when the
 * output is JSON and stderr is not a terminal, so that scripted runs get clean streams.
 */
export class Progress {
  private readonly bar: boolean;
  private readonly lines: boolean;
  private stageName = '';
  private stageStart = 0;
  private lastDraw = 0;

  constructor(
    private readonly write: (text: string) => void,
    isTTY: boolean,
    json: boolean,
  ) {
    this.bar = isTTY;
    this.lines = !isTTY && !json;
  }

  stage(name: string): void {
    this.finish();
    this.stageName = name;
    this.stageStart = performance.now();
    if (this.bar) this.draw(0);
  }

  /** fraction in [0, 1]; redraws at most every 100 ms. */
  update(fraction: number): void {
    if (!this.bar) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && fraction < 1) return;
    this.lastDraw = now;
    this.draw(fraction);
  }

  finish(): void {
    if (!this.stageName) return;
    const secs = ((performance.now() - this.stageStart) / 1000).toFixed(2);
    if (this.bar) this.write(`\r\x1b[2K${this.stageName} done in ${secs} s\n`);
    else if (this.lines) this.write(`${this.stageName} done in ${secs} s\n`);
    this.stageName = '';
  }

  private draw(fraction: number): void {
    const width = 30;
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * width);
    this.write(`\r\x1b[2K${this.stageName} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(0)}%`);
  }
}
