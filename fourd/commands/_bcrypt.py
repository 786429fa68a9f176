"""bcrypt, for ``Generate password hash`` and ``Verify password hash`` (only lark at run time).

bcrypt is Blowfish with an expensive key schedule ("eksblowfish", Provos and Mazières 1999).
Blowfish starts from the hexadecimal digits of pi, so instead of carrying a table of 1042
constants this module computes pi to the 33344 bits needed (Machin's formula, a few
milliseconds, once).

Pure Python is slow (cost 10, the default, takes seconds), so when the C library's
``crypt()`` knows bcrypt (libxcrypt on Linux) it is used instead; both give the same hashes
(tests check this when libcrypt is there).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import lru_cache

ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
PREFIXES = ("$2a$", "$2b$", "$2y$")
MASK = 0xFFFFFFFF


@lru_cache(maxsize=1)
def _pi_words() -> tuple[int, ...]:
    """The first 18 + 4*256 32-bit words of pi's fractional part, in hexadecimal."""
    words = 18 + 4 * 256
    bits = words * 32 + 64  # guard bits against the truncation of the series

    def arctan_inverse(x: int) -> int:  # arctan(1/x) * 2**bits
        total = term = (1 << bits) // x
        x2, n, sign = x * x, 1, -1
        while term:
            term //= x2
            n += 2
            total += sign * (term // n)
            sign = -sign
        return total

    pi = 16 * arctan_inverse(5) - 4 * arctan_inverse(239)
    fraction = (pi >> 64) - (3 << (bits - 64))
    return tuple((fraction >> (32 * (words - 1 - i))) & MASK for i in range(words))


class _Blowfish:
    __slots__ = ("p", "s0", "s1", "s2", "s3")

    def __init__(self) -> None:
        w = _pi_words()
        self.p = list(w[:18])
        self.s0, self.s1, self.s2, self.s3 = (list(w[18 + 256 * i : 18 + 256 * (i + 1)]) for i in range(4))

    def encipher(self, left: int, right: int) -> tuple[int, int]:
        p, s0, s1, s2, s3 = self.p, self.s0, self.s1, self.s2, self.s3
        for i in range(0, 16, 2):
            left ^= p[i]
            right ^= (
                (((s0[left >> 24] + s1[(left >> 16) & 255]) & MASK) ^ s2[(left >> 8) & 255]) + s3[left & 255]
            ) & MASK
            right ^= p[i + 1]
            left ^= (
                (((s0[right >> 24] + s1[(right >> 16) & 255]) & MASK) ^ s2[(right >> 8) & 255]) + s3[right & 255]
            ) & MASK
        return right ^ p[17], left ^ p[16]

    def expand(self, key: bytes, data: bytes | None) -> None:
        """The key schedule, mixing ``data`` (the salt) in when given."""
        key_words = _cycle_words(key)
        for i in range(18):
            self.p[i] ^= next(key_words)
        data_words = _cycle_words(data) if data else None
        left = right = 0
        for box in (self.p, self.s0, self.s1, self.s2, self.s3):
            for i in range(0, len(box), 2):
                if data_words is not None:
                    left ^= next(data_words)
                    right ^= next(data_words)
                left, right = self.encipher(left, right)
                box[i], box[i + 1] = left, right


def _cycle_words(data: bytes):
    """Endless big-endian 32-bit words of ``data`` repeated (Blowfish's stream2word)."""
    position = 0
    size = len(data)
    while True:
        word = 0
        for _ in range(4):
            word = (word << 8) | data[position]
            position = (position + 1) % size
        yield word


def _encode64(data: bytes) -> str:
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i : i + 3]
        n = int.from_bytes(chunk.ljust(3, b"\0"), "big")
        chars = [ALPHABET[(n >> shift) & 63] for shift in (18, 12, 6, 0)]
        out.extend(chars[: len(chunk) + 1])
    return "".join(out)


def _decode64(text: str, size: int) -> bytes:
    out = bytearray()
    for i in range(0, len(text), 4):
        chunk = text[i : i + 4]
        n = 0
        for c in chunk.ljust(4, "."):
            n = (n << 6) | _INDEX[c]
        out.extend(n.to_bytes(3, "big")[: len(chunk) - 1])
    return bytes(out[:size])


def _pure_hash(password: bytes, cost: int, salt: bytes) -> bytes:
    key = password[:72] + b"\0" if len(password) < 72 else password[:72]
    state = _Blowfish()
    state.expand(key, salt)
    for _ in range(1 << cost):
        state.expand(key, None)
        state.expand(salt, None)
    words = [int.from_bytes(b"OrpheanBeholderScryDoubt"[i : i + 4], "big") for i in range(0, 24, 4)]
    for _ in range(64):
        for j in range(0, 6, 2):
            words[j], words[j + 1] = state.encipher(words[j], words[j + 1])
    return b"".join(w.to_bytes(4, "big") for w in words)[:23]


@lru_cache(maxsize=1)
def _libcrypt():
    """The C library's ``crypt`` when it computes bcrypt like this module does, else None."""
    name = ctypes.util.find_library("crypt")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        crypt = lib.crypt
    except (OSError, AttributeError):
        return None
    crypt.restype = ctypes.c_char_p
    crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    probe = "$2y$04$" + _encode64(bytes(range(16)))
    try:
        answer = crypt(b"fourd", probe.encode())
    except Exception:
        return None
    expected = probe + _encode64(_pure_hash(b"fourd", 4, bytes(range(16))))
    return crypt if answer is not None and answer.decode("ascii", "replace") == expected else None


def hash_with_salt(password: str, cost: int, salt: bytes, prefix: str = "$2y$") -> str:
    """The bcrypt hash of ``password`` (its first 72 UTF-8 bytes) with this cost and 16-byte salt."""
    setting = f"{prefix}{cost:02d}${_encode64(salt)}"
    raw = password.encode("utf-8")
    crypt = _libcrypt() if b"\0" not in raw else None
    if crypt is not None:
        answer = crypt(raw, setting.encode("ascii"))
        if answer:
            return answer.decode("ascii")
    return setting + _encode64(_pure_hash(raw, cost, salt))


def generate(password: str, cost: int) -> str:
    return hash_with_salt(password, cost, os.urandom(16))


def parse(hashed: str) -> tuple[str, int, bytes] | None:
    """(prefix, cost, salt) of a bcrypt hash, or None when it is not one."""
    if len(hashed) != 60 or hashed[:4] not in PREFIXES or hashed[6] != "$" or not hashed[4:6].isdigit():
        return None
    if any(c not in _INDEX for c in hashed[7:]):
        return None
    return hashed[:4], int(hashed[4:6]), _decode64(hashed[7:29], 16)


def verify(password: str, hashed: str) -> bool | None:
    """Whether ``password`` matches the bcrypt ``hashed`` (None: not a bcrypt hash)."""
    parts = parse(hashed)
    if parts is None:
        return None
    prefix, cost, salt = parts
    if not 4 <= cost <= 31:
        return None
    return hash_with_salt(password, cost, salt, prefix) == hashed
