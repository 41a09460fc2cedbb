/** The next tier of a team among loaded teams (the escalate dialog's default); pure, safe in the browser. */
export function nextTierOf<T extends { id: string; escalatesToId: string | null }>(
  teams: readonly T[],
  teamId: string | null,
): T | undefined {
  const current = teamId ? teams.find((t) => t.id === teamId) : undefined;
  return current?.escalatesToId ? teams.find((t) => t.id === current.escalatesToId) : undefined;
}
