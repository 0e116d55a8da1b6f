"""The catalogue's public API: names, signatures, docstrings and type hints."""

import inspect
import typing

import pytest

import fastwasm

SIGNATURES = {
    "var": "(x, ddof=0)",
    "std": "(x, ddof=0)",
    "min": "(x)",
    "max": "(x)",
    "argmin": "(x)",
    "argmax": "(x)",
    "norm": "(x)",
    "median": "(x)",
    "quantile": "(x, q)",
    "cumsum": "(x)",
    "histogram": "(x, bins, range=None)",
    "sort": "(x)",
    "argsort": "(x)",
    "unique": "(x)",
    "matmul": "(a, b)",
    "transpose": "(a)",
    "solve": "(a, b)",
    "det": "(a)",
    "inv": "(a)",
    "fft": "(x)",
    "ifft": "(x)",
    "convolve": "(a, v, mode='full')",
    "moving_average": "(x, window)",
    "grayscale": "(rgba, w, h)",
    "gaussian_blur": "(rgba, w, h, sigma)",
    "sobel": "(rgba, w, h)",
    "levenshtein": "(a, b)",
    "word_counts": "(text, k)",
    "sum": "(x)",
    "mean": "(x)",
    "dot": "(a, b)",
    "primes": "(n)",
    "mandelbrot": "(w, h, x_min, x_max, y_min, y_max, max_iter)",
}


def test_all_functions_are_exported():
    assert set(SIGNATURES) <= set(fastwasm.__all__)
    assert len(fastwasm.__all__) == len(set(fastwasm.__all__))


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_signature_docstring_and_hints(name):
    func = getattr(fastwasm, name)
    sig = inspect.signature(func)
    plain = sig.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    assert str(plain) == SIGNATURES[name]
    assert func.__doc__ and "numpy" in func.__doc__
    hints = typing.get_type_hints(func)
    assert set(sig.parameters) | {"return"} == set(hints)


def test_scalar_return_hints():
    for name in ("var", "std", "min", "max", "norm", "median", "quantile", "det"):
        assert typing.get_type_hints(getattr(fastwasm, name))["return"] is float, name
    for name in ("argmin", "argmax", "levenshtein"):
        assert typing.get_type_hints(getattr(fastwasm, name))["return"] is int, name
    assert typing.get_type_hints(fastwasm.word_counts)["return"] == list[tuple[str, int]]


def test_builtins_still_work_after_import():
    import builtins

    assert builtins.min is not fastwasm.min and builtins.max is not fastwasm.max
    assert min([3, 1]) == 1 and max([3, 1]) == 3 and sum([1, 2]) == 3
