import { describe, expect, it, vi } from "vitest";

import { PagedRows, type Page } from "./pagedRows";

/** A core holding rows 0..total-1, answering pages of them. */
function core(total: number) {
  return vi.fn(async (offset: number, limit: number): Promise<Page<number>> => {
    const rows: number[] = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(i);
    return { total, offset, rows };
  });
}

describe("PagedRows", () => {
  it("knows the count from the first page and leaves the other rows to fetch", async () => {
    const fetch = core(10_000);
    const list = new PagedRows(fetch, 200);
    await list.start();
    expect(list.total).toBe(10_000);
    expect(list.rows.length).toBe(10_000);
    expect(list.rows[199]).toBe(199);
    expect(list.rows[200]).toBeUndefined();
    expect(fetch).toHaveBeenCalledWith(0, 200);
  });

  it("fetches the pages of the rows that come into view, each once", async () => {
    const fetch = core(10_000);
    const list = new PagedRows(fetch, 200);
    await list.start();
    expect(list.missing(150, 450)).toEqual([1, 2]);
    expect(await list.ensure(150, 450)).toBe(true);
    expect(list.rows[449]).toBe(449);
    expect(await list.ensure(150, 450)).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("reaches the last match (End key) without fetching the pages between", async () => {
    const fetch = core(10_001);
    const list = new PagedRows(fetch, 200);
    await list.start();
    await list.ensure(9_990, 10_001);
    expect(list.rows[10_000]).toBe(10_000);
    expect(list.rows[5_000]).toBeUndefined();
    expect(fetch).toHaveBeenLastCalledWith(10_000, 200);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("asks no page past the end and none for an empty result", async () => {
    const fetch = core(0);
    const list = new PagedRows(fetch, 200);
    await list.start();
    expect(list.rows).toEqual([]);
    expect(list.missing(0, 30)).toEqual([]);
  });

  it("asks a page again after its fetch failed", async () => {
    const fetch = core(1_000);
    const list = new PagedRows(fetch, 200);
    await list.start();
    fetch.mockRejectedValueOnce(new Error("busy"));
    await expect(list.ensure(200, 210)).rejects.toThrow("busy");
    expect(list.missing(200, 210)).toEqual([1]);
    await list.ensure(200, 210);
    expect(list.rows[205]).toBe(205);
  });
});
