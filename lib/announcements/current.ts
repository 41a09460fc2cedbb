import { getDb } from '@/db/client';
import { listOpenAnnouncements, type OpenAnnouncement } from './announcements';

/**
 * The open announcements for the portal frame (components/portal/known-problems.tsx), which every
 * portal page renders without the page having to load them: the frame caches this per request.
 * An outage of the database here shows no banner rather than failing the page around it (the page's
 * own queries report the outage).
 */
export async function currentAnnouncements(): Promise<OpenAnnouncement[]> {
  try {
    return await listOpenAnnouncements(getDb());
  } catch (error) {
    console.error('known problems could not be read', error);
    return [];
  }
}
