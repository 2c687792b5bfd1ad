/**
 * RFC 9162 §2.1.3.2 as a plan: for leaf `index` of a tree of `size` leaves and an audit path of `pathLength`
 * nodes, on which side each path node joins the running hash ('left': H(node, r); 'right': H(r, node)), or
 * null when no such path can prove inclusion. One plan serves the synchronous node verifier and the browser's
 * asynchronous WebCrypto one, so both check exactly the same thing.
 */
export function inclusionSteps(index: number, size: number, pathLength: number): ('left' | 'right')[] | null {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  const steps: ('left' | 'right')[] = [];
  for (let i = 0; i < pathLength; i++) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      steps.push('left');
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      steps.push('right');
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? steps : null;
}
