/** The list's filters live in the URL (?status=open&assignee=me), so a filtered list can be
 *  shared, bookmarked and reloaded. Only known keys with a value are kept. */
import { useSearchParams } from "react-router";

export const filterKeys = [
  "serviceId",
  "status",
  "channel",
  "assignee",
  "processingTypeId",
  "q",
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type ListFilters = Partial<Record<FilterKey, string>>;

export function useListFilters(): [ListFilters, (changes: ListFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ListFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const change = (changes: ListFilters) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...changes })) {
      if (value) next.set(key, value);
    }
    // A processing type belongs to one service's tree.
    if (changes.serviceId !== undefined && changes.serviceId !== filters.serviceId) {
      next.delete("processingTypeId");
    }
    setParams(next, { replace: true });
  };
  return [filters, change];
}
