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
pub(super) const MR: usize = 4;
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

/// Columns of a tile of `out` for element `T`.
const fn nr<T: Element>() -> usize {
    NV * T::LANES
}

/// `out` (`m`×`n`, zeroed, `k`, `n` ≥ 1) = `a` (`m`×`k`) · `b` (`k`×`n`), all row-major.
///
/// Errors: no memory for the packed copies (kind memory, argument `a` or `b`).
pub(super) fn gemm<T: Element>(
    a: &[T],
    b: &[T],
    k: usize,
    n: usize,
    out: &mut [T],
) -> KernelResult<()> {
    let m = out.len() / n;
    let nr = nr::<T>();
    let kc_max = T::KC.min(k);
    let mc_max = T::MC.min(m.next_multiple_of(MR));
    let nc_max = T::NC.min(n.next_multiple_of(nr));
    let mut a_packed = alloc::filled("a", mc_max * kc_max, T::ZERO)?;
    let mut b_packed = alloc::filled("b", kc_max * nc_max, T::ZERO)?;
    for jc in (0..n).step_by(T::NC) {
        let nc = T::NC.min(n - jc);
        for pc in (0..k).step_by(T::KC) {
            let kc = T::KC.min(k - pc);
            pack_b(b, n, pc, kc, jc, nc, &mut b_packed);
            for ic in (0..m).step_by(T::MC) {
                let mc = T::MC.min(m - ic);
                pack_a(a, k, ic, mc, pc, kc, &mut a_packed);
                let block = Block {
                    kc,
                    first: pc == 0,
                    rows: ic..ic + mc,
                    cols: jc..jc + nc,
                };
                multiply_block(&a_packed, &b_packed, &block, n, out);
            }
        }
    }
    Ok(())
}

/// The part of `out` one pair of packed blocks contributes to.
struct Block {
    /// Rows of `b` (columns of `a`) in the packed blocks.
    kc: usize,
    /// Whether this is the first block of `k` (the tiles start at zero, not at `out`).
    first: bool,
    rows: core::ops::Range<usize>,
    cols: core::ops::Range<usize>,
}

/// Packs rows `pc..pc + kc`, columns `jc..jc + nc` of `b` (`n` columns) into `packed`: panels of
/// `NR` columns, each `kc` rows of `NR` values, the columns past `nc` zero.
fn pack_b<T: Element>(
    b: &[T],
    n: usize,
    pc: usize,
    kc: usize,
    jc: usize,
    nc: usize,
    packed: &mut [T],
) {
    let nr = nr::<T>();
    let panels = packed[..nc.div_ceil(nr) * kc * nr].chunks_exact_mut(kc * nr);
    for (q, panel) in panels.enumerate() {
        let j0 = jc + q * nr;
        let width = nr.min(jc + nc - j0);
        for (p, dst) in panel.chunks_exact_mut(nr).enumerate() {
            let row = (pc + p) * n;
            dst[..width].copy_from_slice(&b[row + j0..row + j0 + width]);
            dst[width..].fill(T::ZERO);
        }
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

/// Adds the product of the packed blocks to `block`'s part of `out` (`n` columns), tile by tile.
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
        for (i, a_panel) in block.rows.clone().step_by(MR).zip(a_panels) {
            let height = MR.min(block.rows.end - i);
            if height == MR && width == nr {
                // SAFETY: the tile's rows i..i + MR and columns j..j + NR lie inside `out`
                // (m×n): i + MR <= rows.end <= m and j + NR <= cols.end <= n.
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
