"""The Redis cache shares one connection pool per process (common/redis_cache.py): Django makes
a cache object per thread and per asynchronous context, and with its own backend each of them
opened its own connections (a new one for every phone joining). Against the machine's Redis,
which the PostgreSQL + Redis run of the suite uses too."""

import threading
import uuid

import redis

from common.redis_cache import RedisCache

REDIS = "redis://127.0.0.1:6379/15"


def fresh_cache() -> RedisCache:
    """A cache object as Django makes one for each thread or request."""
    return RedisCache(REDIS, {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}"})


def connections_to_db15() -> int:
    clients = redis.Redis.from_url(REDIS).client_list()
    return sum(1 for client in clients if client.get("db") == "15")


def test_cache_objects_of_every_thread_use_one_client_and_reuse_its_connections():
    first = fresh_cache()
    first.set("clé", "valeur")
    assert first.get("clé") == "valeur"
    before = connections_to_db15()
    clients = []

    def one_request():
        cache = fresh_cache()
        cache.get_many(["a", "b"])
        clients.append(cache._cache)

    for _ in range(40):
        thread = threading.Thread(target=one_request)
        thread.start()
        thread.join()

    assert all(client is first._cache for client in clients)
    # Forty requests one after the other: the pool's one idle connection each time.
    assert connections_to_db15() <= before + 1


def test_each_cache_object_keeps_its_own_key_prefix():
    one, other = fresh_cache(), fresh_cache()
    one.set("clé", 1)
    assert other.get("clé") is None
    assert one.get("clé") == 1
