import { FLAG_TYPE_NAMES, RECIPIENT_KIND_NAMES } from '../../../../../libs/domain/src/shared/flag-names';
import { yuan } from '../../api/time';

export interface Trace {
  fundId: string;
  source: string;
  purpose: string;
  documentNumber: string;
  allocatedFen: number;
  disbursedFen: number;
  recoveredFen: number;
  reallocatedFen: number;
  balanceFen: number;
  daysIdle: number;
  disbursementCount: number;
  disbursements: {
    disbursementId: string;
    recipient: { kind: string; id: string };
    amountFen: number;
    voucherNumber: string;
    disbursedAt: string;
    receipt: { confirmedAt: string; confirmedBy: string } | null;
    recoveredFen: number;
    eventId: string;
  }[];
}
export interface FundFlag {
  flagId: string;
  type: string;
  details: { disbursementId?: string };
}

const FLAGGED = '#f5222d';

/**
 * The Sankey of one fund: source → fund → each recipient (what it kept after recoveries), plus what is left
 * (结余, recoveries included: recovered money is back in the fund) and what moved to another fund (调出), so the
 * fund's outflows add up to its allocation to the fen. Each link keeps its fen beside the yuan it draws; recipients and the balance a flag
 * names are drawn red, the flag's name in their label.
 */
export function fundSankey(trace: Trace, flags: FundFlag[]) {
  const fundNode = `${trace.documentNumber}（${trace.purpose}）`;
  const flagsOf = (disbursementId: string) => flags.filter((flag) => flag.details.disbursementId === disbursementId);
  const recipients = new Map<string, { fen: number; flags: Set<string> }>();
  for (const d of trace.disbursements) {
    const name = `${RECIPIENT_KIND_NAMES[d.recipient.kind] ?? d.recipient.kind} ${d.recipient.id}`;
    const entry = recipients.get(name) ?? { fen: 0, flags: new Set<string>() };
    entry.fen += d.amountFen - d.recoveredFen;
    for (const flag of flagsOf(d.disbursementId)) entry.flags.add(flag.type);
    recipients.set(name, entry);
  }
  const shown = [...recipients.values()].reduce((sum, entry) => sum + entry.fen, 0);
  const fundFlags = flags.filter((flag) => !flag.details.disbursementId).map((flag) => flag.type);
  const outflows: { name: string; fen: number; flags: string[] }[] = [
    ...[...recipients].map(([name, entry]) => ({ name, fen: entry.fen, flags: [...entry.flags] })),
    // A long trace comes a page at a time: what the pages not loaded paid out, as one node.
    {
      name: `其余 ${trace.disbursementCount - trace.disbursements.length} 笔拨付`,
      fen: trace.disbursedFen - trace.recoveredFen - shown,
      flags: [],
    },
    { name: '调出', fen: trace.reallocatedFen, flags: [] },
    { name: '结余', fen: trace.balanceFen, flags: fundFlags },
  ].filter((out) => out.fen > 0 || out.flags.length > 0);
  const label = (name: string, types: string[]) =>
    types.length ? `${name}\n⚠ ${types.map((t) => FLAG_TYPE_NAMES[t] ?? t).join('、')}` : name;
  const nodes = [
    { name: trace.source },
    { name: fundNode, itemStyle: fundFlags.length ? { color: FLAGGED } : undefined },
    ...outflows.map((out) => ({
      name: out.name,
      label: { formatter: label(out.name, out.flags) },
      itemStyle: out.flags.length ? { color: FLAGGED } : undefined,
      flags: out.flags,
    })),
  ];
  const links = [
    { source: trace.source, target: fundNode, value: trace.allocatedFen / 100, fen: trace.allocatedFen },
    ...outflows.map((out) => ({
      source: fundNode,
      target: out.name,
      value: Math.max(out.fen, 0) / 100,
      fen: out.fen,
      lineStyle: out.flags.length ? { color: FLAGGED, opacity: 0.5 } : undefined,
    })),
  ];
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { fen?: number }; name: string }) => (p.data.fen === undefined ? p.name : `${p.name}：${yuan(p.data.fen)}`),
    },
    series: [{ type: 'sankey', left: 8, right: 160, nodeGap: 14, emphasis: { focus: 'adjacency' }, data: nodes, links }],
  };
}
