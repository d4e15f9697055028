import pytest

from newsarchive.slices import Slice, SliceError


def test_every_path_and_shard_belongs_to_exactly_one_slice():
    parts = [Slice(k, 3) for k in (1, 2, 3)]
    paths = [f"van-ban/{n}-ct-tu/index.html" for n in range(300)] + ["feed.xml", "sitemap.xml"]
    for path in paths:
        assert sum(part.owns(path) for part in parts) == 1
    assert all(50 < sum(part.owns(p) for p in paths) < 150 for part in parts)  # roughly even
    assert [[part.owns_shard(i) for part in parts].index(True) for i in range(5)] == [0, 1, 2, 0, 1]


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0"])
def test_bad_slices_are_refused(text):
    with pytest.raises(SliceError):
        Slice.parse(text)
