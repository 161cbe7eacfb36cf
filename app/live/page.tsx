import type { Metadata } from 'next';
import { AttendeeView } from '@/components/attendee/AttendeeView';
import { audienceDeck } from '@/lib/deck/audience-deck';
import { loadDeck } from '@/content/load-deck';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Follow the talk — meshstage' };

export default function LivePage() {
  return <AttendeeView deck={audienceDeck(loadDeck())} />;
}
