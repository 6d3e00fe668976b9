// Board filters: the model and predicate live in @dondoc/shared/filters, so the export route keeps
// exactly the tasks the board shows; here they are typed for vue-router's query objects.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { filtersFromQuery as fromQuery, filtersToQuery as toQuery, type BoardFilters } from '@dondoc/shared/filters';

export { emptyFilters, isFiltering, makePredicate, type BoardFilters } from '@dondoc/shared/filters';

export const filtersFromQuery = (query: LocationQuery): BoardFilters => fromQuery(query);

/** Only set filters go into the URL, so an unfiltered board has a clean link. */
export const filtersToQuery = (f: BoardFilters): LocationQueryRaw => toQuery(f);
