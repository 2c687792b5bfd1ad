import { loadConfig } from '@bangfu/application';
import { serve } from './serve';

serve(loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
