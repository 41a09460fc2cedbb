import type { Availability } from '@/db/schema';

export const AVAILABILITY_LABELS: Record<Availability, string> = { available: 'Available', away: 'Away' };
