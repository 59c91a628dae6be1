"""Host names and addresses of this machine: what counts as loopback (no DNS lookup).

The SMTP settings allow plain `security = "none"` only to a loopback relay, and the preview serves
only loopback addresses unless told otherwise; both ask this one function.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    """True for names and addresses of this machine's loopback interface (no DNS lookup)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
