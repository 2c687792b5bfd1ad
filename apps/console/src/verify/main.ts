import { checkDossier, type DossierVerdict } from '../../../../libs/eventstore/src/chain/dossier-check';
import { findingMessage } from './messages';
import { webCrypto } from './web-crypto';

// The offline dossier check: a page of its own, inlined into one file at build time, so that it runs from a
// saved copy with the network off. It reads the two files the reviewer picks and asks nothing of any server.

const dossierInput = document.getElementById('dossier') as HTMLInputElement;
const keyInput = document.getElementById('key') as HTMLInputElement;
const button = document.getElementById('check') as HTMLButtonElement;
const verdictBox = document.getElementById('verdict') as HTMLDivElement;

const ready = () => {
  button.disabled = !(dossierInput.files?.length && keyInput.files?.length);
};
dossierInput.addEventListener('change', ready);
keyInput.addEventListener('change', ready);

function show(verdict: DossierVerdict | null, lines: string[], title: string) {
  verdictBox.className = verdict?.ok ? 'ok' : 'failed';
  verdictBox.dataset.verdict = JSON.stringify(verdict);
  verdictBox.replaceChildren();
  const heading = document.createElement('h2');
  heading.textContent = title;
  const list = document.createElement('ul');
  for (const line of lines) {
    const item = document.createElement('li');
    item.textContent = line;
    list.append(item);
  }
  verdictBox.append(heading, list);
}

button.addEventListener('click', async () => {
  const [dossierFile, keyFile] = [dossierInput.files?.[0], keyInput.files?.[0]];
  if (!dossierFile || !keyFile) return;
  let dossier: unknown;
  try {
    dossier = JSON.parse(await dossierFile.text());
  } catch {
    show(null, [`${dossierFile.name} 不是 JSON 文件（NOT_JSON）`], '无法校验');
    return;
  }
  let crypto;
  try {
    crypto = await webCrypto(await keyFile.text());
  } catch (error) {
    const code = (error as Error).message;
    show(null, [`${keyFile.name} 不是 Ed25519 公钥（PEM）（${code}）`], '无法校验');
    return;
  }
  const verdict = await checkDossier(dossier, crypto);
  const manifest = (dossier as { manifest?: { subject?: { kind: string; id: string }; checkpoint?: { treeSize: number } } }).manifest;
  if (verdict.ok) {
    show(
      verdict,
      [
        `${manifest?.subject?.kind ?? ''} ${manifest?.subject?.id ?? ''}：${verdict.events} 条记录均未被改动，且都在 ${manifest?.checkpoint?.treeSize ?? ''} 条记录的签名检查点中（公钥 ${crypto.keyId}）`,
      ],
      '校验通过',
    );
  } else {
    show(verdict, verdict.findings.map(findingMessage), `校验未通过：${verdict.findings.length} 处问题`);
  }
});
