//! Test-only export that makes the instance trap on purpose (Cargo feature `trap-test`).
//!
//! Never part of pkg/, pkg-mt/ or the Python wheel: scripts/build-trap-test.sh builds it into
//! build/trap/ so the tests can check that the JS and Python wrappers notice a trap, report it and
//! re-instantiate the module.

use fastwasm_kernels::KernelError;

use crate::params::{Index, OptStr};

kernel_exports! {
    /// `forceTrap(kind)`: traps the instance. `kind` is `"unreachable"` (the default: an
    /// `unreachable` instruction), `"outOfBounds"` (a load past the end of linear memory) or
    /// `"stackOverflow"` (unbounded recursion); any other value throws a RangeError instead.
    #[js_name = "forceTrap"]
    fn force_trap(kind: OptStr) -> Index {
        let kind = kind.unwrap_or_else(|| "unreachable".to_owned());
        match kind.as_str() {
            "unreachable" => unreachable_instruction(),
            "outOfBounds" => Ok(load_past_memory_end().into()),
            // The start depth comes from the input so the recursion cannot be evaluated at compile time.
            "stackOverflow" => Ok(recurse_forever(kind.len() as u32, 0) as usize),
            other => Err(KernelError::value(
                "kind",
                format!("must be \"unreachable\", \"outOfBounds\" or \"stackOverflow\", got {other:?}"),
            )),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn unreachable_instruction() -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(not(target_arch = "wasm32"))]
fn unreachable_instruction() -> ! {
    std::process::abort()
}

/// Reads the last byte of the 32-bit address space, beyond any memory this module grows to.
fn load_past_memory_end() -> u8 {
    // SAFETY: none; deliberately invalid. In wasm the load traps (out of bounds) before any
    // value is produced; this is the whole purpose of the test build.
    unsafe { core::ptr::read_volatile(u32::MAX as usize as *const u8) }
}

/// Recurses until the engine's call stack is exhausted. The result of each call is combined with
/// a non-associative step, so the recursion cannot be turned into a loop, and it keeps everything
/// in wasm locals (no shadow-stack frame), so the engine's own stack limit is what is hit.
#[inline(never)]
fn recurse_forever(depth: u32, stop: u32) -> u32 {
    if depth == stop {
        return 0;
    }
    let below = recurse_forever(depth.wrapping_add(1), stop);
    below.rotate_left(depth) ^ depth
}
