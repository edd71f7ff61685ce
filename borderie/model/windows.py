"""Overlapping windows over a long piece sequence, and which window speaks for each piece.

An article longer than the encoder's window is cut into windows of at most
``size`` pieces that share ``stride`` pieces with their neighbour. Each
piece is then read from the window where it has the most context on both
sides (the middle of the overlap decides), so every piece gets exactly one
hidden state and offsets never move.
"""

from __future__ import annotations


def plan_windows(n_pieces: int, size: int, stride: int) -> list[tuple[int, int]]:
    """``[start, end)`` piece ranges covering ``0 … n_pieces`` (one empty window for an empty text)."""
    if size <= 0:
        raise ValueError(f"window size must be positive, got {size}")
    if not 0 <= stride < size:
        raise ValueError(f"stride must be in [0, {size}), got {stride}")
    if n_pieces <= size:
        return [(0, n_pieces)]
    step = size - stride
    windows = []
    start = 0
    while True:
        end = min(start + size, n_pieces)
        windows.append((start, end))
        if end == n_pieces:
            return windows
        start += step


def assign_pieces(windows: list[tuple[int, int]], n_pieces: int) -> list[tuple[int, int]]:
    """For each piece, ``(window index, position in that window)`` of the window giving it most context."""
    out: list[tuple[int, int]] = []
    w = 0
    for i in range(n_pieces):
        # move on while the next window also holds i and gives it more context
        while w + 1 < len(windows) and windows[w + 1][0] <= i:
            s0, e0 = windows[w]
            s1, e1 = windows[w + 1]
            if i >= e0 or min(i - s1, e1 - 1 - i) > min(i - s0, e0 - 1 - i):
                w += 1
            else:
                break
        out.append((w, i - windows[w][0]))
    return out
