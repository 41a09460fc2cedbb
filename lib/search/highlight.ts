/**
 * ts_headline wraps matches in these markers. They are private-use characters, which ticket text
 * has no business containing, so the UI can split on them and render <mark> elements as React
 * nodes: the text stays text and is never parsed as HTML.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface HighlightPart {
  text: string;
  marked: boolean;
}

/** `a\uE000b\uE001c` → [a], [b, marked], [c]. Unbalanced or nested markers are dropped, not trusted. */
export function splitHighlights(value: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let marked = false;
  let current = '';
  const push = () => {
    if (current) parts.push({ text: current, marked });
    current = '';
  };
  for (const ch of value) {
    if (ch === MARK_START) {
      push();
      marked = true;
    } else if (ch === MARK_END) {
      push();
      marked = false;
    } else {
      current += ch;
    }
  }
  push();
  // Merge neighbours of the same kind (e.g. a marker pair around nothing).
  return parts.reduce<HighlightPart[]>((merged, part) => {
    const last = merged.at(-1);
    if (last && last.marked === part.marked) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}

/** The text without markers. */
export const plainText = (value: string): string => value.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
