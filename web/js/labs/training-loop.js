// The training lab's frame scheduler: while it runs and the lab is in view, one slice of training per
// animation frame, each bounded in time, so the page never freezes. What to train and what to do after
// a slice are the lab's; this module only decides how much fits in a frame.

// Milliseconds of training per frame, give or take one chunk of minibatches, and the time a chunk aims at.
const BUDGET_MS = 5;
const CHUNK_MS = 1;

export class TrainingLoop {
  // `quotas()`: [{run, batches}], the runs to train this frame and how many minibatches each may take
  // at most; `sliceDone()`: called after each slice, returns whether to go on; `finished()`: called once
  // the loop stops by itself (sliceDone returned false).
  constructor({ quotas, sliceDone, finished }) {
    Object.assign(this, { quotas, sliceDone, finished });
    this.running = false;
    this.frame = null;
    this.inView = true;
    // Minibatches per chunk, adapted so that a chunk takes about CHUNK_MS.
    this.chunk = 1;
  }

  // Trains from the next animation frame on, until paused or finished.
  start() {
    this.running = true;
    this.schedule();
  }

  // Stops before the next slice; start() goes on from there.
  pause() {
    this.running = false;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  // Out of view (or in a hidden tab) the loop waits; back in view, it goes on where it was.
  setInView(inView) {
    this.inView = inView;
    if (inView && this.running && this.frame === null) this.schedule();
  }

  // The next slice, at the next animation frame.
  schedule() {
    this.frame = requestAnimationFrame(() => this.tick());
  }

  // One slice: chunks of minibatches, the runs taking turns, until each has trained its quota or the
  // time budget is spent; then the lab's sliceDone.
  tick() {
    this.frame = null;
    if (!this.running || !this.inView) return;
    const quotas = this.quotas();
    const start = performance.now();
    let now = start;
    while (now - start < BUDGET_MS && quotas.some(({ batches }) => batches > 0)) {
      let trained = 0;
      for (const quota of quotas) {
        const count = Math.min(this.chunk, quota.batches);
        quota.run.train(count);
        quota.batches -= count;
        trained += count;
      }
      const before = now;
      now = performance.now();
      // Aim the next chunk at CHUNK_MS per run, growing at most fourfold at a time.
      const perBatch = (now - before) / trained;
      this.chunk = Math.max(1, Math.min(4 * this.chunk, Math.floor(CHUNK_MS / Math.max(perBatch, 1e-4))));
    }
    if (this.sliceDone()) {
      this.schedule();
    } else {
      this.running = false;
      this.finished();
    }
  }
}
