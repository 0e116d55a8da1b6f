"""Image kernels (grayscale, gaussian_blur, sobel) against naive per-definition references, and
text kernels (levenshtein, word_counts) against dynamic programming and collections.Counter
(all in naive.py)."""

import random

import pytest

import fastwasm
from naive import counter_word_counts, dp_levenshtein, naive_blur, naive_grayscale, naive_sobel

RNG = random.Random(5)


def random_image(w, h):
    return bytes(RNG.randrange(256) for _ in range(4 * w * h))


def assert_close_bytes(got, want, tol=1):
    # Float sums in a different order may land on the other side of a .5; allow 1 step there, in 1%
    # of the bytes, and always in one whole pixel: a flipped sobel magnitude changes R, G and B.
    assert len(got) == len(want)
    diffs = [abs(g - w) for g, w in zip(got, want)]
    assert max(diffs, default=0) <= tol
    assert sum(d != 0 for d in diffs) <= max(4, len(diffs) // 100)


@pytest.mark.parametrize(("w", "h"), [(1, 1), (3, 2), (8, 5), (17, 11)])
def test_grayscale(w, h):
    img = random_image(w, h)
    result = fastwasm.grayscale(img, w, h)
    assert type(result) is bytearray
    assert result == naive_grayscale(img)


def test_grayscale_known_pixels():
    img = bytes([255, 0, 0, 10, 0, 255, 0, 20, 0, 0, 255, 30, 255, 255, 255, 255])
    assert fastwasm.grayscale(img, 2, 2) == bytearray(
        [76, 76, 76, 10, 150, 150, 150, 20, 29, 29, 29, 30, 255, 255, 255, 255]
    )


@pytest.mark.parametrize(("w", "h", "sigma"), [(1, 1, 1.0), (4, 3, 0.5), (9, 7, 1.0), (12, 5, 2.3), (6, 6, 0.1)])
def test_gaussian_blur(w, h, sigma):
    img = random_image(w, h)
    assert_close_bytes(fastwasm.gaussian_blur(img, w, h, sigma), naive_blur(img, w, h, sigma))


def test_gaussian_blur_of_flat_image_is_unchanged():
    img = bytes([10, 20, 30, 40]) * 35
    assert fastwasm.gaussian_blur(img, 7, 5, 1.7) == bytearray(img)
    assert fastwasm.gaussian_blur(img, 7, 5, 3) == bytearray(img)  # int sigma


@pytest.mark.parametrize(("w", "h"), [(1, 1), (3, 3), (10, 6), (16, 9)])
def test_sobel(w, h):
    img = random_image(w, h)
    assert_close_bytes(fastwasm.sobel(img, w, h), naive_sobel(img, w, h))


def test_sobel_flat_image_is_black_and_edge_is_found():
    flat = bytes([90, 90, 90, 255]) * 12
    assert fastwasm.sobel(flat, 4, 3) == bytearray([0, 0, 0, 255]) * 12
    # Left half black, right half white: a vertical edge, saturated at 255.
    img = b"".join(bytes([0, 0, 0, 255] if x < 2 else [255] * 4) for _ in range(3) for x in range(4))
    row = fastwasm.sobel(img, 4, 3)[:16]
    assert row == bytearray([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255])


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [("", "", 0), ("abc", "", 3), ("", "xy", 2), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
     ("same", "same", 0), ("héllo", "hello", 1), ("日本語", "日本", 1), ("😀a", "a😀", 2)],
)
def test_levenshtein_known(a, b, d):
    assert fastwasm.levenshtein(a, b) == d
    assert fastwasm.levenshtein(b, a) == d
    assert type(fastwasm.levenshtein(a, b)) is int


def test_levenshtein_random_against_dp():
    for _ in range(50):
        a = "".join(RNG.choice("abcdé") for _ in range(RNG.randrange(12)))
        b = "".join(RNG.choice("abcdé") for _ in range(RNG.randrange(12)))
        assert fastwasm.levenshtein(a, b) == dp_levenshtein(a, b), (a, b)


SAMPLE_TEXT = "The cat and the hat. THE END! Cat, hat? and... a Zebra; the"


@pytest.mark.parametrize("k", [0, 1, 3, 4, 5, 100])
def test_word_counts_sample(k):
    assert fastwasm.word_counts(SAMPLE_TEXT, k) == counter_word_counts(SAMPLE_TEXT, k)


def test_word_counts_known_and_types():
    result = fastwasm.word_counts(SAMPLE_TEXT, 4)
    assert result == [("the", 4), ("and", 2), ("cat", 2), ("hat", 2)]
    assert all(type(p) is tuple and type(p[0]) is str and type(p[1]) is int for p in result)
    assert fastwasm.word_counts("", 3) == []
    assert fastwasm.word_counts("snake_case x2 x2", 5) == [("x2", 2), ("case", 1), ("snake", 1)]


def test_word_counts_random_text():
    words = ["alpha", "Beta", "gamma", "delta", "Ünïcode", "x1", "42"]
    text = " ,.;!\n".join(RNG.choice(words) for _ in range(2000))
    assert fastwasm.word_counts(text, 5) == counter_word_counts(text, 5)
