"""Django's Redis cache with one connection pool per server process.

Django keeps a cache object per thread and per asynchronous context, and each object makes
its own Redis client with its own connection pool (Django ticket #35651): under Daphne, every
request that touched the cache (a phone joining checks its address's wrong codes) opened a
new TCP connection to Redis, in the thread that all the phones' database work shares (bench,
PostgreSQL + Redis, 1,000 phones joining: a sixth of that thread's samples were spent
connecting). redis-py's pools are thread-safe: here every cache object of the process uses
one client, so one pool, whose connections are reused.
"""

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.utils.functional import cached_property

_clients: dict[tuple, object] = {}
_lock = threading.Lock()


class RedisCache(DjangoRedisCache):
    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client
