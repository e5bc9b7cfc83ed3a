// Defaults shared by the app and its tests (no DOM imports here).
/** The preset the page opens with: Li nucleating and growing on bare Cu. */
export const DEFAULT_PRESET = 'liquid-cu-1mA';
