"""Venue mode: the facilitator's laptop serves the workshop on the local network, for a room
whose Wi-Fi is weak or filtered. Nothing here needs the internet."""

import socket

# Any address outside this machine: connecting a UDP socket sends nothing, it only makes the
# system choose the interface (and so the address) it would reach the network through.
_SOME_NETWORK_ADDRESS = ("10.255.255.255", 9)


def lan_address() -> str:
    """The address the phones on the same Wi-Fi (or the laptop's hotspot) reach it at;
    the loopback address when the laptop is on no network at all."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_SOME_NETWORK_ADDRESS)
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def venue_environment(*, address: str, port: int, environ: dict[str, str]) -> dict[str, str]:
    """The variables of the server process: the laptop's address is the site's address (the
    QR codes carry it) and an allowed host, and plain HTTP on the local network."""
    base_url = f"http://{address}:{port}"
    return environ | {
        "ALLOWED_HOSTS": f"{address},127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": base_url,
        "SITE_URL": base_url,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BEHIND_PROXY": "0",
    }
