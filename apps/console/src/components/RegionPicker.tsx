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
  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={nodes}
      value={value}
      onChange={onChange}
      loadData={load}
      showSearch
      treeNodeFilterProp="title"
      style={{ minWidth: 240 }}
      placeholder="选择区划"
      data-testid="region-picker"
    />
  );
}
