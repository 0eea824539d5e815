/** The page number a list's `page` query parameter asks for: a whole number ≥ 1, else the first page. */
export function pageFromQuery(value: string | undefined | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
