/**
 * The words that may follow a number as its unit or magnitude (spec §1). The
 * parser needs them to tell `1 GB` (a quantity) from `200 Upload` (a number
 * and a name); their meaning lives in src/semantics.
 */
export const TIME_UNITS = [
  "ms", "s", "sec", "min", "h", "hour", "hours", "day", "days", "d",
  "week", "weeks", "month", "months", "year", "years",
] as const;
export const DATA_UNITS = ["B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB"] as const;
export const DATA_RATE_UNITS = ["bps", "Kbps", "Mbps", "Gbps"] as const;
export const MULTIPLIER_UNITS = ["x"] as const;
/** `10k`, `2.5M`, `1bn`: the scale each suffix multiplies by (spec §1). */
export const MAGNITUDES = { k: 1e3, M: 1e6, bn: 1e9 } as const;
export const MAGNITUDE_SUFFIXES = Object.keys(MAGNITUDES) as readonly (keyof typeof MAGNITUDES)[];

export const UNIT_WORDS: ReadonlySet<string> = new Set<string>([
  ...TIME_UNITS,
  ...DATA_UNITS,
  ...DATA_RATE_UNITS,
  ...MULTIPLIER_UNITS,
]);

export function isUnitWord(word: string): boolean {
  return UNIT_WORDS.has(word);
}

export function isMagnitudeSuffix(word: string): boolean {
  return (MAGNITUDE_SUFFIXES as readonly string[]).includes(word);
}

/** Every word that may stand right after a number. */
export const QUANTITY_SUFFIX_WORDS: readonly string[] = [...UNIT_WORDS, ...MAGNITUDE_SUFFIXES];
