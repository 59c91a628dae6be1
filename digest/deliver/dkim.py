"""DKIM signing of the final message bytes with dkimpy (optional: `pip install -e '.[dkim]'` in the checkout).

The signature covers the headers that one-click unsubscribe depends on (RFC 8058 wants
List-Unsubscribe and List-Unsubscribe-Post signed); dkimpy's default list lacks the latter.
Canonicalisation relaxed/relaxed survives relays that re-fold headers or trim trailing spaces.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import ConfigError, DeliveryError

SIGNED_HEADERS = (
    b"From",
    b"To",
    b"Subject",
    b"Date",
    b"Message-ID",
    b"List-Unsubscribe",
    b"List-Unsubscribe-Post",
    b"List-Id",
    b"Reply-To",
    b"MIME-Version",
    b"Content-Type",
)


class Signer:
    """Signs message bytes for one domain and selector with one private key."""

    def __init__(self, domain: str, selector: str, key: bytes) -> None:
        try:
            import dkim  # noqa: F401
        except ImportError:
            raise ConfigError(
                [
                    "dkim: DKIM is configured but dkimpy is not installed: pip install -e '.[dkim]' in the digest checkout"
                ]
            ) from None
        self.domain = domain.encode("ascii")
        self.selector = selector.encode("ascii")
        self.key = key

    def sign(self, message: bytes) -> bytes:
        """`message` with a DKIM-Signature header in front."""
        import dkim

        try:
            header = dkim.sign(
                message,
                self.selector,
                self.domain,
                self.key,
                canonicalize=(b"relaxed", b"relaxed"),
                include_headers=list(SIGNED_HEADERS),
            )
        except (dkim.DKIMException, ValueError) as err:  # a malformed key: binascii.Error
            raise DeliveryError(f"dkim: cannot sign: {err}") from None
        return header + message


def signer_for(config: Config) -> Signer | None:
    """The configured Signer, or None when [dkim] is not set; ConfigError for an unusable key."""
    dkim_config = config.dkim
    if not (dkim_config.domain and dkim_config.selector and dkim_config.key_file):
        return None
    key = _read_key(dkim_config.key_file)
    signer = Signer(dkim_config.domain, dkim_config.selector, key)
    try:
        signer.sign(b"From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\n\r\nx\r\n")
    except DeliveryError as err:
        raise ConfigError(
            [f"dkim.key_file: {dkim_config.key_file}: not a usable key ({err})"]
        ) from None
    return signer


def _read_key(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ConfigError([f"dkim.key_file: cannot read {path}: {err.strerror}"]) from None
