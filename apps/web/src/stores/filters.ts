// The board's filter state; the URL query is its source of truth so a link shows the same view.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { emptyFilters, filtersFromQuery, filtersToQuery, isFiltering, makePredicate, type BoardFilters } from '../lib/filters.ts';

export const useFilterStore = defineStore('filters', () => {
  // Replaced whole, never changed in place: a plain object, so the predicate (run over 10,000 tasks per
  // keystroke) reads its fields without going through a reactive proxy.
  const filters = shallowRef<BoardFilters>(emptyFilters());

  const query = computed<LocationQueryRaw>(() => filtersToQuery(filters.value));
  const active = computed(() => isFiltering(filters.value));
  /** null when nothing filters, so the board can skip the per-task pass entirely. */
  const predicate = computed(() => makePredicate(filters.value));

  function fromQuery(q: LocationQuery): void {
    const next = filtersFromQuery(q);
    // Keep the same object when nothing changed, so a URL echo does not re-filter 10,000 tasks.
    if (JSON.stringify(next) !== JSON.stringify(filters.value)) filters.value = next;
  }

  function set<K extends keyof BoardFilters>(key: K, value: BoardFilters[K]): void {
    filters.value = { ...filters.value, [key]: value };
  }

  function reset(): void {
    filters.value = emptyFilters();
  }

  return { filters, query, active, predicate, fromQuery, set, reset };
});
