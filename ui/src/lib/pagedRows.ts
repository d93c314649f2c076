// A long list fetched page by page: the count comes with the first page, the other pages are
// fetched when the rows they hold come into view (scrolling, ↓/↑, End), so that every one of
// ten thousand matches is reachable while only a few hundred rows cross the bridge at a time.

/** One page as the core sends it. */
export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

/** Fetches `limit` rows from `offset`. */
export type FetchPage<T> = (offset: number, limit: number) => Promise<Page<T>>;

/**
 * Rows per page asked of the core: a little more than a screenful (about 12 rows show), so that
 * the first page after a keystroke is quick to derive, send and paint; scrolling asks for more.
 */
export const PAGE_SIZE = 60;

/**
 * The rows of one query (one search text and filters): `rows[i]` is undefined until the page
 * holding row i has arrived. A new query starts a new `PagedRows`; an answer for an older one
 * is ignored by its owner.
 */
export class PagedRows<T> {
  total = 0;
  rows: (T | undefined)[] = [];
  private readonly asked = new Set<number>();

  constructor(
    private readonly fetch: FetchPage<T>,
    readonly pageSize = PAGE_SIZE,
  ) {}

  /** Fetches the first page (and with it the count). */
  async start(): Promise<void> {
    this.asked.add(0);
    const first = await this.fetch(0, this.pageSize);
    this.total = first.total;
    // Filled (no holes), so that slicing and mapping see every row.
    this.rows = new Array<T | undefined>(first.total).fill(undefined);
    this.place(first);
  }

  /** The pages holding rows `from..to` (end excluded) not yet fetched nor asked for. */
  missing(from: number, to: number): number[] {
    const last = Math.min(to, this.total) - 1;
    const pages: number[] = [];
    for (let p = Math.floor(Math.max(0, from) / this.pageSize); p * this.pageSize <= last; p++) {
      if (!this.asked.has(p)) pages.push(p);
    }
    return pages;
  }

  /** Fetches every page of rows `from..to` not fetched yet; true when rows arrived. */
  async ensure(from: number, to: number): Promise<boolean> {
    const pages = this.missing(from, to);
    for (const p of pages) this.asked.add(p);
    const answers = await Promise.all(
      pages.map((p) =>
        this.fetch(p * this.pageSize, this.pageSize).catch((e: unknown) => {
          // Asked again when the rows come into view next time.
          this.asked.delete(p);
          throw e;
        }),
      ),
    );
    for (const page of answers) this.place(page);
    return answers.length > 0;
  }

  private place(page: Page<T>) {
    page.rows.forEach((row, i) => {
      if (page.offset + i < this.rows.length) this.rows[page.offset + i] = row;
    });
  }
}
