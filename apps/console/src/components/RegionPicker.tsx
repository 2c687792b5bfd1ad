import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

interface Region {
  code: string;
  name: string;
  level: string;
}
interface Node {
  id: string;
  pId: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

/**
 * 区划导航: the province → county → township → village tree below the actor's jurisdiction, loaded a level at a
 * time, searchable by name among what is open.
 */
export function RegionPicker({ root, value, onChange }: { root: string; value: string; onChange: (code: string) => void }) {
  const [nodes, setNodes] = useState<Node[]>([]);
  // While a name is typed, the divisions the API finds by it (区划搜索), in place of the tree.
  const [found, setFound] = useState<Node[] | null>(null);
  const toNode = (parent: string) => (r: Region) => ({
    id: r.code,
    pId: parent,
    value: r.code,
    title: r.name,
    isLeaf: r.level === 'village',
  });
  useEffect(() => {
    const top = root === '000000' ? api<Region[]>('/regions?level=province') : api<Region>(`/regions/${root}`).then((r) => [r]);
    top.then(
      (regions) => setNodes(regions.map(toNode(''))),
      () => setNodes([]),
    );
  }, [root]);
  const load = async ({ value: code }: { value?: string | number }) => {
    const children = await api<Region[]>(`/regions?parent=${code}`);
    setNodes((known) => [...known, ...children.filter((c) => !known.some((n) => n.id === c.code)).map(toNode(String(code)))]);
  };
  const search = (text: string) => {
    if (!text.trim()) return setFound(null);
    api<Region[]>(`/regions?q=${encodeURIComponent(text.trim())}`).then(
      (regions) => setFound(regions.map((r) => ({ ...toNode('')(r), isLeaf: true, title: `${r.name}（${r.code}）` }))),
      () => setFound([]),
    );
  };
  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={found ?? nodes}
      value={value}
      onChange={(code: string) => {
        setFound(null);
        onChange(code);
      }}
      loadData={load}
      showSearch
      onSearch={search}
      filterTreeNode={false}
      style={{ minWidth: 240 }}
      placeholder="选择区划"
      data-testid="region-picker"
    />
  );
}
