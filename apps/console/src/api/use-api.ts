import { useEffect, useState } from 'react';
import { api } from './client';
import { messageOf } from './messages';

/** A GET the page shows: its answer, or the refusal in Chinese; `null` path waits; a new path reloads. */
export function useApi<T>(path: string | null): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setData(null);
    setError(null);
    api<T>(path).then(
      (answer) => current && setData(answer),
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  return { data, error, reload: () => setRound((n) => n + 1) };
}
