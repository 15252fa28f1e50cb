"""How often one client may do something within a window, counted in the cache.

With REDIS_URL the cache is Redis, so every server process shares the counts; without it,
the process's memory (one process: the demo). A client is its address: REMOTE_ADDR, which
Daphne's `--proxy-headers` sets from the proxy's X-Forwarded-For in production. An IPv6
address counts by its /64, which one device or household holds whole.

Why not django-ratelimit: its check adds then reads a key (two cache round trips, and a write)
on every request, and joining a session must cost at most one read when nothing is wrong.
Here a check is one `get`; only counted events (a wrong code, an upload) write.
"""

import ipaddress
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True, slots=True)
class Limit:
    """At most `times` events per client within `seconds` (a window opened by the first)."""

    name: str
    times: int
    seconds: int


def client_address(request: HttpRequest) -> str | None:
    """The client's address as a database can store it (an IPv6 by its /64), or None when the
    request has none (a Unix socket, a test's forced login): django-axes stores it in an
    address column, which PostgreSQL refuses to compare with anything else."""
    try:
        ip = ipaddress.ip_address(request.META.get("REMOTE_ADDR") or "")
    except ValueError:
        return None
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def client_of(request: HttpRequest) -> str:
    """The client, as the throttles count it."""
    return client_address(request) or "unknown"


def _key(limit: Limit, client: str) -> str:
    return f"throttle:{limit.name}:{client}"


def is_reached(*, limit: Limit, client: str) -> bool:
    """Whether this client has used up its events in the current window (one cache read)."""
    return cache.get(_key(limit, client), 0) >= limit.times


def reached(*, limits: list[Limit], client: str) -> set[str]:
    """The names of the limits this client has reached (one cache round trip for all)."""
    keys = {_key(limit, client): limit for limit in limits}
    counts = cache.get_many(list(keys))
    return {limit.name for key, limit in keys.items() if counts.get(key, 0) >= limit.times}


def take_turn(*, name: str, client: str, seconds: int) -> bool:
    """One turn every `seconds` for this client: True when this call has it (a slowed client
    may still act, just not faster than that)."""
    return cache.add(f"throttle:{name}:turn:{client}", 1, seconds)


def count(*, limit: Limit, client: str) -> None:
    """One more event for this client."""
    key = _key(limit, client)
    if cache.add(key, 1, limit.seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # the window closed in between
        cache.set(key, 1, limit.seconds)
