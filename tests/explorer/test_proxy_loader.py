"""The proxies for a moving camera are made one worker at a time, for the newest scene only:
posture sliders deliver scenes faster than their proxies are made."""
import threading
import time

import pytest

import explorer.proxy_loader as proxy_loader
from explorer.proxy_loader import ProxyLoader
from models.meshing import ellipsoid
from models.scene import Part, Scene
from models.spine import Posture


def scene(n: int) -> Scene:
    return Scene([Part(f"part-{n}", "organs", ellipsoid((n, 0, 0), (5, 4, 3)), (1, 1, 1), 1.0)],
                 Posture())


def test_scenes_that_arrive_meanwhile_wait_and_only_the_newest_is_made(qtbot, monkeypatch):
    busy, most, made = [0], [0], []
    lock = threading.Lock()

    def slow_proxies(meshes):
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        time.sleep(0.2)
        with lock:
            busy[0] -= 1
        made.append(sorted(meshes))
        return dict(meshes)
    monkeypatch.setattr(proxy_loader, "make_proxies", slow_proxies)
    loader = ProxyLoader()
    delivered = []
    loader.ready.connect(lambda s, proxies: delivered.append((s, sorted(proxies))))
    scenes = [scene(n) for n in range(4)]
    for s in scenes:          # as fast as a slider delivers them
        loader.start(s)
    qtbot.waitUntil(lambda: not loader.running and len(delivered) == 2, timeout=5000)
    assert most[0] == 1                                   # never two workers at once
    assert [s for s, _ in delivered] == [scenes[0], scenes[3]]   # 1 and 2 were overtaken
    assert delivered[1][1] == ["part-3"]
