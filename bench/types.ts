/** One figure a benchmark measured. `goal` is a human-readable target; `ok` says whether it was met. */
export type BenchFigure = {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  ok?: boolean;
};

export type BenchSuite = {
  name: string;
  run: () => Promise<BenchFigure[]>;
};
