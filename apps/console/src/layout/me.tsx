import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export const MeContext = createContext<Me | null>(null);

/** The signed-in actor, inside the shell (which loads it before any page renders). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the shell');
  return me;
}

export const may = (me: Me, action: string) => me.actions.includes(action);
