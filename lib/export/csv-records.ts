/**
 * Counts CSV records as the bytes arrive (line breaks outside quotes), carrying the quote state
 * from one chunk to the next: the export's progress, without parsing the file.
 */
export function countRecords(text: string, state: { inQuotes: boolean }): number {
  let records = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34)
      state.inQuotes = !state.inQuotes; // '"' (an escaped "" toggles twice)
    else if (c === 10 && !state.inQuotes) records++; // '\n'
  }
  return records;
}
