import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { LocalizedText } from '../api/types';
import { LocalizedName } from './LocalizedName';

interface ItemCardProps {
  /** The record's page, which its title links to. */
  to: string;
  title: LocalizedText;
  /** The title's heading level: h2 in a page's own list, h3 in a section of a page. */
  heading?: 'h2' | 'h3';
  /** The lines about the record under its title. */
  children: ReactNode;
  /** Shown beside, on the card's end. */
  badges: ReactNode;
}

/** One record in a list of cards (ul.item-cards): its linked title, a few lines about it, its badges. */
export function ItemCard({ to, title, heading: Heading = 'h2', children, badges }: ItemCardProps) {
  return (
    <li className="item-card">
      <div className="item-card-main">
        <Heading className="item-card-title">
          <Link to={to}>
            <LocalizedName value={title} />
          </Link>
        </Heading>
        {children}
      </div>
      <div className="item-card-badges">{badges}</div>
    </li>
  );
}
