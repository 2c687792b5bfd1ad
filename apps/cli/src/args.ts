export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

/** `a b --x 1 --y 2 --y 3 --flag` → positional [a, b], flags {x: [1], y: [2, 3], flag: ['true']}. */
export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string, fallback?: string): string {
  const value = args.flags.get(name)?.at(-1) ?? fallback;
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

export function flags(args: ParsedArgs, name: string): string[] {
  return (args.flags.get(name) ?? []).flatMap((value) => value.split(',')).filter(Boolean);
}

export function onlyFlags(args: ParsedArgs, allowed: string[]): void {
  for (const name of args.flags.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name} (options: ${allowed.map((a) => `--${a}`).join(' ')})`);
  }
}
