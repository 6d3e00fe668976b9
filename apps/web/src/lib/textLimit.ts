// A long text against its limit: the count shows from 80 % of it, and past it the text is kept but
// not saved or sent (components/TextLimit.vue says so).

/** Past the limit: keep the text, refuse to save or send it. */
export const isOverLimit = (text: string, max: number): boolean => text.length > max;

/** Close enough to the limit to show the count. */
export const isNearLimit = (text: string, max: number): boolean => text.length >= max * 0.8;
