// Guards for parsing untrusted JSON: nesting depth is checked by a linear scan before JSON.parse.

/** True when no object/array in `text` nests deeper than `maxDepth` (brackets inside strings ignored). */
export function jsonDepthWithin(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;                 // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) { if (++depth > maxDepth) return false; }
    else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return true;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse with a depth limit; never throws. */
export function parseJsonGuarded(text: string, maxDepth: number, what: string): JsonResult {
  if (!jsonDepthWithin(text, maxDepth)) return { ok: false, message: `${what} nests deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `${what} is not valid JSON (${(e as Error).message})` };
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Name of the first key of `obj` not in `allowed`, or null. */
export function unknownKey(obj: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) return k;
  return null;
}
