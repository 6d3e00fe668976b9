// Agency lists read from the database, handed out as one frozen object per distinct content — as the
// embedded store hands out the same object until it changes. The permission checks key their agency
// indexes by identity (building one folds every name of the province's directory, ~0.5 ms), so a fresh
// copy per request would rebuild them on every request. Content is the key, so nothing can go stale.
import type { Agency } from '@dondoc/shared';

/** Distinct lists kept; more are dropped all at once (a province has a handful: its directory and its boards'). */
const MAX = 256;

export class AgencyLists {
  readonly #byText = new Map<string, readonly Agency[]>();

  /** The list `text` (JSON) holds. */
  fromText(text: string): readonly Agency[] {
    let list = this.#byText.get(text);
    if (!list) {
      if (this.#byText.size >= MAX) this.#byText.clear();
      this.#byText.set(text, (list = Object.freeze(JSON.parse(text) as Agency[])));
    }
    return list;
  }

  /** `list`, or the equal list handed out before. */
  same(list: readonly Agency[]): readonly Agency[] {
    return this.fromText(JSON.stringify(list));
  }
}
