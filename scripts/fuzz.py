"""`scripts/archive fuzz N`: N generated hostile article files through the whole engine
(tests/hostile/probe.py). A failing input is shrunk by Hypothesis and saved in
tests/hostile/found/ for the catalogue; exit 1 when one was found."""
from __future__ import annotations

import sys
from pathlib import Path


def run_fuzz(root: Path, examples: int, seed: int | None = None) -> int:
    sys.path[:0] = [str(root / "tests"), str(root / "hooks")]
    from hypothesis import HealthCheck, Phase, given, seed as use_seed, settings, strategies as st
    from hostile.probe import check_files
    from hostile.strategies import article_file

    failing: list[list[str]] = []

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.generate, Phase.shrink])
    @given(st.lists(article_file, min_size=1, max_size=3))
    def probe(files):
        try:
            check_files(files)
        except BaseException:
            failing.append(files)
            raise

    if seed is not None:
        probe = use_seed(seed)(probe)
    try:
        probe()
    except Exception as err:  # Hypothesis re-raises the shrunk failure
        found = root / "tests" / "hostile" / "found"
        found.mkdir(parents=True, exist_ok=True)
        for n, text in enumerate(failing[-1] if failing else []):
            target = found / f"case-{len(list(found.glob('*.md'))) + 1:03d}.md"
            target.write_text(text, encoding="utf-8", errors="surrogatepass")
            print(f"saved {target}")
        print(f"fuzz: a failing input after shrinking: {type(err).__name__}: {str(err)[:500]}", file=sys.stderr)
        return 1
    print(f"fuzz: {examples} generated inputs, no failure")
    return 0
