import type { DossierFinding } from '../../../../libs/eventstore/src/chain/dossier-check';

const eventName = ({ event }: DossierFinding) =>
  event ? `记录 ${event.id}（${event.type}，${event.streamId} 第 ${event.revision} 条，第 ${event.leafIndex} 片叶）` : '';

/** Each finding in the reviewer's words, naming the event or signature, with the stable code beside it. */
export function findingMessage(finding: DossierFinding): string {
  const name = eventName(finding);
  const text = (() => {
    switch (finding.code) {
      case 'NOT_A_DOSSIER':
        return `这不是帮扶台账导出的卷宗（格式 ${String(finding.detail?.format)}）`;
      case 'KEY_MISMATCH':
        return `检查点注明的公钥编号是 ${String(finding.detail?.named)}，所选公钥的编号是 ${String(finding.detail?.given)}：公钥不对`;
      case 'CHECKPOINT_SIGNATURE':
        return '检查点签名用此公钥校验不通过';
      case 'MANIFEST_SIGNATURE':
        return '卷宗清单签名用此公钥校验不通过：清单被改动，或由其他密钥签名';
      case 'MANIFEST_CHECKPOINT':
        return '卷宗清单所指的检查点与卷宗内的检查点不一致';
      case 'EVENT_CHANGED':
        return `${name}：内容与其哈希不符——已被改动`;
      case 'NOT_IN_TREE':
        return `${name}：无法证明其在签名检查点的默克尔树中`;
      case 'NOT_LISTED':
        return `${name}：签名清单中没有这条记录`;
      case 'LISTED_HASH_DIFFERS':
        return `${name}：签名清单所列哈希与此不同`;
      case 'LISTED_ID_DIFFERS':
        return `${name}：签名清单所列记录编号是 ${String(finding.detail?.listed)}`;
      case 'LISTED_POSITION_DIFFERS':
        return `${name}：账本位置与签名清单所列的 ${String(finding.detail?.listed)} 不同`;
      case 'EVENT_MISSING':
        return `签名清单所列第 ${finding.leafIndex} 片叶的记录（哈希 ${String(finding.hash).slice(0, 16)}…）在卷宗中缺失`;
    }
  })();
  return `${text}（${finding.code}）`;
}
