/**
 * Run state of one notebook cell: status, elapsed time, error, collapsed. The cell's work is
 * an async action; a run that is superseded (run again, or cancelled) never writes its result.
 */
export type CellStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export class CancelledRun extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledRun';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export class CellRun {
  status = $state<CellStatus>('idle');
  elapsedMs = $state<number | null>(null);
  error = $state<string | null>(null);
  collapsed = $state(false);
  #generation = 0;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly action: () => Promise<void>,
  ) {}

  get running(): boolean {
    return this.status === 'running';
  }

  /** Runs the cell's own action (the Run button, Run all). */
  run(): Promise<boolean> {
    return this.runWith(this.action);
  }

  /** Runs another action under this cell's status (e.g. loading a file the user picked). */
  async runWith(action: () => Promise<void>): Promise<boolean> {
    const generation = ++this.#generation;
    const t0 = performance.now();
    this.status = 'running';
    this.error = null;
    this.elapsedMs = null;
    try {
      await action();
      if (generation !== this.#generation) return false;
      this.status = 'done';
      return true;
    } catch (err) {
      if (generation !== this.#generation) return false;
      const cancelled = err instanceof Error && (err.name === 'CancelledError' || err.name === 'CancelledRun');
      this.status = cancelled ? 'cancelled' : 'error';
      this.error = cancelled ? null : errorMessage(err);
      return false;
    } finally {
      if (generation === this.#generation) this.elapsedMs = performance.now() - t0;
    }
  }

  /** Marks the current run as abandoned (the caller stops the underlying work). */
  abandon(): void {
    this.#generation++;
    this.status = 'cancelled';
  }
}

export class Notebook {
  readonly cells: CellRun[] = [];
  runningAll = $state(false);

  add(cell: CellRun): CellRun {
    this.cells.push(cell);
    return cell;
  }

  /** Runs every cell in order; a failed cell does not stop the ones after it. */
  async runAll(): Promise<void> {
    if (this.runningAll) return;
    this.runningAll = true;
    try {
      for (const cell of this.cells) await cell.run();
    } finally {
      this.runningAll = false;
    }
  }
}
