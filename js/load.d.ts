// Types of pkg/load.js (fastwasm's build-choosing loader).
import type * as Fastwasm from './fastwasm.js';

export type FastwasmModule = typeof Fastwasm;

/** The single-threaded build pkg/, initialised. */
export function loadSingleThreaded(options?: { pkg?: string | URL }): Promise<FastwasmModule>;

/**
 * The multi-threaded build (by default threads/ next to load.js) with its pool started; rejects
 * with the reason it cannot be used.
 */
export function loadMultiThreaded(options?: {
  pkgMt?: string | URL;
  threadCount?: number;
  timeoutMs?: number;
}): Promise<{ fastwasm: FastwasmModule; threadCount: number }>;

/** fastwasm, threaded when possible; `reason` says why threads are not used (null when they are). */
export function loadFastwasm(options?: {
  threads?: boolean;
  threadCount?: number;
  pkg?: string | URL;
  pkgMt?: string | URL;
}): Promise<{ fastwasm: FastwasmModule; threads: boolean; threadCount: number; reason: string | null }>;
