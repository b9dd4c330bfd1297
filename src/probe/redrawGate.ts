/**
 * "Redraw the lenses only if one would read differently": a health change comes with no way to know
 * which lens it touches without working the lenses out again. `request()` runs `differs` — which works
 * out the drawn lenses again and says whether any reads differently — one comparison at a time, so
 * comparisons follow the changes in order, and once more when a change came in meanwhile; `redraw` is
 * called when one differs. A comparison that could not be made (the engine went away mid-way) redraws:
 * the lenses then say what happened.
 */
export class RedrawGate {
  private comparing: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly differs: () => Promise<boolean>,
    private readonly redraw: () => void,
  ) {}

  request(): void {
    if (this.comparing) {
      this.again = true;
      return;
    }
    this.comparing = (async () => {
      do {
        this.again = false;
        if (await this.differs()) this.redraw();
      } while (this.again);
    })()
      .catch(() => this.redraw())
      .finally(() => (this.comparing = undefined));
  }
}
