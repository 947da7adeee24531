"""Creates this case's files at run time (big, binary or special files)."""

import random


def make(root):
    rng = random.Random(7)
    (root / "plan.txt").write_bytes(bytes(rng.randrange(256) for _ in range(65536)))
