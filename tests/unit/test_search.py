"""Search aids and shard planning."""
from builders import article
from newsarchive.search import compact_code, folded_dj_words, search_aids, sort_value
from newsarchive.search_index import plan_shards


def test_codes_and_folded_words():
    assert compact_code("16-CT/TU") == "16cttu" and compact_code("91/2017/NĐ-CP") == "912017ndcp"
    a = article(title="Đảng ủy khối", body="Đoàn kết, đồng lòng theo Nghị định số 91/2017/NĐ-CP.\n")
    assert folded_dj_words(a) == "Dảng Doàn dồng dịnh 91/2017/ND-CP"  # Pagefind folds the other marks
    assert set(search_aids(a)["codes"].split()) == {"912017ndcp", "91ndcp"}


def test_partial_dates_sort_at_the_end_of_their_period():
    assert sort_value(article(date="2021")) > sort_value(article(date="2021-12")) > sort_value(article(date="2021-12-31"))


def test_shards_group_consecutive_years_under_the_limit():
    assert plan_shards({2021: 3000, 2020: 1500, 2019: 1000, 2018: 6000}, 5000) == [[2021], [2020, 2019], [2018]]
    assert plan_shards({}, 5000) == []


def test_pagefind_runs_one_at_a_time_until_the_build_says_a_second_may_go():
    import threading
    import time

    from newsarchive.search_index import _run_jobs
    lock, running, seen, allowed = threading.Lock(), [0], [], threading.Event()

    def job(n):
        with lock:
            running[0] += 1
            seen.append((running[0], allowed.is_set()))
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        if n == 1:
            allowed.set()  # after the second job: the build's own work is done
        return n * 10

    assert _run_jobs([lambda n=n: job(n) for n in range(6)], allowed.is_set) == [0, 10, 20, 30, 40, 50]
    assert all(count == 1 for count, wider in seen if not wider)
    assert max(count for count, _ in seen) == 2
