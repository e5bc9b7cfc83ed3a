// Raw f32/f64 buffers on top of the stub runtime's bump allocator.
// Everything for a grid is allocated once; resetHeap() discards ALL heap objects (buffers and
// class instances alike) so the next grid starts from an empty heap. Callers must drop every
// pointer/object they still hold after a reset.

/** Zeroed, 16-byte aligned block (stub payloads are 16-aligned). Memory may grow: JS views go stale. */
export function allocBytes(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes); // reused memory after a reset is dirty
  return p;
}

export function allocF32(n: i32): usize {
  return allocBytes(<usize>n << 2);
}

export function allocF64(n: i32): usize {
  return allocBytes(<usize>n << 3);
}

/** Drops the whole heap (stub runtime only). */
export function resetHeap(): void {
  heap.reset();
}
