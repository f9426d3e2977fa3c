/**
 * The sandbox's own time. Virtual time runs at `timeScale` × real time and can be pushed forward
 * by `advance`, so a 72-hour cancellation or a 30-day retention window can be tested in
 * milliseconds. Work that must happen "later" is queued here with a virtual due time and runs
 * either when real time catches up or when `advance` jumps past it — always in due-time order,
 * and each task learns its own due time so what it records is dated correctly.
 */
export type Task = (dueAt: number) => void;

type Entry = { at: number; seq: number; run: Task };

export class Clock {
  private readonly realOrigin = Date.now();
  private offsetMs = 0;
  private readonly queue: Entry[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private stopped = false;

  constructor(
    private readonly virtualOrigin: number,
    private timeScale: number,
  ) {}

  now(): number {
    return this.virtualOrigin + (Date.now() - this.realOrigin) * this.timeScale + this.offsetMs;
  }

  get scale(): number {
    return this.timeScale;
  }

  /** Changes the speed of time from now on without moving the present. */
  setScale(scale: number): void {
    const before = this.now();
    this.timeScale = scale;
    this.offsetMs += before - this.now();
    this.arm();
  }

  /** Jumps forward, running every task that falls due on the way in due-time order. */
  advance(ms: number): number {
    if (ms > 0) this.offsetMs += ms;
    this.drain();
    return this.now();
  }

  /** Runs `run` at virtual time `at` (immediately on the next drain if already past). */
  at(at: number, run: Task): void {
    const head = this.queue[0];
    heapPush(this.queue, { at, seq: this.seq++, run });
    // The armed timer still fits unless the new task is due first (re-arming 60,000 seeded
    // timers one by one at start-up would cost more than the rest of the start-up).
    if (!head || at < head.at || !this.timer) this.arm();
  }

  after(ms: number, run: Task): void {
    this.at(this.now() + ms, run);
  }

  get pending(): number {
    return this.queue.length;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      const now = this.now();
      while (this.queue.length > 0 && (this.queue[0] as Entry).at <= now) {
        const entry = heapPop(this.queue) as Entry;
        entry.run(entry.at);
      }
    } finally {
      this.draining = false;
    }
    this.arm();
  }

  private arm(): void {
    if (this.stopped || this.draining) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.queue[0];
    if (!next) return;
    const realDelay = Math.max(0, (next.at - this.now()) / this.timeScale);
    // Timers beyond ~24.8 days overflow to 1 ms in Node; re-arm in steps instead.
    this.timer = setTimeout(() => this.drain(), Math.min(Math.ceil(realDelay), 2 ** 31 - 1));
    this.timer.unref();
  }
}

function heapPush(heap: Entry[], entry: Entry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
    [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
    i = parent;
  }
}

function heapPop(heap: Entry[]): Entry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left] as Entry, heap[smallest] as Entry)) smallest = left;
      if (right < heap.length && before(heap[right] as Entry, heap[smallest] as Entry)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest] as Entry, heap[i] as Entry];
      i = smallest;
    }
  }
  return top;
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
