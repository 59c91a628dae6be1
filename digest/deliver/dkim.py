"""DKIM signing of the final message bytes with dkimpy (optional: `pip install -e '.[dkim]'` in the checkout).

The signature covers the headers that one-click unsubscribe depends on (RFC 8058 wants
List-Unsubscribe and List-Unsubscribe-Post signed); dkimpy's default list lacks the latter.
Canonicalisation relaxed/relaxed survives relays that re-fold headers or trim trailing spaces.

dkimpy does the RSA step in Python arithmetic, about three quarters of its 7–30 ms per message.
With `cryptography` installed (it comes with the `dkim` extra) that one step runs in OpenSSL
instead: PKCS #1 v1.5 signatures are deterministic, so the header is byte for byte what dkimpy
alone writes (tests/test_dkim.py holds it to that), at a quarter of the time.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

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

    def __init__(self, domain: str, selector: str, key: bytes, *, openssl: bool = True) -> None:
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
        self.signing = _openssl_dkim(key) if openssl else None

    def sign(self, message: bytes) -> bytes:
        """`message` with a DKIM-Signature header in front."""
        import dkim

        try:
            if self.signing is not None:
                header = self.signing(message).sign(
                    self.selector,
                    self.domain,
                    self.key,
                    canonicalize=(b"relaxed", b"relaxed"),
                    include_headers=list(SIGNED_HEADERS),
                )
            else:
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


def _openssl_dkim(key: bytes) -> Any:
    """dkimpy's DKIM class with the RSA step in OpenSSL, for this key; None without
    `cryptography`, or for a key it cannot load (dkimpy then reports it as usual)."""
    try:
        import dkim
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils
    except ImportError:
        return None
    try:
        private = serialization.load_pem_private_key(key, password=None)
    except (ValueError, TypeError):
        return None
    if not isinstance(private, rsa.RSAPrivateKey):
        return None
    rsa_key: rsa.RSAPrivateKey = private

    class OpenSslDKIM(dkim.DKIM):  # type: ignore[misc]
        """dkimpy 1.1's gen_header for rsa-sha256, the signature made by OpenSSL."""

        def gen_header(  # type: ignore[no-untyped-def]
            self, fields, include_headers, canon_policy, header_name, pk, standardize=False
        ):
            if standardize or self.signature_algorithm != b"rsa-sha256":
                return super().gen_header(
                    fields, include_headers, canon_policy, header_name, pk, standardize
                )
            value = b"; ".join(b"=".join(x) for x in fields)
            value = dkim.fold(value, namelen=len(header_name), linesep=b"\r\n")
            value = dkim.RE_BTAG.sub(b"\\1", value)
            digest = dkim.HashThrough(self.hasher(), self.debug_content)
            headers = canon_policy.canonicalize_headers(self.headers)
            self.signed_headers = dkim.hash_headers(
                digest, canon_policy, headers, include_headers, (header_name, b" " + value),
                dict(fields),
            )  # fmt: skip
            signature = rsa_key.sign(
                digest.digest(), padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
            )
            index = next(i for i, (name, _) in enumerate(fields) if name == b"b")
            fields[index] = (b"b", base64.b64encode(signature))  # in place, as dkimpy does
            value = b"; ".join(b"=".join(x) for x in fields) + self.linesep
            return dkim.fold(value, namelen=len(header_name), linesep=self.linesep)

    return OpenSslDKIM


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
