"""SiteSwap: the old site stays until the new one is complete; builds take turns."""
import threading
import time

from newsarchive.site_folder import SiteSwap


def _building(tmp_path):
    """A published site with old.html and a build under way that wrote new.html."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("cũ")
    swap = SiteSwap(site)
    swap.begin()
    (swap.staging / "new.html").write_text("mới")
    return site, swap


def test_commit_replaces_the_site_whole(tmp_path):
    site, swap = _building(tmp_path)
    assert (site / "old.html").exists()  # untouched while the build runs
    swap.commit()
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_detached_deletion_puts_the_site_in_place_and_the_old_ones_go_after(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    for n in range(200):
        (site / "sub" / f"{n}.html").write_text("cũ")
    (tmp_path / ".site.old-99999" / "sub").mkdir(parents=True)  # left by an earlier build
    (tmp_path / ".site.old-99999" / "sub" / "a.html").write_text("cũ")
    swap = SiteSwap(site, detach=True)
    swap.begin()
    (swap.staging / "new.html").write_text("mới")
    swap.commit()
    assert [p.name for p in site.iterdir()] == ["new.html"]  # in place when commit returns
    deadline = time.monotonic() + 20
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_the_replaced_site_can_be_kept_by_the_commit_callback(tmp_path):
    site, swap = _building(tmp_path)
    swap.commit(after=lambda replaced: replaced.rename(tmp_path / "kept"))
    assert (tmp_path / "kept" / "old.html").read_text() == "cũ" and (site / "new.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "kept", "site"]
    swap = SiteSwap(site)
    swap.begin()
    swap.commit(after=lambda replaced: None)  # not kept: deleted
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "kept", "site"]


def test_leftovers_of_a_killed_build_are_removed_and_the_site_kept(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("a")
    (tmp_path / ".site.building-99999").mkdir()
    swap = SiteSwap(site)
    swap.begin()
    assert not (tmp_path / ".site.building-99999").exists() and (site / "a.html").exists()
    swap.release()


def test_a_second_build_waits_for_the_lock(tmp_path):
    site = tmp_path / "site"
    first = SiteSwap(site)
    first.begin()
    waited, done = [], []

    def second():
        other = SiteSwap(site)
        other._old = tmp_path / ".site.old-second"
        other.staging = tmp_path / ".site.building-second"
        other.begin(on_wait=lambda: waited.append(True))
        done.append(time.monotonic())
        other.release()

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.3)
    assert waited == [True] and done == []
    released = time.monotonic()
    first.commit()
    thread.join(5)
    assert done and done[0] >= released
