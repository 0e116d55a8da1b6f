//! The matrix product behind [`matmul`](super::matmul) and [`matmul_f32`](super::matmul_f32): a
//! packed, register-tiled GEMM in the style of GotoBLAS and BLIS.
//!
//! `out` (`m`×`n`) is computed in blocks. For each block of `KC` rows of `b` and `NC` of its
//! columns, the block is copied ("packed") into panels of `NR` columns, each panel `kc`×`NR`
//! contiguous; for each block of `MC` rows of `a`, its `MC`×`kc` part is packed into panels of `MR`
//! rows, `kc`×`MR` each. The micro-kernel then computes one `MR`×`NR` tile of `out` from an `a` and
//! a `b` panel, keeping the tile in SIMD registers for the whole `kc` loop: per step of `k` it
//! loads `NR` values of `b`, broadcasts `MR` of `a`, and does `MR`×`NR` multiplications and
//! additions. Panels are padded with zeros to whole tiles, and an edge tile goes through a small
//! buffer, so the micro-kernel has a single shape.
//!
//! Order of the sums: the tile starts at zero (first block of `k`) or at the values `out` already
//! holds (later blocks), then adds `a[i][p] * b[p][j]` for increasing `p`, each product rounded and
//! then added (no fused multiply-add). Every element is therefore the textbook triple loop's
//! `((0 + a0·b0) + a1·b1) + …`, bit for bit, whatever the blocking and however the work is split
//! between threads.

use crate::alloc;
use crate::error::KernelResult;

#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    path = "gemm/wasm32.rs"
)]
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2"),
    path = "gemm/x86_64.rs"
)]
#[cfg_attr(
    not(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        all(target_arch = "x86_64", target_feature = "sse2")
    )),
    path = "gemm/portable.rs"
)]
mod simd;

/// Rows of a tile of `out` (and of an `a` panel).
const MR: usize = 4;
/// Vectors per row of a tile: a tile is `MR`×`NV` vectors, `NR = NV·LANES` columns.
const NV: usize = 2;
/// The most lanes of any element's vector (`f32`: four).
const MAX_LANES: usize = 4;

/// An element type the product computes in (`f64`, `f32`), with its block sizes and the vector
/// operations the micro-kernel needs: a 128-bit vector of `LANES` elements (wasm SIMD128, SSE2),
/// or an array of them on other targets.
pub(crate) trait Element: Copy + Send + Sync + 'static {
    /// An element's zero.
    const ZERO: Self;
    /// Elements per vector.
    const LANES: usize;
    /// Rows of `b` per block (the `k` extent of the panels; a `b` panel of `KC`×`NR` should fit
    /// in L1 next to an `a` panel).
    const KC: usize;
    /// Rows of `a` per block (a multiple of `MR`; the packed `MC`×`KC` block should fit in L2).
    const MC: usize;
    /// Columns of `b` per block (a multiple of `NR`).
    const NC: usize;
    /// The vector type.
    type V: Copy;
    /// All lanes zero.
    fn zero() -> Self::V;
    /// `acc + a·b` lane by lane, the product rounded before the sum.
    fn mul_add(acc: Self::V, a: Self::V, b: Self::V) -> Self::V;
    /// `LANES` elements from `p`.
    ///
    /// # Safety
    /// `p..p + LANES` must be readable (no alignment needed).
    unsafe fn load(p: *const Self) -> Self::V;
    /// The element at `p` in every lane.
    ///
    /// # Safety
    /// `p` must be readable.
    unsafe fn splat(p: *const Self) -> Self::V;
    /// Stores the lanes of `v` at `p..p + LANES`.
    ///
    /// # Safety
    /// `p..p + LANES` must be writable (no alignment needed).
    unsafe fn store(p: *mut Self, v: Self::V);
}

// The edge buffer of `edge_tile` holds a tile of any element type (the soundness of `tile` there
// depends on it), and bands of rows stay whole tiles.
const _: () = assert!(<f64 as Element>::LANES <= MAX_LANES && <f32 as Element>::LANES <= MAX_LANES);
const _: () = assert!(<f64 as Element>::MC % MR == 0 && <f32 as Element>::MC % MR == 0);

/// Columns of a tile of `out` for element `T`.
const fn nr<T: Element>() -> usize {
    NV * T::LANES
}

/// `out` (`m`×`n`, zeroed, `k`, `n` ≥ 1) = `a` (`m`×`k`) · `b` (`k`×`n`), all row-major.
///
/// With `parallel` (feature `threads`), each packed block of `b` is shared by bands of rows of
/// `out` computed on rayon's pool; every element is computed the same way, so the result does
/// not change.
///
/// Errors: no memory for the packed copies (kind memory, argument `a` or `b`).
pub(super) fn gemm<T: Element>(
    a: &[T],
    b: &[T],
    k: usize,
    n: usize,
    out: &mut [T],
    parallel: bool,
) -> KernelResult<()> {
    let m = out.len() / n;
    let nr = nr::<T>();
    let band = band_rows::<T>(m, parallel);
    let kc_max = T::KC.min(k);
    let nc_max = T::NC.min(n.next_multiple_of(nr));
    let mut b_packed = zeros("b", kc_max * nc_max, parallel)?;
    for jc in (0..n).step_by(T::NC) {
        let nc = T::NC.min(n - jc);
        for pc in (0..k).step_by(T::KC) {
            let kc = T::KC.min(k - pc);
            let panels = &mut b_packed[..nc.div_ceil(nr) * kc * nr];
            let no_scratch = || Ok(());
            for_each_chunk(panels, kc * nr, parallel, no_scratch, |_, q, panel| {
                pack_b_panel(
                    b,
                    n,
                    pc,
                    jc + q * nr,
                    nr.min(jc + nc - (jc + q * nr)),
                    panel,
                );
                Ok(())
            })?;
            let b_packed = &b_packed[..];
            let a_scratch = || alloc::filled("a", band * kc, T::ZERO);
            for_each_chunk(out, band * n, parallel, a_scratch, |a_packed, q, out| {
                let rows = out.len() / n;
                pack_a(a, k, q * band, rows, pc, kc, a_packed);
                let block = Block {
                    kc,
                    first: pc == 0,
                    rows,
                    cols: jc..jc + nc,
                };
                multiply_block(a_packed, b_packed, &block, n, out);
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// `len` zeros, written on rayon's pool when `parallel` (feature `threads`): a serial fill of a
/// large product would be work the other threads wait for.
///
/// Errors: no memory (kind memory, naming `argument`).
pub(super) fn zeros<T: Element>(
    argument: &'static str,
    len: usize,
    parallel: bool,
) -> KernelResult<Vec<T>> {
    #[cfg(feature = "threads")]
    if parallel {
        return crate::par::zeroed(argument, len, T::ZERO);
    }
    #[cfg(not(feature = "threads"))]
    let _ = parallel;
    alloc::filled(argument, len, T::ZERO)
}

/// Rows of `out` per band (a block of `a` packed at once): at most `MC`, a whole number of
/// tiles, and in parallel enough bands to share evenly between the threads.
fn band_rows<T: Element>(m: usize, parallel: bool) -> usize {
    let bands = m.div_ceil(T::MC);
    #[cfg(feature = "threads")]
    let bands = match parallel {
        true => bands.next_multiple_of(rayon::current_num_threads()),
        false => bands,
    };
    #[cfg(not(feature = "threads"))]
    let _ = parallel;
    m.div_ceil(bands).next_multiple_of(MR).min(T::MC)
}

/// `f(scratch, i, chunk)` for each chunk of `len` elements of `x` (the last may be shorter), on
/// rayon's pool when `parallel` (feature `threads`); the first error, if any. `scratch` comes from
/// `init`, called once serially and once per piece of work rayon splits off in parallel.
fn for_each_chunk<T: Send, S: Send>(
    x: &mut [T],
    len: usize,
    parallel: bool,
    init: impl Fn() -> KernelResult<S> + Send + Sync,
    f: impl Fn(&mut S, usize, &mut [T]) -> KernelResult<()> + Send + Sync,
) -> KernelResult<()> {
    #[cfg(feature = "threads")]
    if parallel {
        use rayon::prelude::*;
        return x
            .par_chunks_mut(len)
            .enumerate()
            .try_for_each_init(init, |scratch, (i, c)| {
                f(scratch.as_mut().map_err(|e| e.clone())?, i, c)
            });
    }
    #[cfg(not(feature = "threads"))]
    let _ = parallel;
    let mut scratch = init()?;
    x.chunks_mut(len)
        .enumerate()
        .try_for_each(|(i, c)| f(&mut scratch, i, c))
}

/// The part of `out` one pair of packed blocks contributes to.
struct Block {
    /// Rows of `b` (columns of `a`) in the packed blocks.
    kc: usize,
    /// Whether this is the first block of `k` (the tiles start at zero, not at `out`).
    first: bool,
    /// Rows of `out` in the block (the `out` slice passed along starts at the first).
    rows: usize,
    /// Columns of `out` in the block.
    cols: core::ops::Range<usize>,
}

/// Packs rows `pc..pc + kc` (`kc` = `panel.len() / NR`), columns `j0..j0 + width` of `b` (`n`
/// columns) into `panel`: `kc` rows of `NR` values, the columns past `width` zero.
fn pack_b_panel<T: Element>(
    b: &[T],
    n: usize,
    pc: usize,
    j0: usize,
    width: usize,
    panel: &mut [T],
) {
    for (p, dst) in panel.chunks_exact_mut(nr::<T>()).enumerate() {
        let row = (pc + p) * n + j0;
        dst[..width].copy_from_slice(&b[row..row + width]);
        dst[width..].fill(T::ZERO);
    }
}

/// Packs rows `ic..ic + mc`, columns `pc..pc + kc` of `a` (`k` columns) into `packed`: panels of
/// `MR` rows, each `kc` columns of `MR` values, the rows past `mc` zero.
fn pack_a<T: Element>(
    a: &[T],
    k: usize,
    ic: usize,
    mc: usize,
    pc: usize,
    kc: usize,
    packed: &mut [T],
) {
    let panels = packed[..mc.div_ceil(MR) * kc * MR].chunks_exact_mut(kc * MR);
    for (r, panel) in panels.enumerate() {
        let i0 = ic + r * MR;
        let height = MR.min(ic + mc - i0);
        for i in 0..MR {
            if i < height {
                let src = &a[(i0 + i) * k + pc..(i0 + i) * k + pc + kc];
                for (dst, &v) in panel[i..].iter_mut().step_by(MR).zip(src) {
                    *dst = v;
                }
            } else {
                for dst in panel[i..].iter_mut().step_by(MR) {
                    *dst = T::ZERO;
                }
            }
        }
    }
}

/// Adds the product of the packed blocks to `block`'s part of `out` (`n` columns, starting at
/// the block's first row), tile by tile.
fn multiply_block<T: Element>(
    a_packed: &[T],
    b_packed: &[T],
    block: &Block,
    n: usize,
    out: &mut [T],
) {
    let nr = nr::<T>();
    let kc = block.kc;
    let b_panels = b_packed.chunks_exact(kc * nr);
    for (j, b_panel) in block.cols.clone().step_by(nr).zip(b_panels) {
        let width = nr.min(block.cols.end - j);
        let a_panels = a_packed.chunks_exact(kc * MR);
        for (i, a_panel) in (0..block.rows).step_by(MR).zip(a_panels) {
            let height = MR.min(block.rows - i);
            if height == MR && width == nr {
                // SAFETY: the tile's rows i..i + MR and columns j..j + NR lie inside `out`
                // (block.rows × n): i + MR <= block.rows and j + NR <= cols.end <= n.
                unsafe {
                    tile(
                        kc,
                        a_panel,
                        b_panel,
                        out.as_mut_ptr().add(i * n + j),
                        n,
                        block.first,
                    );
                }
            } else {
                edge_tile(
                    kc,
                    a_panel,
                    b_panel,
                    &mut out[i * n + j..],
                    n,
                    height,
                    width,
                    block.first,
                );
            }
        }
    }
}

/// A tile of `height` × `width` (at most `MR`×`NR`) at the start of `out` (rows `n` apart),
/// computed in a full-size buffer.
#[allow(clippy::too_many_arguments)]
fn edge_tile<T: Element>(
    kc: usize,
    a_panel: &[T],
    b_panel: &[T],
    out: &mut [T],
    n: usize,
    height: usize,
    width: usize,
    first: bool,
) {
    let nr = nr::<T>();
    let mut buf = [T::ZERO; MR * NV * MAX_LANES];
    if !first {
        for (dst, src) in buf.chunks_exact_mut(nr).zip(out.chunks(n)).take(height) {
            dst[..width].copy_from_slice(&src[..width]);
        }
    }
    // SAFETY: `buf` holds MR rows of NR elements (NR <= NV * MAX_LANES).
    unsafe { tile(kc, a_panel, b_panel, buf.as_mut_ptr(), nr, first) };
    for (src, dst) in buf.chunks_exact(nr).zip(out.chunks_mut(n)).take(height) {
        dst[..width].copy_from_slice(&src[..width]);
    }
}

/// The micro-kernel: the `MR`×`NR` tile at `c` (rows `ldc` apart) becomes zero (`first`) or its
/// current value, plus `a_panel`·`b_panel`, summed over `p` in increasing order.
///
/// # Safety
/// `c + i·ldc + j` must be valid to read and write for `i < MR`, `j < NR`.
#[inline(always)]
unsafe fn tile<T: Element>(
    kc: usize,
    a_panel: &[T],
    b_panel: &[T],
    c: *mut T,
    ldc: usize,
    first: bool,
) {
    let nr = nr::<T>();
    let lanes = T::LANES;
    let (a_panel, b_panel) = (&a_panel[..kc * MR], &b_panel[..kc * nr]);
    let mut acc = [[T::zero(); NV]; MR];
    if !first {
        for (i, row) in acc.iter_mut().enumerate() {
            for (v, x) in row.iter_mut().enumerate() {
                // SAFETY: inside the tile (the caller's contract).
                *x = unsafe { T::load(c.add(i * ldc + v * lanes)) };
            }
        }
    }
    let (mut ap, mut bp) = (a_panel.as_ptr(), b_panel.as_ptr());
    for _ in 0..kc {
        // SAFETY: `ap` and `bp` step through the panels, MR and NR elements at a time, kc times:
        // exactly the kc·MR and kc·NR elements checked by the slicing above.
        unsafe {
            let mut bv = [T::zero(); NV];
            for (v, x) in bv.iter_mut().enumerate() {
                *x = T::load(bp.add(v * lanes));
            }
            for (i, row) in acc.iter_mut().enumerate() {
                let av = T::splat(ap.add(i));
                for (x, &b) in row.iter_mut().zip(&bv) {
                    *x = T::mul_add(*x, av, b);
                }
            }
            ap = ap.add(MR);
            bp = bp.add(nr);
        }
    }
    for (i, row) in acc.iter().enumerate() {
        for (v, &x) in row.iter().enumerate() {
            // SAFETY: inside the tile (the caller's contract).
            unsafe { T::store(c.add(i * ldc + v * lanes), x) };
        }
    }
}
