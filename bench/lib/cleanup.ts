/** What to undo if the run is interrupted: child processes, fresh databases, temporary folders. */
const pending = new Set<() => Promise<void>>();

/** Registers an undo step; the returned function runs it (once) and forgets it. */
export function onInterrupt(step: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const run = () => {
    pending.delete(run);
    done ??= step();
    return done;
  };
  pending.add(run);
  return run;
}

/** Runs every registered step, newest first (children before their databases). */
export async function undoAll(): Promise<void> {
  for (const step of [...pending].reverse()) await step().catch(() => {});
}
