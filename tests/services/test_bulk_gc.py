"""Bulk work raises the garbage collector's thresholds while it runs, and puts them back."""
import gc
import threading

from netevents.services.bulk_gc import BULK_THRESHOLDS, fewer_collections


def test_thresholds_are_raised_inside_and_restored_after_nested_and_concurrent_uses():
    before = gc.get_threshold()
    entered, release = threading.Event(), threading.Event()

    def other_import():
        with fewer_collections():
            entered.set()
            release.wait(5)

    with fewer_collections():
        assert gc.get_threshold() == BULK_THRESHOLDS
        worker = threading.Thread(target=other_import)
        worker.start()
        entered.wait(5)
        with fewer_collections():
            assert gc.get_threshold() == BULK_THRESHOLDS
    assert gc.get_threshold() == BULK_THRESHOLDS  # the other import still runs
    release.set()
    worker.join()
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_the_work_fails():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise ValueError("bad row")
    except ValueError:
        pass
    assert gc.get_threshold() == before
