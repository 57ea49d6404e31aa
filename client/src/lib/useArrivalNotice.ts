import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { message, type Message } from './message';

/** The page's notice, starting with the one a form asked for when it navigated here ({ notice: 'created' | 'saved' }). */
export function useArrivalNotice(keys: { created: string; saved: string }) {
  const location = useLocation();
  const arrived = (location.state as { notice?: string } | null)?.notice;
  return useState<Message | null>(arrived === 'created' || arrived === 'saved' ? message(keys[arrived]) : null);
}
