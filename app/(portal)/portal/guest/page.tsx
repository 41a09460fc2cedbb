import type { Metadata } from 'next';
import { LinkNoLongerWorks } from './link-no-longer-works';

export const metadata: Metadata = { title: 'Fresh links to your requests' };

/** "Lost your link?": fresh links to a guest's open requests, mailed to the address (same answer for every address). */
export default function FreshLinksPage() {
  return <LinkNoLongerWorks lost />;
}
