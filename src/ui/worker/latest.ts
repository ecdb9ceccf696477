/**
 * Latest-wins requests for slider-driven computations: while one request runs, newer ones replace each other, and
 * only the newest is sent when the worker is free. The page never queues stale work and never blocks.
 */
export class LatestRequest<P, R> {
  private running = false;
  private pending: { params: P } | null = null;

  constructor(
    private readonly compute: (params: P) => Promise<R>,
    private readonly onResult: (result: R, params: P) => void,
    private readonly onError: (error: unknown, params: P) => void,
  ) {}

  request(params: P): void {
    this.pending = { params };
    if (!this.running) void this.pump();
  }

  get busy(): boolean {
    return this.running;
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const { params } = this.pending;
      this.pending = null;
      try {
        const result = await this.compute(params);
        // A newer request supersedes this result: skip drawing it.
        if (!this.pending) this.onResult(result, params);
      } catch (error) {
        if (!this.pending) this.onError(error, params);
      }
    }
    this.running = false;
  }
}
