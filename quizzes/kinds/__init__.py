"""Activity kinds: each one a module that brings only what differs (settings, answer checks,
results, fragments). The registry maps a kind's name to its module."""

KINDS: dict = {}


def get_kind(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise LookupError(f"Type d'activité inconnu : « {name} ».") from None
